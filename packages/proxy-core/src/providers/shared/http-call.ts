import { isTerminalPart, type StreamPart } from '../../canonical/stream-part.ts';
import { catalogued } from '../../errors/catalogue.ts';
import { ProviderError } from '../provider-error.ts';
import { parseJson } from './json.ts';
import type { KeyPool } from './key-pool.ts';
import { readSse, type SseEvent } from './sse.ts';
import type { UpstreamFailure } from './upstream-error.ts';
import { postUpstream, type UpstreamResponse } from './upstream-transport.ts';

export interface UpstreamRequest {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
}

/** Turns SSE events into canonical parts, keeping whatever state the provider's protocol needs. */
export interface StreamDecoder {
  push(event: SseEvent): StreamPart[];
  /** The body ended: closing events (e.g. `finish` when the upstream forgot `[DONE]`), or none (truncated). */
  end(): StreamPart[];
}

/** Everything one provider call needs; the adapter's index.ts fills it in. */
export interface UpstreamExchange {
  readonly provider: string;
  readonly keys: KeyPool;
  /** Builds the request for a leased key (undefined only for a provider enabled without keys). */
  readonly request: (key: string | undefined) => UpstreamRequest;
  readonly streamed: boolean;
  readonly decodeResponse: (json: unknown) => StreamPart[];
  readonly streamDecoder: () => StreamDecoder;
  readonly mapError: (failure: UpstreamFailure) => ProviderError;
}

const MAX_ERROR_BODY_CHARS = 16_384;

function isKeyFailure(status: number): boolean {
  return status === 401 || status === 403 || status === 429;
}

/**
 * POSTs through the upstream transport. A 401/403/429 cools the key down and tries the next one inside the same
 * attempt.
 */
async function send(
  exchange: UpstreamExchange,
  signal: AbortSignal,
  model: string,
  onConnected?: () => void,
): Promise<UpstreamResponse> {
  const { keys, provider } = exchange;
  for (let tries = 1; ; tries += 1) {
    const key = keys.acquire(model);
    const request = exchange.request(key?.value);
    let response: UpstreamResponse;
    try {
      response = await postUpstream(
        request.url,
        request.headers,
        JSON.stringify(request.body),
        signal,
        onConnected,
      );
    } catch (error) {
      if (signal.aborted) throw signal.reason;
      throw new ProviderError({
        ...catalogued('upstream_unreachable'),
        message: `Could not reach the ${provider} upstream at ${new URL(request.url).origin}: ${describe(error)}`,
      });
    }
    if (response.ok) return response;
    const bodyText = (await response.text().catch(() => '')).slice(0, MAX_ERROR_BODY_CHARS);
    const error = exchange.mapError({ status: response.status, headers: response.headers, bodyText });
    if (key === undefined || !isKeyFailure(response.status)) throw error;
    keys.reportFailure(key, response.status, error.retryAfterMs, model);
    if (tries >= keys.size || !keys.hasAvailable(model)) throw error;
  }
}

/**
 * What went wrong on the wire, named: the socket error codes node:http surfaces, in words an operator acts on,
 * followed by the raw message (which names the address). Unknown codes keep the raw message alone.
 */
const NETWORK_CAUSES: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset by the upstream',
  EPIPE: 'connection closed while sending',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ENOTFOUND: 'DNS lookup failed',
  EAI_AGAIN: 'DNS lookup failed (temporary)',
  ERR_TLS_CERT_ALTNAME_INVALID: 'TLS certificate does not match the host',
  CERT_HAS_EXPIRED: 'TLS certificate expired',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'TLS certificate is self-signed',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'TLS certificate chain cannot be verified',
};

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as NodeJS.ErrnoException).code;
  const named = code === undefined ? undefined : NETWORK_CAUSES[code];
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${named === undefined ? '' : `${named} (${code}): `}${error.message}${cause}`;
}

/**
 * A non-streamed body, read whole. A connection cut while it arrives is a failure before anything reached the
 * client: a retryable 502 (retried, then failed over), not an unknown error that ends the request at once.
 */
async function bodyText(response: UpstreamResponse, provider: string, signal: AbortSignal): Promise<string> {
  try {
    return await response.text();
  } catch (error) {
    if (signal.aborted) throw signal.reason;
    throw new ProviderError({
      ...catalogued('upstream_body_cut'),
      message: `The ${provider} upstream connection failed while sending its answer: ${describe(error)}`,
    });
  }
}

/** A 502 for an upstream answer the proxy cannot read; `why` completes "The <provider> upstream sent …". */
export function invalidResponse(provider: string, why: string): ProviderError {
  return new ProviderError({
    ...catalogued('upstream_invalid_response'),
    message: `The ${provider} upstream sent ${why}.`,
  });
}

/**
 * One provider call as canonical parts. Failures before the answer starts are thrown as
 * ProviderError (retryable with their real status); failures mid-stream become an `error` event.
 * Stream bodies are decoded chunk by chunk, never buffered.
 */
export async function* callUpstream(
  exchange: UpstreamExchange,
  signal: AbortSignal,
  onConnected?: () => void,
  /** The upstream model: key cooldowns after a 429 are scoped to it. */
  model = '',
): AsyncGenerator<StreamPart> {
  const response = await send(exchange, signal, model, onConnected);
  // An interceptor (MSW in the contracts) may answer without a socket: the answer proves the connection too.
  onConnected?.();
  const isJson = response.contentType.includes('application/json');
  if (!exchange.streamed || isJson) {
    // Some OpenAI-compatible upstreams answer a stream request with one JSON body; decode it as such.
    const json = parseJson(await bodyText(response, exchange.provider, signal));
    if (json === undefined) throw invalidResponse(exchange.provider, 'a body that is not JSON');
    yield* exchange.decodeResponse(json);
    return;
  }
  const decoder = exchange.streamDecoder();
  try {
    for await (const sse of readSse(response.body)) {
      for (const event of decoder.push(sse)) {
        yield event;
        if (isTerminalPart(event)) return;
      }
    }
    yield* decoder.end();
  } catch (error) {
    if (signal.aborted) throw signal.reason;
    yield {
      type: 'error',
      error: {
        ...catalogued('upstream_stream_error'),
        message: `The ${exchange.provider} stream failed: ${describe(error)}`,
      },
    };
  } finally {
    response.release();
  }
}

/**
 * One non-streamed upstream call answered with a JSON body (e.g. Anthropic's `count_tokens`): the same key
 * rotation, cooldowns and error mapping as a model call.
 */
export async function callUpstreamJson(
  exchange: UpstreamExchange,
  signal: AbortSignal,
  model = '',
): Promise<unknown> {
  const response = await send(exchange, signal, model);
  const json = parseJson(await response.text());
  if (json === undefined) throw invalidResponse(exchange.provider, 'a body that is not JSON');
  return json;
}
