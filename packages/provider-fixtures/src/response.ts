import { setTimeout as sleep } from 'node:timers/promises';

/** A streamed body yields one SSE frame (or JSON-array piece) per chunk, paced by the fixture. */
export type FixtureBody = string | AsyncIterable<string>;

export interface FixtureResponse {
  readonly status: number;
  /** Lower-case header names. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: FixtureBody;
}

/**
 * Thrown by a streamed body to say "drop the connection here": the loopback server destroys the
 * socket and the MSW handler errors its ReadableStream, so the client sees a reset, not a clean end.
 */
export class UpstreamConnectionReset extends Error {
  override readonly name = 'UpstreamConnectionReset';
}

export interface PacingOptions {
  readonly delayMs: number;
  /** Abort stops the pacing early (client went away); the body then simply ends. */
  readonly signal?: AbortSignal | undefined;
  /** After the last chunk, throw `UpstreamConnectionReset` instead of ending cleanly. */
  readonly resetAfterLast?: boolean;
}

/** Yields chunks with a pause between them, so streams reach clients incrementally. */
export async function* pacedChunks(
  chunks: readonly string[],
  options: PacingOptions,
): AsyncGenerator<string> {
  for (const [index, chunk] of chunks.entries()) {
    if (index > 0 && options.delayMs > 0) {
      try {
        await sleep(options.delayMs, undefined, options.signal ? { signal: options.signal } : {});
      } catch {
        return;
      }
    }
    if (options.signal?.aborted === true) return;
    yield chunk;
  }
  if (options.resetAfterLast === true) throw new UpstreamConnectionReset('fixture scenario stream-reset');
}

/** Collects a body into one string (tests, byte comparisons). A reset propagates as a rejection. */
export async function readFixtureBody(body: FixtureBody): Promise<string> {
  if (typeof body === 'string') return body;
  let text = '';
  for await (const chunk of body) text += chunk;
  return text;
}
