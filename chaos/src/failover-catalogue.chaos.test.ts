/**
 * The S01–S16 fault catalogue (anchors.md §5.1) against the BUILT proxy process, for
 * chat, Responses and Messages ingress, streamed and not, without and with a fallback route. The verdicts go
 * to reports/chaos/failover-catalogue.json (and a markdown scorecard next to it); chaos/README.md explains the
 * scaling and carries the scorecard.
 */
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runConfiguration, type ConfigurationResult, type RunResult } from './failover/catalogue-run.ts';
import { startFaultUpstream, type FaultUpstream } from './failover/fault-upstream.ts';
import { SCENARIO_IDS, type ScenarioId } from './failover/scenarios.ts';
import { rescued, scorecard, writeReport } from './failover/scorecard.ts';
import type { Verdict } from './failover/verdicts.ts';

let upstream: FaultUpstream | undefined;
let results: ConfigurationResult[] = [];
const runs = (): RunResult[] => results.flatMap((result) => result.runs);

/** Every run of these scenarios in one configuration, as `scenario ingress SSE|JSON → verdict (figure)`. */
function verdictsOf(scenarios: readonly ScenarioId[], fallback: boolean, stream?: boolean): string[] {
  return runs()
    .filter((run) => scenarios.includes(run.scenario) && run.fallback === fallback)
    .filter((run) => stream === undefined || run.stream === stream)
    .map(
      (run) =>
        `${run.scenario} ${run.ingress} ${run.stream ? 'SSE' : 'JSON'} → ${run.verdict} (${run.figure})`,
    );
}

/** The same list with every verdict replaced by `verdict`: what the assertion expects. */
const all = (lines: readonly string[], verdict: Verdict): string[] =>
  lines.map((line) => line.replace(/→ \w+ \(/, `→ ${verdict} (`));

beforeAll(async () => {
  upstream = await startFaultUpstream();
  results = [await runConfiguration(upstream, false), await runConfiguration(upstream, true)];
  const file = writeReport(results);
  writeFileSync(file.replace(/\.json$/, '.md'), `${scorecard(runs())}\n`);
}, 150_000);
afterAll(async () => {
  await upstream?.close();
});

describe('chaos:failover-no-fail — S01–S16 against the built proxy, chat/Responses/Messages, streamed and not, with and without a fallback', () => {
  it('zero "fail" verdicts in either configuration (no hang, no truncated success), and the process answers the exact healthy text after every fault', () => {
    expect(results.map((result) => result.runs.length)).toEqual([102, 102]);
    expect(
      runs()
        .filter((run) => run.verdict === 'fail')
        .map((run) => `${run.scenario} ${run.ingress} ${String(run.stream)}: ${run.figure}`),
    ).toEqual([]);
    expect(results.map((result) => result.aliveAfter)).toEqual([true, true]);
  });
});

describe('chaos:failover-cooldown-scope — a Retry-After on one model never delays another model of the same provider', () => {
  it('while six S01 models wait out their 429 + Retry-After: 2 on the one key, another model of that provider answers exactly at once (under 1 s)', () => {
    for (const result of results) {
      expect(result.otherModelDuringCooldown.cooling).toBe(6);
      expect(result.otherModelDuringCooldown.exact).toBe(true);
      expect(result.otherModelDuringCooldown.ms).toBeLessThan(1_000);
    }
  });
});

describe('chaos:failover-without-fallback — the catalogue with one provider and no route', () => {
  it('without a fallback: S01, S03, S05, S10, S11, S13 pass for chat, Responses and Messages, streamed and not', () => {
    const lines = verdictsOf(['s01', 's03', 's05', 's10', 's11', 's13'], false);
    expect(lines).toHaveLength(36);
    expect(lines).toEqual(all(lines, 'pass'));
  });

  it('without a fallback: S07 (slow first token under the deadline), S08 (clean error on a cut) and S09 (stall detected by the idle deadline) pass too', () => {
    const lines = verdictsOf(['s07', 's08', 's09'], false);
    expect(lines).toEqual(all(lines, 'pass'));
  });

  it('without a fallback: S02, S04, S06, S07t, S12, S14, S15, S16 are safe — a clean error within bounds, nothing to fail over to', () => {
    const lines = verdictsOf(['s02', 's04', 's06', 's07t', 's12', 's14', 's15', 's16'], false);
    expect(lines).toHaveLength(48);
    expect(lines).toEqual(all(lines, 'safe'));
  });
});

describe('chaos:failover-with-fallback — the catalogue with a modelPlane.routes fallback to a healthy provider', () => {
  it('with a fallback: S01–S13 (S07t: first-token-deadline failover; S12: a context-length refusal routes to the next target) and S16 pass in every ingress, streamed and not', () => {
    // Every scenario but the known gap (S14 streamed) and S15, which has its own check below.
    const scenarios = SCENARIO_IDS.filter((id) => !['s14', 's15'].includes(id));
    const lines = verdictsOf(scenarios, true);
    expect(lines).toHaveLength(90); // 15 scenarios × 3 ingresses × streamed and not
    expect(lines).toEqual(all(lines, 'pass'));
  });

  it('S15 with a fallback: the circuit opens, the fallback serves through the outage, the primary takes at most half the attempts it would without a circuit, and serves again within the scaled 30 s of recovery', () => {
    const lines = verdictsOf(['s15'], true);
    expect(lines).toEqual(all(lines, 'pass'));
  });
});

describe('chaos:failover-known-gaps — what the proxy does not rescue yet, asserted as it is today', () => {
  it('S14 with a fallback: safe when streamed (a clean error after the first byte, never a spliced continuation); pass when not streamed (the cut comes before any byte, the fallback serves)', () => {
    const streamed = verdictsOf(['s14'], true, true);
    expect(streamed).toEqual(all(streamed, 'safe'));
    const whole = verdictsOf(['s14'], true, false);
    expect(whole).toEqual(all(whole, 'pass'));
  });

  it('scorecard: the catalogue scenarios passing everywhere, without and with a fallback (S07 counts only when S07t passes too)', () => {
    expect({ withoutFallback: rescued(runs(), false), withFallback: rescued(runs(), true) }).toEqual({
      withoutFallback: 8,
      withFallback: 15,
    });
  });
});
