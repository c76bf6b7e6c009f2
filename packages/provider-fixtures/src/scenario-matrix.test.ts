import { describe, expect, it } from 'vitest';
import { PROVIDERS, PROVIDER_IDS } from './providers.ts';
import { UpstreamConnectionReset } from './response.ts';
import { SCENARIO_SERVED_HEADER } from './respond.ts';
import { scenariosFor, type ScenarioName } from './scenarios.ts';
import { exchange, frames, streamOutcome, type StreamOutcome } from './test-support.ts';

// Every scenario of every provider API, streamed and not: the status, the served scenario and, for
// streams, how a protocol-abiding client must judge the ending.

type Expectation = { status: number; outcome?: StreamOutcome; rejects?: true };

function expectationFor(scenario: ScenarioName, streamed: boolean): Expectation {
  if (scenario.startsWith('error-')) return { status: Number(scenario.slice('error-'.length)) };
  if (scenario === 'stream-error') return { status: 200, outcome: 'failed' };
  if (scenario === 'stream-truncated') return { status: 200, outcome: 'truncated' };
  if (scenario === 'stream-reset') return { status: 200, rejects: true };
  if (scenario === 'plain') return { status: 200 };
  if (scenario === 'streamed') return { status: 200, outcome: 'completed' };
  return streamed ? { status: 200, outcome: 'completed' } : { status: 200 };
}

const cases = PROVIDER_IDS.flatMap((provider) =>
  PROVIDERS[provider].apis.flatMap((api) =>
    scenariosFor(provider).flatMap((scenario) =>
      [false, true].map((stream) => ({ provider, api, scenario, stream })),
    ),
  ),
);

describe('scenario matrix', () => {
  it.each(cases)(
    '$provider $api $scenario (stream: $stream)',
    async ({ provider, api, scenario, stream }) => {
      const expected = expectationFor(scenario, stream);
      const request = exchange(provider, { api, scenario, stream });
      if (expected.rejects === true) {
        await expect(request).rejects.toBeInstanceOf(UpstreamConnectionReset);
        return;
      }
      const response = await request;
      expect(response.status).toBe(expected.status);
      expect(response.headers[SCENARIO_SERVED_HEADER]).toBe(scenario);
      if (expected.outcome === undefined) {
        expect(response.streamed).toBe(false);
        expect(response.headers['content-type']).toBe('application/json');
        expect(JSON.parse(response.text)).toBeTypeOf('object');
      } else {
        expect(response.headers['content-type']).toBe('text/event-stream');
        expect(streamOutcome(api, frames(response))).toBe(expected.outcome);
      }
    },
  );

  it('covers all six providers and the Anthropic-only 529', () => {
    expect(new Set(cases.map((entry) => entry.provider)).size).toBe(6);
    expect(cases.filter((entry) => entry.scenario === 'error-529').map((entry) => entry.provider)).toEqual([
      'anthropic',
      'anthropic',
    ]);
  });
});
