/**
 * Polls `/healthz` from its own worker thread (its own event loop, so the load generator in the main
 * thread does not inflate the figures) and reports latency percentiles when stopped.
 */
import { Worker } from 'node:worker_threads';

export interface HealthzFigures {
  readonly samples: number;
  readonly failures: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

export interface HealthzProbe {
  stop(): Promise<HealthzFigures>;
}

// Plain JavaScript, evaluated in the worker: bounded by the stop message and by maxSamples.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { url, intervalMs, maxSamples } = workerData;
const latencies = [];
let failures = 0;
let running = true;
parentPort.on('message', () => { running = false; });
(async () => {
  while (running && latencies.length + failures < maxSamples) {
    const started = performance.now();
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
      await response.text();
      if (response.status === 200) latencies.push(performance.now() - started); else failures += 1;
    } catch { failures += 1; }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  parentPort.postMessage({ latencies, failures });
})();
`;

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? Number.NaN;
}

export function startHealthzProbe(baseUrl: string, intervalMs = 10, maxSamples = 20_000): HealthzProbe {
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { url: `${baseUrl}/healthz`, intervalMs, maxSamples },
  });
  const result = new Promise<{ latencies: number[]; failures: number }>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  return {
    async stop() {
      worker.postMessage('stop');
      const { latencies, failures } = await result;
      await worker.terminate();
      const sorted = [...latencies].sort((a, b) => a - b);
      const round = (value: number) => Math.round(value * 100) / 100;
      return {
        samples: sorted.length,
        failures,
        p50Ms: round(percentile(sorted, 50)),
        p99Ms: round(percentile(sorted, 99)),
        maxMs: round(sorted.at(-1) ?? Number.NaN),
      };
    },
  };
}
