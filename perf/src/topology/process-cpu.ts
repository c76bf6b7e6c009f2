/**
 * CPU time a process has used (user + system, all its threads), read from /proc/<pid>/stat from the
 * outside — so "gateway CPU per request" costs the measured gateway nothing.
 */
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

/** Linux's USER_HZ: /proc times are in ticks of 1/100 s on every architecture Node supports. */
const TICKS_PER_SECOND = 100;

/** utime + stime in clock ticks from the text of /proc/<pid>/stat (the name in parentheses may hold spaces). */
export function cpuTicksOfStat(stat: string): number | undefined {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // After "pid (comm) ", field 0 is the state (field 3 of proc(5)); utime and stime are fields 14 and 15.
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return Number.isFinite(utime) && Number.isFinite(stime) ? utime + stime : undefined;
}

/** CPU seconds used so far, or undefined when the process is gone (or /proc is not there). */
export function cpuSeconds(pid: number): number | undefined {
  try {
    const ticks = cpuTicksOfStat(readFileSync(`/proc/${pid}/stat`, 'utf8'));
    return ticks === undefined ? undefined : ticks / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

/**
 * Waits until the process uses less than `busyShare` of a core over a 500 ms window (at most `maxMs`):
 * a gateway still draining streams a client gave up on must not steal the next side's measurement.
 */
export async function waitUntilIdle(pid: number, busyShare = 0.2, maxMs = 30_000): Promise<void> {
  const deadline = Date.now() + maxMs;
  let before = cpuSeconds(pid);
  while (before !== undefined && Date.now() < deadline) {
    await sleep(500);
    const after = cpuSeconds(pid);
    if (after === undefined || after - before < busyShare * 0.5) return;
    before = after;
  }
}
