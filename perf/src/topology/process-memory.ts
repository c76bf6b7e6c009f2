/**
 * The proxy's resident memory, read from /proc/<pid>/status (VmRSS) from the outside: the proxy does not
 * export process metrics (its /metrics has request counters only), and reading /proc costs it nothing.
 */
import { readFileSync } from 'node:fs';

/** RSS in MiB, or undefined when the process is gone (or /proc is not there). */
export function rssMiB(pid: number): number | undefined {
  try {
    const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match?.[1] === undefined ? undefined : Number(match[1]) / 1024;
  } catch {
    return undefined;
  }
}

/** Samples RSS every `everyMs` until stopped; `stop()` returns the peak seen. */
export function sampleRss(pid: number, everyMs = 100): { stop(): number } {
  let peak = rssMiB(pid) ?? 0;
  const timer = setInterval(() => {
    peak = Math.max(peak, rssMiB(pid) ?? 0);
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, rssMiB(pid) ?? 0);
    },
  };
}
