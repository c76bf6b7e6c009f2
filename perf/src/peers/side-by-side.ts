/**
 * The side-by-side run of `--peers`: direct, Switchyard and every running peer gateway as sides of the same
 * interleaved scenarios, with the lane's own counts — latency at c=1 (plus each gateway's CPU per request),
 * the non-streamed throughput frontier (from a lower start rate, see `peersFrontier`), and SSE fan-out at
 * every level for the sides whose streaming works. Responses WebSocket mode is Switchyard's own: the
 * peers do not offer it, so it is not part of this comparison.
 */
import { peersFrontier, type PerfMode } from '../modes.ts';
import type { FanoutSidesLevel } from '../scenarios/fanout.ts';
import { measureFanoutSides } from '../scenarios/fanout.ts';
import { measureFrontierSides, type FrontierSide } from '../scenarios/frontier.ts';
import { measureLatencySides, type LatencySide } from '../scenarios/latency.ts';
import { warmUp } from '../scenarios/warmup.ts';
import type { Pinning } from '../topology/pinning.ts';
import type { Target } from '../topology/topology.ts';
import type { PeerStatus, RunningPeer } from './peers.ts';

export interface PeersRun {
  /** Each peer's status, in table order (measured or not run). */
  readonly peers: readonly PeerStatus[];
  /** Target names of the sides, in column order: `direct`, `switchyard`, then the running peers. */
  readonly sides: readonly string[];
  readonly latency: Readonly<Record<string, LatencySide>>;
  readonly frontier: Readonly<Record<string, FrontierSide>>;
  readonly sse: readonly FanoutSidesLevel[];
  readonly durationS: number;
}

/** A little of the traffic each peer will see, so JIT/imports/first connections are not measured. */
function warmPeer(pinning: Pinning, target: Target, streaming: boolean): Promise<void> {
  return warmUp(pinning, target, { requests: 500, sse: streaming, ws: false, streamTimeoutMs: 20_000 });
}

export async function measurePeers(
  k6: string,
  pinning: Pinning,
  ours: { direct: Target; proxy: Target },
  running: readonly RunningPeer[],
  statuses: readonly PeerStatus[],
  mode: PerfMode,
  reportsDir: string,
  log: (line: string) => void,
): Promise<PeersRun> {
  const started = Date.now();
  for (const peer of running) {
    log(`peers: warming ${peer.status.label} …`);
    await warmPeer(pinning, peer.target, peer.status.streamingFailure === undefined);
  }
  const targets = [ours.direct, ours.proxy, ...running.map((peer) => peer.target)];
  log(`peers: latency-c1 (${targets.map((t) => t.name).join(', ')}) …`);
  const latency = await measureLatencySides(pinning, targets, mode.latency);
  log(`peers: frontier …`);
  const frontier = await measureFrontierSides(
    k6,
    pinning,
    targets,
    peersFrontier(mode.frontier),
    reportsDir,
    log,
  );
  const streaming = [
    ours.direct,
    ours.proxy,
    ...running.filter((peer) => peer.status.streamingFailure === undefined).map((peer) => peer.target),
  ];
  log(`peers: SSE fan-out (${streaming.map((t) => t.name).join(', ')}) …`);
  const sse = await measureFanoutSides(pinning, 'sse', streaming, mode.fanout, log);
  return {
    peers: statuses,
    sides: targets.map((t) => t.name),
    latency,
    frontier,
    sse,
    durationS: Math.round((Date.now() - started) / 1000),
  };
}
