import type { ProviderId } from './providers.ts';

/** Request header that picks a scenario, like Envoy AI Gateway's header-driven test upstream. */
export const SCENARIO_HEADER = 'x-switchyard-scenario';
/** Request header overriding the pause between streamed frames (milliseconds, 0–10000). */
export const CHUNK_DELAY_HEADER = 'x-switchyard-chunk-delay-ms';

/**
 * Successful answers. All but `plain` and `streamed` stream or not as the request asks. `parallel-tool-calls`:
 * two calls, their argument fragments interleaved where the provider addresses fragments by call;
 * `reasoning-blocks`: two adjacent signed reasoning blocks (plus Anthropic's `redacted_thinking`) before the text.
 */
export const ANSWER_SCENARIOS = [
  'plain',
  'streamed',
  'tool-call',
  'reasoning',
  'parallel-tool-calls',
  'reasoning-blocks',
] as const;
export const HTTP_ERROR_SCENARIOS = [
  'error-400',
  'error-401',
  'error-404',
  'error-429',
  'error-500',
  'error-503',
  'error-529',
] as const;
/**
 * Failures after a 200: `stream-error` ends with the provider's in-stream error event,
 * `stream-truncated` closes cleanly without the terminal event, `stream-reset` aborts the connection.
 */
export const STREAM_FAILURE_SCENARIOS = ['stream-error', 'stream-truncated', 'stream-reset'] as const;

export type AnswerScenario = (typeof ANSWER_SCENARIOS)[number];
export type HttpErrorScenario = (typeof HTTP_ERROR_SCENARIOS)[number];
export type StreamFailureScenario = (typeof STREAM_FAILURE_SCENARIOS)[number];
export type ScenarioName = AnswerScenario | HttpErrorScenario | StreamFailureScenario;

const ALL_SCENARIOS: readonly ScenarioName[] = [
  ...ANSWER_SCENARIOS,
  ...HTTP_ERROR_SCENARIOS,
  ...STREAM_FAILURE_SCENARIOS,
];

/** 529 `overloaded_error` is Anthropic's own status; other providers signal overload with 503. */
export function scenariosFor(provider: ProviderId): readonly ScenarioName[] {
  return provider === 'anthropic' ? ALL_SCENARIOS : ALL_SCENARIOS.filter((name) => name !== 'error-529');
}

export function isScenarioFor(provider: ProviderId, value: string): value is ScenarioName {
  return (scenariosFor(provider) as readonly string[]).includes(value);
}

export function isHttpErrorScenario(name: ScenarioName): name is HttpErrorScenario {
  return (HTTP_ERROR_SCENARIOS as readonly string[]).includes(name);
}

export function isStreamFailureScenario(name: ScenarioName): name is StreamFailureScenario {
  return (STREAM_FAILURE_SCENARIOS as readonly string[]).includes(name);
}
