import { describe, expect, it } from 'vitest';
import { cpuSeconds, cpuTicksOfStat } from './process-cpu.ts';

describe('process CPU time from /proc/<pid>/stat', () => {
  it('adds utime and stime, even when the command name holds spaces and parentheses', () => {
    const stat = '4242 (node (worker) x) S 1 4242 4242 0 -1 4194560 100 0 0 0 731 52 0 0 20 0 11 0 99';
    expect(cpuTicksOfStat(stat)).toBe(783);
    expect(cpuTicksOfStat('1 (x) S 1')).toBeUndefined();
  });

  it('reads this process and says undefined for a process that is not there', () => {
    expect(cpuSeconds(process.pid)).toBeGreaterThanOrEqual(0);
    expect(cpuSeconds(2 ** 30)).toBeUndefined();
  });
});
