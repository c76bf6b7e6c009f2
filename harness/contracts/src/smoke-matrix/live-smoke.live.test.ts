import { describe, expect, it } from 'vitest';
import { cheapestCases } from './cases.ts';
import { runMatrix } from './matrix.ts';
import { writeReport } from './report.ts';
import { startTarget } from './start-target.ts';

/**
 * The live lane (`pnpm test:live-smoke`): the cheapest model of each provider through a proxy on the real APIs,
 * with the keys in the environment. A provider without a key is "not run (no key)" in the matrix the gap report
 * reads (reports/live-smoke/smoke-matrix/live-cheapest.json); a provider with a key must answer.
 */
describe('live provider smoke (real keys, opt-in)', () => {
  it('live-smoke: every provider with a key gets a real answer; the others are not run (no key)', async () => {
    const target = await startTarget({
      baseUrl: undefined,
      timeoutMs: 30_000,
      cases: cheapestCases(),
      live: true,
      apiKey: undefined,
      name: 'live-cheapest',
    });
    try {
      const report = await runMatrix(
        {
          baseUrl: target.baseUrl,
          cases: cheapestCases(),
          timeoutMs: 30_000,
          live: { env: process.env },
          ...(target.apiKey === undefined ? {} : { apiKey: target.apiKey }),
        },
        'live',
      );
      writeReport('live-cheapest', report);
      const failed = report.cases.filter((entry) => entry.status === 'failed');
      expect(failed.map((entry) => `${entry.id}: ${entry.reason ?? ''}`)).toEqual([]);
    } finally {
      await target.close();
    }
  }, 120_000);
});
