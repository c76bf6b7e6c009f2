/** Arguments of both fan-out load generators (SSE over HTTP, Responses over WebSocket). */
export interface FanoutArgs {
  readonly url: string;
  readonly headers: Record<string, string>;
  /** The request body (SSE) or the `response.create` message (WebSocket). */
  readonly body: string;
  /** `chat`: Chat Completions chunks ending in `[DONE]`; `responses`: Responses events ending in `response.completed`. */
  readonly dialect: 'chat' | 'responses';
  readonly streams: number;
  readonly deltas: number;
  /** A gap above this is a stall (10× the pacing interval). */
  readonly stallMs: number;
  /** Every stream still open after this is cut and counted as an error: the run is bounded. */
  readonly timeoutMs: number;
}

/** Streams are opened in batches so 1,000 simultaneous connects do not overflow the listen backlog. */
export const OPEN_BATCH = 50;
