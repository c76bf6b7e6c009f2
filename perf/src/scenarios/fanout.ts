/**
 * SSE and Responses WebSocket fan-out: at each level (100, 500, 1,000 concurrent streams of 64 deltas every
 * 20 ms) the same streams run straight from the upstream and through the proxy, interleaved per round.
 * Percentiles are medians of rounds; frame counts (lost, duplicated, stalled, errors) are the worst round.
 */
import { STREAM, type PerfMode } from '../modes.ts';
import { medianOfRounds, ratio, round } from '../stats.ts';
import type { FanoutArgs } from '../load/fanout-args.ts';
import type { FanoutSummary } from '../load/stream-tracker.ts';
import { runLoadClient } from '../topology/load-client.ts';
import type { Pinning } from '../topology/pinning.ts';
import { waitUntilIdle } from '../topology/process-cpu.ts';
import type { Target } from '../topology/topology.ts';
import { rotated } from './interleave.ts';

export type FanoutTransport = 'sse' | 'ws';

/** One side's figures at a level: the same fields as one run's summary, pooled over its rounds. */
export type FanoutSide = FanoutSummary;

export interface FanoutLevel {
  readonly streams: number;
  readonly direct: FanoutSide;
  readonly proxy: FanoutSide;
  /** proxy ÷ direct of TTFT and inter-frame gap percentiles. */
  readonly ratio: {
    readonly ttftP95: number;
    readonly ttftP99: number;
    readonly gapP95: number;
    readonly gapP99: number;
  };
  /** proxy − direct, ms. */
  readonly added: { readonly ttftP99: number; readonly gapP99: number };
}

function requestFor(
  transport: FanoutTransport,
  target: Target,
  streams: number,
  timeoutMs: number,
): FanoutArgs {
  const common = { streams, deltas: STREAM.deltas, stallMs: STREAM.stallMs, timeoutMs };
  if (transport === 'sse') {
    return {
      ...common,
      url: `${target.baseUrl}/chat/completions`,
      headers: { ...target.headers },
      dialect: 'chat',
      body: JSON.stringify({
        model: target.model,
        stream: true,
        messages: [{ role: 'user', content: 'load test' }],
      }),
    };
  }
  const { ['content-type']: _contentType, ...headers } = target.headers;
  return {
    ...common,
    url: `${target.baseUrl.replace(/^http/, 'ws')}/responses`,
    headers,
    dialect: 'responses',
    body: JSON.stringify({ type: 'response.create', model: target.model, input: 'load test' }),
  };
}

function worst(runs: readonly FanoutSummary[], key: keyof FanoutSummary): number {
  return Math.max(...runs.map((run) => run[key] as number));
}

function side(runs: readonly FanoutSummary[]): FanoutSide {
  return {
    ttftMs: medianOfRounds(runs.map((run) => run.ttftMs)),
    gapMs: medianOfRounds(runs.map((run) => run.gapMs)),
    streams: runs[0]?.streams ?? 0,
    completed: Math.min(...runs.map((run) => run.completed)),
    errors: worst(runs, 'errors'),
    lostFrames: worst(runs, 'lostFrames'),
    missingOnFailed: worst(runs, 'missingOnFailed'),
    duplicatedFrames: worst(runs, 'duplicatedFrames'),
    outOfOrderFrames: worst(runs, 'outOfOrderFrames'),
    stalledStreams: worst(runs, 'stalledStreams'),
    firstErrors: [...new Set(runs.flatMap((run) => run.firstErrors))].slice(0, 3),
  };
}

/** One fan-out level against any number of targets: each side's figures by target name. */
export interface FanoutSidesLevel {
  readonly streams: number;
  readonly sides: Readonly<Record<string, FanoutSide>>;
}

/**
 * Every level against any number of targets, rounds interleaved (rotating order). After each run against
 * a gateway the runner waits for that gateway to go idle (at most 30 s), so streams it is still draining
 * cannot slow the next side down — they share its CPU.
 */
export async function measureFanoutSides(
  pinning: Pinning,
  transport: FanoutTransport,
  targets: readonly Target[],
  mode: PerfMode['fanout'],
  log: (line: string) => void,
): Promise<FanoutSidesLevel[]> {
  const script = transport === 'sse' ? 'sse-fanout-main.ts' : 'ws-fanout-main.ts';
  const levels: FanoutSidesLevel[] = [];
  for (const streams of mode.levels) {
    const runs = new Map<string, FanoutSummary[]>(targets.map((t) => [t.name, []]));
    for (let r = 0; r < mode.rounds; r += 1) {
      for (const target of rotated(targets, r)) {
        const summary = await runLoadClient<FanoutSummary>(
          pinning,
          script,
          requestFor(transport, target, streams, mode.timeoutMs),
          mode.timeoutMs + 30_000,
        );
        runs.get(target.name)?.push(summary);
        log(
          `${transport} ${streams} streams ${target.name}: TTFT p99 ${summary.ttftMs.p99.toFixed(1)} ms, gap p99 ${summary.gapMs.p99.toFixed(1)} ms, stalled ${summary.stalledStreams}, errors ${summary.errors}, lost ${summary.lostFrames}`,
        );
        if (target.pid !== undefined && targets.length > 2) await waitUntilIdle(target.pid);
      }
    }
    levels.push({
      streams,
      sides: Object.fromEntries(targets.map((t) => [t.name, side(runs.get(t.name) ?? [])])),
    });
  }
  return levels;
}

export async function measureFanout(
  pinning: Pinning,
  transport: FanoutTransport,
  targets: { direct: Target; proxy: Target },
  mode: PerfMode['fanout'],
  log: (line: string) => void,
): Promise<FanoutLevel[]> {
  const levels = await measureFanoutSides(pinning, transport, [targets.direct, targets.proxy], mode, log);
  return levels.flatMap((level) => {
    const direct = level.sides[targets.direct.name];
    const proxy = level.sides[targets.proxy.name];
    if (direct === undefined || proxy === undefined) return [];
    return [
      {
        streams: level.streams,
        direct,
        proxy,
        ratio: {
          ttftP95: ratio(proxy.ttftMs.p95, direct.ttftMs.p95),
          ttftP99: ratio(proxy.ttftMs.p99, direct.ttftMs.p99),
          gapP95: ratio(proxy.gapMs.p95, direct.gapMs.p95),
          gapP99: ratio(proxy.gapMs.p99, direct.gapMs.p99),
        },
        added: {
          ttftP99: round(proxy.ttftMs.p99 - direct.ttftMs.p99),
          gapP99: round(proxy.gapMs.p99 - direct.gapMs.p99),
        },
      },
    ];
  });
}
