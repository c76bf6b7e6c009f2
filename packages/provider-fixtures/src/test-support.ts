import { PROVIDERS, upstreamAuthHeaders, type ProviderId, type UpstreamApi } from './providers.ts';
import { toFixtureRequest } from './request.ts';
import { respond } from './respond.ts';
import { readFixtureBody } from './response.ts';
import { SCENARIO_HEADER, type ScenarioName } from './scenarios.ts';
import { parseSseFrames, type SseFrame } from './sse.ts';

// Helpers for this package's tests: drive `respond` the way a client would and read the result back.

export const TEST_KEY = 'fixture-test-key';

export interface ExchangeOptions {
  readonly api?: UpstreamApi;
  readonly scenario?: ScenarioName;
  readonly stream?: boolean;
  readonly body?: Record<string, unknown>;
  readonly headers?: Record<string, string>;
  /** Gemini streaming: `alt=sse` unless false. */
  readonly sse?: boolean;
}

export interface Exchanged {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly text: string;
  readonly streamed: boolean;
}

/** The path a client would POST to (relative to the origin) for a provider's API. */
export function endpointPath(provider: ProviderId, options: ExchangeOptions = {}): string {
  const fixture = PROVIDERS[provider];
  const api = options.api ?? fixture.apis[0];
  if (api === 'openai-responses') return `${fixture.basePath}/responses`;
  if (api === 'anthropic-messages') return `${fixture.basePath}/messages`;
  if (api === 'gemini') {
    const sse = options.sse === false ? '' : '?alt=sse';
    const action = options.stream === true ? `streamGenerateContent${sse}` : 'generateContent';
    return `${fixture.basePath}/models/${fixture.defaultModel}:${action}`;
  }
  return `${fixture.basePath}/chat/completions`;
}

export function requestBody(provider: ProviderId, options: ExchangeOptions = {}): Record<string, unknown> {
  if (provider === 'gemini')
    return { contents: [{ role: 'user', parts: [{ text: 'hello' }] }], ...options.body };
  return {
    model: PROVIDERS[provider].defaultModel,
    ...(options.stream === true ? { stream: true } : {}),
    ...options.body,
  };
}

export async function exchange(provider: ProviderId, options: ExchangeOptions = {}): Promise<Exchanged> {
  const request = toFixtureRequest({
    method: 'POST',
    url: `https://upstream.test${endpointPath(provider, options)}`,
    headers: {
      'content-type': 'application/json',
      ...upstreamAuthHeaders(provider, TEST_KEY),
      ...(options.scenario === undefined ? {} : { [SCENARIO_HEADER]: options.scenario }),
      ...options.headers,
    },
    bodyText: JSON.stringify(requestBody(provider, options)),
  });
  const response = respond(provider, request, { chunkDelayMs: 0 });
  return {
    status: response.status,
    headers: response.headers,
    text: await readFixtureBody(response.body),
    streamed: typeof response.body !== 'string',
  };
}

export function frames(exchanged: Exchanged): SseFrame[] {
  return parseSseFrames(exchanged.text);
}

export function frameJson<T = Record<string, unknown>>(frame: SseFrame | undefined): T {
  if (frame === undefined) throw new Error('expected a frame, found none');
  return JSON.parse(frame.data) as T;
}

export function eventNames(all: readonly SseFrame[]): (string | undefined)[] {
  return all.map((frame) => frame.event);
}

export type StreamOutcome = 'completed' | 'failed' | 'truncated';

/** How a client must judge a finished stream, per protocol: terminal event, error event, or neither. */
export function streamOutcome(api: UpstreamApi, all: readonly SseFrame[]): StreamOutcome {
  const last = all.at(-1);
  if (last === undefined) return 'truncated';
  switch (api) {
    case 'openai-responses':
      if (last.event === 'error' || last.event === 'response.failed') return 'failed';
      return last.event === 'response.completed' ? 'completed' : 'truncated';
    case 'anthropic-messages':
      if (last.event === 'error') return 'failed';
      return last.event === 'message_stop' ? 'completed' : 'truncated';
    case 'openai-chat':
      if (last.data === '[DONE]') return 'completed';
      return 'error' in frameJson(last) ? 'failed' : 'truncated';
    case 'gemini': {
      const chunk = frameJson<{ error?: unknown; candidates?: { finishReason?: string }[] }>(last);
      if (chunk.error !== undefined) return 'failed';
      return chunk.candidates?.[0]?.finishReason === undefined ? 'truncated' : 'completed';
    }
  }
}
