/**
 * Turns a perf run into results.json assertions for the lane gate and the gap report. Each assertion's
 * title is `<metric> <bound>` under its scenario id, like a k6 threshold, so catalog `k6-threshold`
 * selectors find it and the report's p95/p99 trend charts read its `p(95)`/`p(99)` figures (ms).
 * Only what can fairly fail is an assertion: content checks, completed runs and the ratio gates.
 * Absolute speed (stalls, RPS, RSS) rides along as figures and is reported, never judged.
 */
import type { AssertionResult } from '@switchyard/testkit/results';
import { ALLOWED_GROWTH, judge, type GateVerdict } from './gates/ratio-gate.ts';
import type { ScenarioEvidence } from './k6-summary.ts';
import type { PerfRun } from './run-record.ts';
import type { FanoutLevel } from './scenarios/fanout.ts';
import type { MemoryFigures } from './scenarios/memory.ts';

type Meta = Record<string, number | string>;

function assertion(
  scenario: string,
  title: string,
  passed: boolean,
  failure: string,
  meta: Meta,
): AssertionResult {
  return {
    title,
    fullName: `${scenario} ${title}`,
    ancestorTitles: [scenario],
    status: passed ? 'passed' : 'failed',
    failureMessages: passed ? [] : [failure],
    meta,
  };
}

function memoryMeta(memory: MemoryFigures | undefined): Meta {
  return memory === undefined
    ? {}
    : { 'rss idle MiB': memory.idleMiB, 'rss peak MiB': memory.peakMiB, 'rss after MiB': memory.afterMiB };
}

/** `<metric> p(99)<=baseline*1.10`: the gate's title (its bound is relative, so it never changes). */
export function gateTitle(metric: string, stat: 'p95' | 'p99'): string {
  return `${metric} p(${stat.slice(1)})<=baseline*${(1 + ALLOWED_GROWTH[stat]).toFixed(2)}`;
}

function gateAssertion(
  scenario: string,
  metric: string,
  stat: 'p95' | 'p99',
  verdict: GateVerdict | undefined,
  figures: Meta,
): AssertionResult {
  const title = gateTitle(metric, stat);
  if (verdict === undefined) {
    return {
      title,
      fullName: `${scenario} ${title}`,
      ancestorTitles: [scenario],
      status: 'skipped',
      failureMessages: [],
      meta: figures,
    };
  }
  const measurements = verdict.measurements ?? 1;
  const meta = {
    ...figures,
    ratio: verdict.current,
    'baseline ratio': verdict.baseline,
    'ratio limit': verdict.limit,
    measurements,
  };
  const lowest = measurements > 1 ? `, the lowest of ${measurements} measurements` : '';
  return assertion(
    scenario,
    title,
    verdict.passed,
    `ratio ${verdict.current}${lowest} > limit ${verdict.limit} (stored baseline ${verdict.baseline})`,
    meta,
  );
}

function fanoutEvidence(
  transport: 'sse' | 'ws',
  level: FanoutLevel,
  verdicts: ReadonlyMap<string, GateVerdict>,
  memory: MemoryFigures | undefined,
): ScenarioEvidence {
  const scenario = `perf:${transport}-fanout-${level.streams}`;
  const { direct, proxy } = level;
  const clean = (side: typeof proxy) => side.lostFrames + side.duplicatedFrames + side.outOfOrderFrames === 0;
  const figures: Meta = {
    'p(95)': proxy.gapMs.p95,
    'p(99)': proxy.gapMs.p99,
    'proxy ttft p99': proxy.ttftMs.p99,
    'direct ttft p99': direct.ttftMs.p99,
    'direct gap p99': direct.gapMs.p99,
    'proxy stalled streams': proxy.stalledStreams,
    'direct stalled streams': direct.stalledStreams,
    'proxy errors': proxy.errors,
    'proxy lost frames': proxy.lostFrames,
    'ttft ratio p99': level.ratio.ttftP99,
    'gap ratio p99': level.ratio.gapP99,
    ...memoryMeta(memory),
  };
  const assertions = [
    assertion(
      scenario,
      'frames content-checked: every completed stream got each sequence number once, in order',
      clean(proxy) && clean(direct),
      `proxy lost ${proxy.lostFrames}, duplicated ${proxy.duplicatedFrames}, reordered ${proxy.outOfOrderFrames}; direct lost ${direct.lostFrames}, duplicated ${direct.duplicatedFrames}, reordered ${direct.outOfOrderFrames}`,
      figures,
    ),
  ];
  if (level.streams === 100) {
    const ttft = { 'p(95)': proxy.ttftMs.p95, 'p(99)': proxy.ttftMs.p99 };
    const gap = { 'p(95)': proxy.gapMs.p95, 'p(99)': proxy.gapMs.p99 };
    for (const stat of ['p95', 'p99'] as const) {
      assertions.push(
        gateAssertion(scenario, 'ttft_ratio', stat, verdicts.get(`${transport}-100 ttft ${stat}`), ttft),
      );
      assertions.push(
        gateAssertion(scenario, 'gap_ratio', stat, verdicts.get(`${transport}-100 gap ${stat}`), gap),
      );
    }
  }
  return { scenario, file: `src/load/${transport}-fanout-main.ts`, assertions };
}

