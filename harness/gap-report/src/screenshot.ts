/**
 * `node harness/gap-report/src/screenshot.ts`: a full-page screenshot of the generated report
 * (reports/gaps/index.html → reports/gaps/index.png) in headless Chromium, kept beside the report as a CI
 * artifact so a reviewer sees the page as a release engineer does. Without Chromium it says "not run" with
 * the install command and exits 0: the browser test in the unit lane is what fails when Chromium is missing.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const CHROMIUM = '/usr/bin/chromium';
const root = join(import.meta.dirname, '..', '..', '..');
const html = join(root, 'reports', 'gaps', 'index.html');
const png = join(root, 'reports', 'gaps', 'index.png');

if (!existsSync(html)) {
  console.error(`[gap-report screenshot] no report at ${html}: run the gap report first`);
  process.exit(1);
}
if (!existsSync(CHROMIUM)) {
  console.log(
    `[gap-report screenshot] not run: Chromium is not installed at ${CHROMIUM}. Install: bash harness/gap-report/scripts/ensure-chromium.sh`,
  );
  process.exit(0);
}
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(pathToFileURL(html).href);
  await page.screenshot({ path: png, fullPage: true });
  console.log(`[gap-report screenshot] ${png}`);
} finally {
  await browser.close();
}
