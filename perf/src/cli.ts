/**
 * The perf lane. Starts the measured topology (lean upstream, built proxy, load generators — each its own
 * process, pinned; see topology/), runs every scenario with the direct baseline interleaved, then writes:
 *   reports/perf/results.json   assertions for the lane gate and the gap report (see evidence.ts)
 *   reports/perf/perf-run.json  every figure of the run
 *   reports/perf/table.md       the README table
 *   reports/perf/peers-table.md with `--peers`: the side-by-side table (direct, Switchyard, Portkey, LiteLLM)
 * Flags: `--full` (issue-scale counts, 10-min soak), `--update-baseline` (store this machine's ratios),
 * `--peers` (install the peer gateways into the tool cache on demand and measure them side by side).
 * Exit status 1 when an assertion failed: a content check, a ratio gate or a negative control.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { laneReportsDir } from '@switchyard/testkit/paths';
import { requireTool } from '@switchyard/testkit/tools';
import { parseArgs } from './args.ts';
import { runEvidence, ratioGateControl } from './evidence.ts';
import { findBaseline, widen, writeBaseline } from './gates/baseline-store.ts';
import { confirmFailures, type Confirmed } from './gates/confirm.ts';
import { fanoutRatios, gatedRatios, GATED_STREAMS, latencyRatios } from './gates/ratio-gate.ts';
import { toJsonTestReport } from './k6-summary.ts';
import { STREAM } from './modes.ts';
import type { PerfRun } from './run-record.ts';
import { measureFanout, type FanoutLevel } from './scenarios/fanout.ts';
import { measureFrontier } from './scenarios/frontier.ts';
import { measureLatency } from './scenarios/latency.ts';
import { withMemory, type MemoryFigures } from './scenarios/memory.ts';
import { measureRequestPaths } from './scenarios/request-paths.ts';
import { soak } from './scenarios/soak.ts';
import { warmUp } from './scenarios/warmup.ts';
import { renderTable } from './table.ts';
import { thresholdGateControl } from './threshold-gate.ts';
import { installPeers, startPeers, type PeerStatus, type RunningPeer } from './peers/peers.ts';
import { renderPeersTable } from './peers/peer-table.ts';
import { measurePeers, type PeersRun } from './peers/side-by-side.ts';
import { machineFingerprint } from './topology/machine.ts';
import { planPinning, type Pinning } from './topology/pinning.ts';
import { MODEL, startTopology } from './topology/topology.ts';

const log = (line: string): void => console.log(`[perf] ${line}`);

/** Where the side-by-side run put its processes: every gateway shares the proxy's CPU, one under load at a time. */
function peersPinning(pinning: Pinning): string {
  return pinning.proxy === undefined
    ? pinning.description
    : `every gateway (Switchyard, Portkey, LiteLLM) pinned to CPU ${pinning.proxy}, only the measured one under load; upstream + load generator on CPU ${pinning.load ?? '?'}`;
}