/**
 * The 401 key flood and the idempotent replay: each answered with its own status every time, and neither reaches
 * the upstream. Their latency and CPU per request ride along as figures (p95/p99 for the trend charts).
 */
function requestPathsEvidence(run: PerfRun): ScenarioEvidence[] {
  const paths = run.requestPaths;
  const leaked = paths.upstreamAttemptsDuringFloodAndReplay;
  const total = paths.rounds * paths.requestsPerRound;
  const figures = (path: typeof paths.keyFlood): Meta => ({
    'p(95)': path.latency.p95,
    'p(99)': path.latency.p99,
    'p50 ms': path.latency.p50,
    'cpu µs per request': path.cpuUsPerRequest,
    'served cpu µs per request': paths.served.cpuUsPerRequest,
    'cpu ratio to served': path.cpuRatio,
    ...memoryMeta(run.memory['request-paths']),
  });
  return [
    {
      scenario: 'perf:key-flood',
      file: 'src/scenarios/request-paths.ts',
      assertions: [
        assertion(
          'perf:key-flood',
          `every wrong-key request refused 401 without an upstream attempt (${paths.rounds} interleaved rounds × ${paths.requestsPerRound})`,
          paths.keyFlood.errors === 0 && leaked === 0,
          `${paths.keyFlood.errors} of ${total} not answered 401; ${leaked} upstream attempts beyond the served requests`,
          figures(paths.keyFlood),
        ),
      ],
    },
    {
      scenario: 'perf:idempotent-replay',
      file: 'src/scenarios/request-paths.ts',
      assertions: [
        assertion(
          'perf:idempotent-replay',
          `every replay of a completed Idempotency-Key answered 200 from the store without an upstream attempt (${paths.rounds} interleaved rounds × ${paths.requestsPerRound})`,
          paths.replay.errors === 0 && paths.served.errors === 0 && leaked === 0,
          `${paths.replay.errors} replays and ${paths.served.errors} served requests not answered 200; ${leaked} upstream attempts beyond the served requests`,
          figures(paths.replay),
        ),
      ],
    },
  ];
}

