import { setTimeout as sleep } from 'node:timers/promises';

/** Polls `probe` every `intervalMs` until it holds or `timeoutMs` passed; returns whether it held. */
export async function pollUntil(probe: () => boolean, timeoutMs: number, intervalMs = 20): Promise<boolean> {
  const attempts = Math.max(1, Math.ceil(timeoutMs / intervalMs));
  for (let i = 0; i < attempts; i += 1) {
    if (probe()) return true;
    await sleep(intervalMs);
  }
  return probe();
}
