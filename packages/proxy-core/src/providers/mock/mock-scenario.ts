import type { CanonicalRequest } from '../../canonical/request.ts';
import { textOf } from '../../canonical/content.ts';

/**
 * Behaviours the mock can be told to show, so deadlines, retries and stream correctness are testable
 * end to end. Chosen by the model name (`mock-truncate`) or by a directive in the last user message
 * (`[mock:truncate]`); the model name wins.
 */
export const MOCK_SCENARIOS = [
  'normal',
  /** Some deltas, then an `error` event (503 overloaded) inside the 200 stream. */
  'fail-midstream',
  /** Some deltas, then the stream just ends: no terminal event. */
  'truncate',
  /** Starts, then waits `slowFirstTokenMs` before the first delta. */
  'slow-first-token',
  /** Half the deltas, a pause of `stallMs`, then the rest. */
  'stall',
  /** Fails before the first event with 503 and `retry-after-ms`, on every attempt. */
  'overloaded',
  /** Fails before the first event with 429 and `retry-after-ms`, on every attempt. */
  'rate-limited',
  /** Fails the first attempt with 503, then answers normally: exercises retries. */
  'flaky',
  /** Fails with a deterministic 400: must never be retried. */
  'bad-request',
  /** Calls the first tool the request defines (plain text when it defines none). */
  'tool-call',
  /** Streams reasoning before the answer. */
  'reasoning',
] as const;

export type MockScenario = (typeof MOCK_SCENARIOS)[number];

const DIRECTIVE = /\[mock:([a-z-]+)\]/;

function asScenario(name: string | undefined): MockScenario | undefined {
  return MOCK_SCENARIOS.find((scenario) => scenario === name);
}

export function lastUserText(request: CanonicalRequest): string {
  const lastUser = request.messages.findLast((message) => message.role === 'user');
  return lastUser === undefined ? '' : textOf(lastUser.content);
}

export function scenarioOf(request: CanonicalRequest): MockScenario {
  const fromModel = asScenario(request.target.model.replace(/^mock-/, ''));
  if (fromModel !== undefined) return fromModel;
  return asScenario(DIRECTIVE.exec(lastUserText(request))?.[1]) ?? 'normal';
}
