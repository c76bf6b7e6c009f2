/**
 * Per-scenario memory of the proxy: RSS before the scenario (idle), the peak while it runs (sampled every
 * 100 ms), and RSS a while after it ends (30 s in full mode, 5 s in CI) — does the proxy give memory back?
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { rssMiB, sampleRss } from '../topology/process-memory.ts';
import { round } from '../stats.ts';

export interface MemoryFigures {
  readonly idleMiB: number;
  readonly peakMiB: number;
  readonly afterMiB: number;
  readonly afterMs: number;
}

export async function withMemory<T>(
  pid: number,
  afterMs: number,
  run: () => Promise<T>,
): Promise<{ result: T; memory: MemoryFigures }> {
  const idle = rssMiB(pid) ?? Number.NaN;
  const sampler = sampleRss(pid);
  let peak: number;
  let result: T;
  try {
    result = await run();
  } finally {
    peak = sampler.stop();
  }
  await sleep(afterMs);
  return {
    result,
    memory: {
      idleMiB: round(idle, 1),
      peakMiB: round(peak, 1),
      afterMiB: round(rssMiB(pid) ?? Number.NaN, 1),
      afterMs,
    },
  };
}