/** Column order of the side-by-side table. */
const PEER_ORDER: readonly string[] = ['portkey', 'litellm'];

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const { mode } = args;
  const k6 = requireTool('k6');
  const reportsDir = laneReportsDir('perf');
  mkdirSync(reportsDir, { recursive: true });
  const started = Date.now();
  const pinning = planPinning();
  const machine = machineFingerprint();
  log(`${mode.name} mode; ${pinning.description}${args.peers ? '; with peers' : ''}`);
  // Peers are installed before anything is measured: a first install (minutes for LiteLLM) never sits
  // between measurements.
  const peerInstall = args.peers ? await installPeers(log) : undefined;
  const topology = await startTopology(pinning, STREAM);
  const memory: Record<string, MemoryFigures> = {};
  const measured = async <T>(name: string, run: () => Promise<T>): Promise<T> => {
    log(`${name} …`);
    const { result, memory: figures } = await withMemory(topology.proxyPid, mode.memoryAfterMs, run);
    memory[name] = figures;
    return result;
  };
  let run: PerfRun;
  let thresholdGate;
  let current: Record<string, number>;
  let confirmed: Confirmed | undefined;
  try {
    await warmUp(pinning, topology.proxy);
    const latency = await measured('latency-c1', () => measureLatency(pinning, topology, mode.latency));
    log(
      `c=1 p50 ${latency.direct.p50.toFixed(3)} → ${latency.proxy.p50.toFixed(3)} ms, p99 ${latency.direct.p99.toFixed(3)} → ${latency.proxy.p99.toFixed(3)} ms`,
    );
    const requestPaths = await measured('request-paths', () =>
      measureRequestPaths(pinning, topology, mode.latency),
    );
    log(
      `cpu per request: served ${requestPaths.served.cpuUsPerRequest} µs, 401 ${requestPaths.keyFlood.cpuUsPerRequest} µs, replay ${requestPaths.replay.cpuUsPerRequest} µs`,
    );
    const frontier = await measured('frontier', () =>
      measureFrontier(k6, pinning, topology, mode.frontier, reportsDir, log),
    );
    const fanout = { sse: [] as FanoutLevel[], ws: [] as FanoutLevel[] };
    for (const transport of ['sse', 'ws'] as const) {
      if (!mode.memoryPerLevel) {
        fanout[transport] = await measured(transport, () =>
          measureFanout(pinning, transport, topology, mode.fanout, log),
        );
        continue;
      }
      for (const streams of mode.fanout.levels) {
        const [level] = await measured(`${transport}-${streams}`, () =>
          measureFanout(pinning, transport, topology, { ...mode.fanout, levels: [streams] }, log),
        );
        if (level !== undefined) fanout[transport].push(level);
      }
    }
    // Half the highest rate the proxy sustained at any bound (the issue's soak ran at half its max RPS).
    const soakRps = Math.max(50, Math.round(Math.max(...Object.values(frontier.proxy.rpsAtP99)) / 2));
    const soakResult = await measured('soak', () =>
      soak(k6, pinning, topology.proxy, topology.proxyPid, topology.probeFile, {
        seconds: mode.soak.seconds,
        rps: soakRps,
        reportsDir,
      }),
    );
    thresholdGate = await thresholdGateControl(k6, pinning, topology.direct, reportsDir);
    let peers: PeersRun | undefined;
    if (peerInstall !== undefined) {
      const peerDir = mkdtempSync(join(tmpdir(), 'sy-perf-peers-'));
      let running: RunningPeer[] = [];
      try {
        const started = await startPeers(peerInstall.ready, pinning, topology.upstream, MODEL, peerDir, log);
        running = started.running;
        const statuses: PeerStatus[] = [
          ...running.map((peer) => peer.status),
          ...peerInstall.notRun,
          ...started.notRun,
        ].sort((a, b) => PEER_ORDER.indexOf(a.id) - PEER_ORDER.indexOf(b.id));
        peers = await measurePeers(k6, pinning, topology, running, statuses, mode, reportsDir, log);
      } finally {
        for (const peer of running) await peer.stop();
        rmSync(peerDir, { recursive: true, force: true });
      }
    }
    run = {
      mode: mode.name,
      machine,
      pinning: pinning.description,
      startedAt: new Date(started).toISOString(),
      durationS: Math.round((Date.now() - started) / 1000),
      latency,
      requestPaths,
      frontier,
      sse: fanout.sse,
      ws: fanout.ws,
      soak: soakResult,
      memory,
      peers,
    };
    current = gatedRatios(run);
    const stored = findBaseline(machine);
    if (args.baseline === 'keep' && stored !== undefined) {
      // A crossed gate is measured again (the topology is still up) before it may fail the lane.
      confirmed = await confirmFailures(current, stored.ratios, async (names) => {
        const fresh: Record<string, number> = {};
        if (names.some((name) => name.startsWith('latency-c1'))) {
          log('re-measuring latency-c1 (a gate crossed its limit) …');
          Object.assign(fresh, latencyRatios(await measureLatency(pinning, topology, mode.latency)));
        }
        for (const transport of ['sse', 'ws'] as const) {
          if (!names.some((name) => name.startsWith(`${transport}-${GATED_STREAMS} `))) continue;
          log(`re-measuring ${transport}-${GATED_STREAMS} (a gate crossed its limit) …`);
          const fanoutOptions = { ...mode.fanout, levels: [GATED_STREAMS] };
          const [level] = await measureFanout(pinning, transport, topology, fanoutOptions, log);
          if (level !== undefined) Object.assign(fresh, fanoutRatios(transport, level));
        }
        return fresh;
      });
    }
  } finally {
    await topology.close();
  }
  if (args.baseline !== 'keep') {
    const stored = findBaseline(machine);
    const ratios =
      args.baseline === 'widen' && stored !== undefined ? widen(stored.ratios, current) : current;
    const file = writeBaseline({
      machine,
      pinning: pinning.description,
      recordedAt: run.startedAt,
      mode: mode.name,
      ratios,
    });
    log(`baseline ${args.baseline === 'widen' ? 'widened' : 'written'}: ${file}`);
  }
  const baseline = findBaseline(machine);
  if (baseline === undefined) log(`no stored baseline for "${machine}": the ratio gates are skipped`);
  const evidence = [
    ...runEvidence(run, confirmed?.ratios ?? current, baseline?.ratios, confirmed?.measurements),
    ratioGateControl(current),
    thresholdGate,
  ];
  const report = toJsonTestReport(evidence, started);
  writeFileSync(join(reportsDir, 'results.json'), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(join(reportsDir, 'perf-run.json'), `${JSON.stringify(run, null, 2)}\n`);
  const table = renderTable(run);
  writeFileSync(join(reportsDir, 'table.md'), table);
  console.log(table);
  if (run.peers !== undefined) {
    const peersTable = renderPeersTable(
      run.peers,
      `Measured ${run.startedAt.slice(0, 10)}, \`${run.mode}\` mode with \`--peers\`, ${run.machine}; ${peersPinning(pinning)}; side by side in ${run.peers.durationS} s.`,
    );
    writeFileSync(join(reportsDir, 'peers-table.md'), peersTable);
    console.log(peersTable);
    log(`peers side by side took ${run.peers.durationS} s`);
  }
  for (const item of evidence)
    for (const a of item.assertions)
      log(
        `${a.status === 'passed' ? 'ok  ' : a.status === 'failed' ? 'FAIL' : 'skip'} ${a.fullName}${a.failureMessages.length > 0 ? ` — ${a.failureMessages.join('; ')}` : ''}`,
      );
  log(`done in ${Math.round((Date.now() - started) / 1000)} s`);
  return report.success ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exitCode = 1;
  },
);
