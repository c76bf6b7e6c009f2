/**
 * The gap report generator (`pnpm report:gaps`; with `--release` it is `pnpm quality:release`).
 *   node src/cli.ts [--release] [--root <repo>] [--catalog <file>] [--out <dir>] [--lanes unit,smoke,…]
 * --lanes names the lanes the calling job ran; other lanes' leftover evidence is then reported as not run.
 * Always writes reports/gaps/{latest.md,gaps.json,index.html,history.jsonl}. Exit 1 when the
 * catalog is invalid, a selector is vacuous, or (with --release) a required item is not covered.
 */
import { join, resolve } from 'node:path';
import { findRepoRoot } from '@switchyard/testkit/paths';
import { CatalogError } from './catalog.ts';
import { generate } from './generate.ts';
import { releaseBlockers } from './release-gate.ts';

function option(argv: readonly string[], name: string): string | undefined {
  const at = argv.indexOf(name);
  return at === -1 ? undefined : argv[at + 1];
}

function main(argv: readonly string[]): number {
  const rootArg = option(argv, '--root');
  const root = rootArg === undefined ? findRepoRoot(import.meta.dirname) : resolve(rootArg);
  const catalogPath = resolve(option(argv, '--catalog') ?? join(import.meta.dirname, '..', 'catalog.yaml'));
  const outDir = resolve(option(argv, '--out') ?? join(root, 'reports', 'gaps'));
  let report;
  try {
    const lanesArg = option(argv, '--lanes');
    const executedLanes = lanesArg === undefined ? undefined : new Set(lanesArg.split(',').filter(Boolean));
    report = generate({ root, catalogPath, outDir, ...(executedLanes ? { executedLanes } : {}) });
  } catch (error) {
    if (error instanceof CatalogError) {
      console.error(`[report:gaps] ${error.message}`);
      return 1;
    }
    throw error;
  }
  const { totals } = report;
  console.log(
    `[report:gaps] ${report.items.length} items: ${totals.covered} covered, ${totals.failing} failing, ${totals['not-run']} not run, ${totals.stale} stale, ${totals.remaining} remaining → ${join(outDir, 'latest.md')}, index.html, gaps.json`,
  );
  if (report.errors.length > 0) {
    console.error(
      `[report:gaps] FAILED: ${report.errors.length} selector(s) select nothing (no vacuous evidence):`,
    );
    for (const error of report.errors) console.error(`  ${error}`);
    return 1;
  }
  if (argv.includes('--release')) {
    const blockers = releaseBlockers(report);
    if (blockers.length > 0) {
      console.error(`[quality:release] FAILED: ${blockers.length} required-for-release item(s) not covered:`);
      for (const blocker of blockers) console.error(`  ${blocker}`);
      return 1;
    }
    console.log('[quality:release] passed: every required-for-release item is covered.');
  }
  return 0;
}

process.exitCode = main(process.argv.slice(2));