export function runEvidence(
  run: PerfRun,
  current: Readonly<Record<string, number>>,
  baseline: Readonly<Record<string, number>> | undefined,
  /** Measurements behind each current ratio (confirm.ts); 1 when absent. */
  measurements: Readonly<Record<string, number>> = {},
): ScenarioEvidence[] {
  const verdicts = new Map(
    (baseline === undefined ? [] : judge(current, baseline)).map((v) => [
      v.name,
      { ...v, measurements: measurements[v.name] ?? 1 },
    ]),
  );
  const { latency, frontier, soak } = run;
  const latencyFigures: Meta = {
    'p(95)': latency.proxy.p95,
    'p(99)': latency.proxy.p99,
    'proxy p50': latency.proxy.p50,
    'direct p50': latency.direct.p50,
    'direct p99': latency.direct.p99,
    'added p50': latency.added.p50,
    'added p99': latency.added.p99,
    ...memoryMeta(run.memory['latency-c1']),
  };
  const evidence: ScenarioEvidence[] = [
    {
      scenario: 'perf:latency-c1',
      file: 'src/load/latency-main.ts',
      assertions: [
        assertion(
          'perf:latency-c1',
          `requests answered 200 (${latency.rounds} interleaved rounds × ${latency.requestsPerRound})`,
          latency.errors === 0,
          `${latency.errors} requests failed`,
          latencyFigures,
        ),
        ...(['p95', 'p99'] as const).map((stat) =>
          gateAssertion(
            'perf:latency-c1',
            'latency_ratio',
            stat,
            verdicts.get(`latency-c1 latency ${stat}`),
            {
              'p(95)': latency.proxy.p95,
              'p(99)': latency.proxy.p99,
            },
          ),
        ),
      ],
    },
  ];
  evidence.push(...requestPathsEvidence(run));
  const frontierMeta: Meta = { ...memoryMeta(run.memory['frontier']) };
  for (const [bound, rps] of Object.entries(frontier.proxy.rpsAtP99))
    frontierMeta[`proxy rps p99<${bound}ms`] = rps;
  for (const [bound, rps] of Object.entries(frontier.direct.rpsAtP99))
    frontierMeta[`direct rps p99<${bound}ms`] = rps;
  const measured = (steps: readonly { p99Ms: number }[]) => steps.some((step) => Number.isFinite(step.p99Ms));
  evidence.push({
    scenario: 'perf:frontier',
    file: 'k6/rate-step.ts',
    assertions: [
      assertion(
        'perf:frontier',
        'rps_at_p99 measured for both sides',
        measured(frontier.direct.steps) && measured(frontier.proxy.steps),
        'a side has no step with a k6 summary',
        frontierMeta,
      ),
    ],
  });
  for (const transport of ['sse', 'ws'] as const) {
    for (const level of run[transport]) {
      const memory = run.memory[`${transport}-${level.streams}`] ?? run.memory[transport];
      evidence.push(fanoutEvidence(transport, level, verdicts, memory));
    }
  }
  evidence.push({
    scenario: 'perf:soak',
    file: 'src/scenarios/soak.ts',
    assertions: [
      assertion(
        'perf:soak',
        'rss sampled every second and the proxy stayed up',
        soak.proxyAlive && soak.rssSamples >= 0.8 * soak.seconds,
        `proxy alive: ${soak.proxyAlive}; ${soak.rssSamples} RSS samples in ${soak.seconds} s`,
        {
          'rss slope MiB/min': soak.rssSlopeMiBPerMin,
          'rss start MiB': soak.rssStartMiB,
          'rss end MiB': soak.rssEndMiB,
          'event-loop p99 median ms': soak.eventLoopP99MedianMs,
          'event-loop p99 max ms': soak.eventLoopP99MaxMs,
          rps: soak.rps,
          'error rate': soak.errorRate,
          ...memoryMeta(run.memory['soak']),
        },
      ),
    ],
  });
  return evidence;
}

/**
 * Negative control of the ratio gates, run in the lane: this run's own ratios against a baseline at
 * half of them (a doubled ratio) must fail every gate — so a broken gate cannot pass quietly.
 */
export function ratioGateControl(current: Readonly<Record<string, number>>): ScenarioEvidence {
  const finite = Object.entries(current).filter(([, value]) => Number.isFinite(value) && value > 0);
  const halved = Object.fromEntries(finite.map(([name, value]) => [name, value / 2]));
  const verdicts = judge(current, halved);
  const caught = verdicts.length > 0 && verdicts.every((v) => !v.passed);
  return {
    scenario: 'perf:ratio-gate',
    file: 'src/gates/ratio-gate.ts',
    assertions: [
      assertion(
        'perf:ratio-gate',
        'a doubled ratio fails every gate',
        caught,
        `gates that passed a doubled ratio: ${
          verdicts
            .filter((v) => v.passed)
            .map((v) => v.name)
            .join(', ') || '(no gated figure)'
        }`,
        { gates: verdicts.length },
      ),
    ],
  };
}
