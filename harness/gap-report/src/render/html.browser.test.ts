import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../generate.ts';
import { appendHistory } from '../history.ts';
import { FixtureRepo, item } from '../test-support/fixture-repo.ts';

const CHROMIUM = '/usr/bin/chromium';
/** Inside the unit lane's report folder, so it is reset with the lane and uploaded with its reports. */
const SCREENSHOT_DIR = join(import.meta.dirname, '..', '..', 'reports', 'unit');
const INSTALL = 'bash harness/gap-report/scripts/ensure-chromium.sh (or: apt-get install -y chromium)';

let repo: FixtureRepo;
let browser: Browser | undefined;
let page: string;

beforeAll(async () => {
  repo = new FixtureRepo()
    .workspace('packages/proxy-core', ['unit'])
    .workspace('perf', ['perf'])
    .workspace('chaos', ['chaos'])
    .testFile('packages/proxy-core/src/models/model-ref.test.ts')
    .testFile('perf/k6/sse-stream.ts')
    .lane('proxy-core-unit', 'packages/proxy-core', 'unit')
    .lane('perf', 'perf', 'perf')
    .lane('chaos-not-run', 'chaos', 'chaos');
  const catalogPath = repo.catalog([
    item('unit.model-ref', [
      {
        kind: 'test',
        workspace: 'packages/proxy-core',
        lane: 'unit',
        file: 'src/models/model-ref.test.ts',
        name: '^parseModelRef ',
      },
    ]),
    item('perf.fanout', [
      {
        kind: 'k6-threshold',
        scenario: 'perf:sse-fanout',
        metric: 'http_req_duration{scenario:fanout}',
        threshold: 'p(99)<2000',
      },
    ]),
    item('chaos.latency', [{ kind: 'chaos-scenario', scenario: 'chaos:toolchain-latency' }]),
    item('docs.backlog', []),
  ]);
  const outDir = join(repo.root, 'reports', 'gaps');
  // An earlier k6 run in the history, so the chart has a trend line rather than a single point.
  appendHistory(join(outDir, 'history.jsonl'), {
    generatedAt: new Date(Date.UTC(2026, 10, 1)).toISOString(),
    sha: 'earlier',
    series: { 'perf:sse-fanout http_req_duration{scenario:fanout}': { 'p(95)': 30, 'p(99)': 40 } },
  });
  generate({ root: repo.root, catalogPath, outDir, now: new Date(Date.UTC(2026, 10, 2)), env: {} });
  page = pathToFileURL(join(outDir, 'index.html')).href;
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  if (existsSync(CHROMIUM)) {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  }
});

afterAll(async () => {
  await browser?.close();
  repo.remove();
});

/** A missing browser must never look like a pass: the test fails and says how to install it. */
function requireBrowser(): Browser {
  if (browser === undefined)
    throw new Error(`not run: Chromium is not installed at ${CHROMIUM}. Install: ${INSTALL}`);
  return browser;
}

describe('gap report HTML in headless Chromium', () => {
  it('shows every item with its state, the evidence and a p95/p99 trend chart, without any network request', async () => {
    const context = await requireBrowser().newContext();
    const tab = await context.newPage();
    const requests: string[] = [];
    tab.on('request', (request) => requests.push(request.url()));
    await tab.goto(page);
    const rows: [string | null, string | null][] = [];
    for (const row of await tab.locator('section[data-lane] tr[data-item]').all()) {
      rows.push([await row.locator('code').first().textContent(), await row.locator('.state').textContent()]);
    }
    expect(rows).toEqual([
      ['unit.model-ref', 'covered'],
      ['chaos.latency', 'not run'],
      ['perf.fanout', 'covered'],
      ['docs.backlog', 'remaining'],
    ]);
    const body = await tab.locator('body').innerText();
    expect(body).toContain('packages/proxy-core/src/models/model-ref.test.ts:16');
    expect(body).toContain('toxiproxy-server not installed (TOXIPROXY_SERVER_BIN unset)');
    expect(body).toContain('go install github.com/Shopify/toxiproxy/v2/cmd/server@v2.12.0');
    expect(body).toContain('p99 34.93 ms');
    const chart = tab.locator('figure[data-chart="perf:sse-fanout http_req_duration{scenario:fanout}"] svg');
    await expect.poll(() => chart.count()).toBe(1);
    expect(await chart.locator('polyline').count()).toBe(2);
    expect(await chart.locator('polyline[data-series="p99"]').getAttribute('points')).toMatch(
      /^[\d.]+,[\d.]+ [\d.]+,[\d.]+$/,
    );
    const box = await chart.boundingBox();
    expect(box?.width).toBeGreaterThan(100);
    expect(requests).toEqual([page]);
    await context.close();
  });

  it('opens with the release blockers, then failing and remaining over runs, then the matrix (screenshot kept)', async () => {
    const context = await requireBrowser().newContext({ viewport: { width: 1280, height: 900 } });
    const tab = await context.newPage();
    await tab.goto(page);
    const headings = await tab.locator('h2').allTextContents();
    expect(headings.slice(0, 3)).toEqual([
      'Release blockers',
      'Failing and remaining over runs',
      'Gap Matrix',
    ]);
    // Every required item that is not covered, and nothing else: chaos.latency (not run), docs.backlog.
    const blockers = tab.locator('table[data-blockers] tr[data-item]');
    const blockerIds: (string | null)[] = [];
    for (const row of await blockers.all()) blockerIds.push(await row.getAttribute('data-item'));
    expect(blockerIds).toEqual(['chaos.latency', 'docs.backlog']);
    const states = tab.locator('figure[data-chart="states"] svg');
    expect(await states.locator('polyline[data-series="remaining"]').count()).toBe(1);
    // Above the fold: the blockers table starts within the first screen.
    const top = (await tab.locator('table[data-blockers]').boundingBox())?.y ?? Number.POSITIVE_INFINITY;
    expect(top).toBeLessThan(900);
    const shot = join(SCREENSHOT_DIR, 'gap-report-fixture.png');
    await tab.screenshot({ path: shot, fullPage: true });
    expect(statSync(shot).size).toBeGreaterThan(10_000);
    await context.close();
  });
});
