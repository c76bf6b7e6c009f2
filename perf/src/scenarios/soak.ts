/**
 * Soak: k6 holds a constant rate of non-streamed requests through the proxy (half the highest rate the
 * frontier sustained) while the runner samples the proxy's RSS every second from /proc and reads the
 * event-loop probe's lines. The RSS slope over the second half (after warm-up) says whether memory plateaus.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runK6 } from '../k6-runner.ts';
import { median, round, slope } from '../stats.ts';
import { rssMiB } from '../topology/process-memory.ts';
import type { Pinning } from '../topology/pinning.ts';
import type { Target } from '../topology/topology.ts';

export interface SoakResult {
  readonly seconds: number;
  readonly rps: number;
  readonly requests: number;
  readonly errorRate: number;
  readonly p99Ms: number;
  readonly rssSamples: number;
  readonly rssStartMiB: number;
  readonly rssEndMiB: number;
  readonly rssPeakMiB: number;
  /** Least-squares slope of RSS over the second half of the soak, MiB per minute. */
  readonly rssSlopeMiBPerMin: number;
  /** Event-loop delay from the probe: median of the per-second p99s, and the worst p99 second. */
  readonly eventLoopP99MedianMs: number;
  readonly eventLoopP99MaxMs: number;
  readonly heapEndMiB: number;
  readonly proxyAlive: boolean;
}

interface ProbeLine {
  readonly t: number;
  readonly p99: number;
  readonly heapMiB: number;
}

function probeLines(file: string, since: number): ProbeLine[] {
  try {
    return readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as ProbeLine)
      .filter((line) => line.t >= since);
  } catch {
    return [];
  }
}

export async function soak(
  k6: string,
  pinning: Pinning,
  proxy: Target,
  proxyPid: number,
  probeFile: string,
  options: { seconds: number; rps: number; reportsDir: string },
): Promise<SoakResult> {
  const started = Date.now();
  const samples: [number, number][] = [];
  const timer = setInterval(() => {
    const rss = rssMiB(proxyPid);
    if (rss !== undefined) samples.push([(Date.now() - started) / 60_000, rss]);
  }, 1000);
  const run = await runK6({
    k6,
    script: join(import.meta.dirname, '..', '..', 'k6', 'rate-step.ts'),
    cpus: pinning.load,
    summaryPath: join(options.reportsDir, 'soak.summary.json'),
    env: {
      TARGET_URL: `${proxy.baseUrl}/chat/completions`,
      AUTHORIZATION: proxy.headers['authorization'] ?? '',
      REQUEST_BODY: JSON.stringify({ model: proxy.model, messages: [{ role: 'user', content: 'soak' }] }),
      RATE: String(options.rps),
      STEP_DURATION: `${options.seconds}s`,
    },
  }).finally(() => clearInterval(timer));
  const metric = (name: string, key: string): number => {
    const value = run.summary?.metrics[name]?.[key];
    return typeof value === 'number' ? value : Number.NaN;
  };
  const secondHalf = samples.filter(([minute]) => minute >= options.seconds / 120);
  const probe = probeLines(probeFile, started);
  const rss = samples.map(([, value]) => value);
  return {
    seconds: options.seconds,
    rps: options.rps,
    requests: metric('http_reqs', 'count'),
    errorRate: metric('http_req_failed', 'value'),
    p99Ms: round(metric('http_req_duration', 'p(99)')),
    rssSamples: samples.length,
    rssStartMiB: round(rss[0] ?? Number.NaN, 1),
    rssEndMiB: round(rss.at(-1) ?? Number.NaN, 1),
    rssPeakMiB: round(rss.length === 0 ? Number.NaN : Math.max(...rss), 1),
    rssSlopeMiBPerMin: round(slope(secondHalf), 2),
    eventLoopP99MedianMs: median(probe.map((line) => line.p99)),
    eventLoopP99MaxMs: probe.length === 0 ? Number.NaN : Math.max(...probe.map((line) => line.p99)),
    heapEndMiB: probe.at(-1)?.heapMiB ?? Number.NaN,
    proxyAlive: rssMiB(proxyPid) !== undefined,
  };
}
