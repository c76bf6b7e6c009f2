/**
 * Cost per request of the two paths that must never need the upstream: the **401 key flood** (a wrong client
 * key, refused by the auth hook) and the **idempotent replay** (a completed `Idempotency-Key` answered from the
 * store). Same interleaved rounds as added latency, with a served request through the proxy and the upstream hit
 * directly as the sides to compare with; CPU per request from the proxy's own CPU time. That neither path reaches
 * the upstream is read from the proxy's own `switchyard_upstream_attempts_total` around the rounds: it may grow by
 * exactly one per served request.
 */
import type { PerfMode } from '../modes.ts';
import { ratio, round, type Percentiles } from '../stats.ts';
import type { Pinning } from '../topology/pinning.ts';
import type { Target } from '../topology/topology.ts';
import { measureLatencySides } from './latency.ts';

export interface PathFigures {
  /** ms, medians of per-round percentiles. */
  readonly latency: Percentiles;
  /** The proxy's CPU time per request, µs. */
  readonly cpuUsPerRequest: number;
  /** This path's CPU per request ÷ a served request's. */
  readonly cpuRatio: number;
  /** Requests that got another status than the path's own (401 for the flood, 200 for the replay). */
  readonly errors: number;
}

export interface RequestPathsResult {
  readonly rounds: number;
  readonly requestsPerRound: number;
  readonly direct: Percentiles;
  readonly served: PathFigures;
  readonly keyFlood: PathFigures;
  readonly replay: PathFigures;
  /** Upstream attempts beyond one per served request while the sides ran: the flood's and replay's (must be 0). */
  readonly upstreamAttemptsDuringFloodAndReplay: number;
}

/** The proxy's upstream attempts so far, from its Prometheus metrics. */
async function upstreamAttempts(proxy: Target): Promise<number> {
  const response = await fetch(`${proxy.baseUrl.replace(/\/v1$/, '')}/metrics`, { headers: proxy.headers });
  if (!response.ok) throw new Error(`request-paths: /metrics answered ${response.status}`);
  let total = 0;
  for (const match of (await response.text()).matchAll(
    /^switchyard_upstream_attempts_total\{[^}]*\} (\d+)/gm,
  ))
    total += Number(match[1]);
  return total;
}

export async function measureRequestPaths(
  pinning: Pinning,
  targets: { direct: Target; proxy: Target },
  mode: PerfMode['latency'],
): Promise<RequestPathsResult> {
  const { direct, proxy } = targets;
  const keyFlood: Target = {
    ...proxy,
    name: 'key-flood',
    headers: {
      ...proxy.headers,
      authorization: `Bearer ${['perf', 'wrong', Date.now().toString(36)].join('-')}`,
    },
    expectStatus: 401,
  };
  const replay: Target = {
    ...proxy,
    name: 'idempotent-replay',
    headers: { ...proxy.headers, 'idempotency-key': `perf-replay-${Date.now().toString(36)}` },
  };
  // The one execution every later request with that key replays.
  const first = await fetch(`${proxy.baseUrl}/chat/completions`, {
    method: 'POST',
    headers: replay.headers,
    body: JSON.stringify({ model: proxy.model, messages: [{ role: 'user', content: 'load test' }] }),
  });
  if (first.status !== 200) throw new Error(`request-paths: the priming request answered ${first.status}`);
  await first.arrayBuffer();

  // One interleaved run of all four sides; only the served side may reach the upstream, once per request.
  const before = await upstreamAttempts(proxy);
  const sides = await measureLatencySides(pinning, [direct, proxy, keyFlood, replay], mode);
  const servedRequests = mode.rounds * (mode.warmup + mode.requests);
  const attempts = (await upstreamAttempts(proxy)) - before - servedRequests;

  const servedSide = sides[proxy.name];
  const directSide = sides[direct.name];
  const floodSide = sides[keyFlood.name];
  const replaySide = sides[replay.name];
  if (
    servedSide === undefined ||
    directSide === undefined ||
    floodSide === undefined ||
    replaySide === undefined
  )
    throw new Error('request-paths: a side was not measured');
  const servedCpu = servedSide.cpuUsPerRequest ?? Number.NaN;
  const figures = (side: typeof servedSide): PathFigures => {
    const cpu = side.cpuUsPerRequest ?? Number.NaN;
    return {
      latency: side.percentiles,
      cpuUsPerRequest: cpu,
      cpuRatio: ratio(cpu, servedCpu),
      errors: side.errors,
    };
  };
  return {
    rounds: mode.rounds,
    requestsPerRound: mode.requests,
    direct: directSide.percentiles,
    served: figures(servedSide),
    keyFlood: figures(floodSide),
    replay: figures(replaySide),
    upstreamAttemptsDuringFloodAndReplay: round(attempts, 0),
  };
}
