import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCatalog } from './catalog.ts';
import { discoverLaneReports } from './evidence/lane-report.ts';
import { appendHistory, type HistoryEntry } from './history.ts';
import { docsCheckRunner } from './release-lint/checks.ts';
import { renderHtml } from './render/html.ts';
import { renderMarkdown } from './render/markdown.ts';
import {
  evaluateCatalog,
  laneRuns,
  measuredSeries,
  totals,
  type GapReport,
  type TrendSeries,
} from './report-model.ts';
import { gitSha, toolVersions } from './run-info.ts';

export interface GenerateOptions {
  readonly root: string;
  readonly catalogPath: string;
  /** Where latest.md, gaps.json, index.html and history.jsonl go (the root's reports/gaps). */
  readonly outDir: string;
  readonly now?: Date;
  readonly env?: NodeJS.ProcessEnv;
  /**
   * The lanes the calling job executed (e.g. quality:quick runs unit, smoke and contracts). Evidence
   * left on disk by other lanes from an earlier job is ignored, so those items read "not run" and the
   * report matches what actually ran. Undefined = every lane's evidence on disk counts.
   */
  readonly executedLanes?: ReadonlySet<string>;
}

export const OUTPUT_FILES = ['latest.md', 'gaps.json', 'index.html', 'history.jsonl'] as const;

function trendsFrom(history: readonly HistoryEntry[]): TrendSeries[] {
  const keys = [...new Set(history.flatMap((entry) => Object.keys(entry.series)))].sort();
  return keys.map((key) => ({
    key,
    points: history.flatMap((entry) => {
      const figures = entry.series[key];
      return figures === undefined ? [] : [{ generatedAt: entry.generatedAt, sha: entry.sha, figures }];
    }),
  }));
}

/** The item totals per saved run, oldest first: the "failing and remaining over runs" chart. */
function stateTrendFrom(history: readonly HistoryEntry[]): TrendSeries {
  return {
    key: 'items per state',
    points: history.flatMap((entry) =>
      entry.totals === undefined
        ? []
        : [{ generatedAt: entry.generatedAt, sha: entry.sha, figures: entry.totals }],
    ),
  };
}

/**
 * Reads the catalog and every lane's evidence, writes the report files and returns the report.
 * Throws CatalogError for an invalid catalog (nothing is written); vacuous selectors are listed in
 * `report.errors` after the report is written, so the page itself says what is wrong.
 */
export function generate(options: GenerateOptions): GapReport {
  const catalog = loadCatalog(options.catalogPath);
  const now = options.now ?? new Date();
  const executed = options.executedLanes;
  const lanes = new Map(
    [...discoverLaneReports(options.root)].filter(([, report]) => executed?.has(report.lane) ?? true),
  );
  const { items, vacuous } = evaluateCatalog(catalog, {
    root: options.root,
    lanes,
    docsCheck: docsCheckRunner(options.root),
  });
  const sha = gitSha(options.root);
  const itemTotals = totals(items);
  const history = appendHistory(join(options.outDir, 'history.jsonl'), {
    generatedAt: now.toISOString(),
    sha,
    series: measuredSeries(catalog, items),
    totals: itemTotals,
  });
  const report: GapReport = {
    generatedAt: now.toISOString(),
    date: now.toISOString().slice(0, 10),
    gitSha: sha,
    toolVersions: toolVersions(options.root, options.env),
    closeOut: catalog['close-out'],
    lanes: laneRuns(lanes),
    items,
    totals: itemTotals,
    trends: trendsFrom(history),
    stateTrend: stateTrendFrom(history),
    errors: vacuous.map((entry) => `${entry.item}: ${entry.selector} selects nothing: ${entry.problem}`),
  };
  mkdirSync(options.outDir, { recursive: true });
  writeFileSync(join(options.outDir, 'latest.md'), renderMarkdown(report));
  writeFileSync(join(options.outDir, 'gaps.json'), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(join(options.outDir, 'index.html'), renderHtml(report));
  return report;
}
