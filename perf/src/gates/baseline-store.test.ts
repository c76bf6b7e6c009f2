import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { baselineFileName, findBaseline, widen, writeBaseline } from './baseline-store.ts';

describe('stored baselines', () => {
  it('finds only the baseline of the same machine', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sy-baseline-'));
    const stored = { machine: '2 × Test CPU', pinning: 'p', recordedAt: 't', mode: 'ci', ratios: { a: 1 } };
    writeBaseline(stored, dir);
    expect(findBaseline('2 × Test CPU', dir)).toEqual(stored);
    expect(findBaseline('16 × Other CPU', dir)).toBeUndefined();
    expect(baselineFileName('2 × Test CPU, 8 GiB')).toBe('2-test-cpu-8-gib.json');
  });

  it('widens each ratio to the higher of stored and new, keeping figures the run lacked', () => {
    expect(widen({ a: 2, b: 3, gone: 4 }, { a: 2.5, b: 1, c: 7 })).toEqual({ a: 2.5, b: 3, c: 7, gone: 4 });
  });
});
