import { describe, expect, it } from 'vitest';
import { parseArgs } from './args.ts';

describe('perf runner flags', () => {
  it('runs CI counts by default and issue-scale counts with --full or PERF_MODE=full', () => {
    expect(parseArgs([], {}).mode.name).toBe('ci');
    expect(parseArgs(['--full'], {}).mode.name).toBe('full');
    expect(parseArgs(['--', '--full'], {}).mode.name).toBe('full');
    expect(parseArgs([], { PERF_MODE: 'full' }).mode.soak.seconds).toBe(600);
    expect(parseArgs([], {}).mode.soak.seconds).toBe(60);
  });

  it('only touches the stored baseline when asked, and refuses unknown flags', () => {
    expect(parseArgs([], {}).baseline).toBe('keep');
    expect(parseArgs(['--update-baseline'], {}).baseline).toBe('update');
    expect(parseArgs(['--widen-baseline'], {}).baseline).toBe('widen');
    expect(() => parseArgs(['--peer'], {})).toThrow(/unknown perf flag/);
  });

  it('measures the peers only when asked, alongside any mode', () => {
    expect(parseArgs([], {}).peers).toBe(false);
    expect(parseArgs(['--', '--peers'], {}).peers).toBe(true);
    const both = parseArgs(['--peers', '--full'], {});
    expect([both.peers, both.mode.name]).toEqual([true, 'full']);
  });
});
