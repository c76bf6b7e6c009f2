import type { Catalog, CatalogItem, Lane } from './catalog-schema.ts';
import { describeSelector, evaluateSelector, type EvidenceContext } from './evidence/selectors.ts';
import {
  combineStates,
  STATES,
  type EvidenceState,
  type SelectorOutcome,
  type VacuousSelector,
} from './evidence/outcome.ts';
import type { LaneReport } from './evidence/lane-report.ts';
import type { ToolVersion } from './run-info.ts';

export interface ItemResult {
  readonly id: string;
  readonly lane: Lane;
  readonly description: string;
  readonly owner: string;
  readonly requiredForRelease: boolean;
  readonly origin: CatalogItem['origin'];
  readonly state: EvidenceState;
  /** Why the item is not covered, from its most urgent selector (absent when covered). */
  readonly reason?: string;
  readonly install?: string;
  readonly evidence: readonly SelectorOutcome[];
}

export interface LaneRun {
  readonly workspace: string;
  readonly lane: string;
  readonly package: string;
  readonly status: 'passed' | 'failed' | 'not-run';
  readonly command: string;
  readonly startedAt: string;
  readonly durationMs: number;
  readonly executed?: number;
  readonly failed?: number;
  readonly reason?: string;
  readonly install?: string;
}

export interface TrendPoint {
  readonly generatedAt: string;
  readonly sha: string;
  readonly figures: Readonly<Record<string, number>>;
}

/** One k6 metric's p95/p99 across saved runs (oldest first, this run last). */
export interface TrendSeries {
  readonly key: string;
  readonly points: readonly TrendPoint[];
}

export interface GapReport {
  readonly generatedAt: string;
  readonly date: string;
  readonly gitSha: string;
  readonly toolVersions: readonly ToolVersion[];
  readonly closeOut: { readonly owner: string; readonly rule: string };
  readonly lanes: readonly LaneRun[];
  readonly items: readonly ItemResult[];
  readonly totals: Readonly<Record<EvidenceState, number>>;
  readonly trends: readonly TrendSeries[];
  /** Items per state over the saved runs (figures keyed by state). */
  readonly stateTrend: TrendSeries;
  /** Catalog errors found while evaluating (vacuous selectors); any makes the generator exit 1. */
  readonly errors: readonly string[];
}

export function laneRuns(lanes: ReadonlyMap<string, LaneReport>): LaneRun[] {
  return [...lanes.values()]
    .map(({ workspace, lane, verdict }) => ({
      workspace,
      lane,
      package: verdict.package,
      status: verdict.status,
      command: verdict.command,
      startedAt: verdict.startedAt,
      durationMs: verdict.durationMs,
      ...(verdict.counts ? { executed: verdict.counts.executed, failed: verdict.counts.failed } : {}),
      ...(verdict.reason === undefined ? {} : { reason: verdict.reason }),
      ...(verdict.install === undefined ? {} : { install: verdict.install }),
    }))
    .sort((a, b) => `${a.workspace}#${a.lane}`.localeCompare(`${b.workspace}#${b.lane}`));
}

/** Evaluates every item; vacuous selectors are collected (the caller fails the run on any). */
export function evaluateCatalog(
  catalog: Catalog,
  context: EvidenceContext,
): { readonly items: ItemResult[]; readonly vacuous: (VacuousSelector & { readonly item: string })[] } {
  const vacuous: (VacuousSelector & { item: string })[] = [];
  const items = catalog.items.map((item): ItemResult => {
    const evidence: SelectorOutcome[] = [];
    const itemContext = item.sources === undefined ? context : { ...context, sources: item.sources };
    for (const selector of item.evidence) {
      const evaluation = evaluateSelector(itemContext, selector);
      if (evaluation.ok) {
        evidence.push(evaluation.outcome);
        continue;
      }
      // Still shown in the report (as failing), so the page says what is wrong; the run then fails.
      vacuous.push({ item: item.id, ...evaluation.vacuous });
      const { selector: label, problem } = evaluation.vacuous;
      evidence.push({
        selector: label,
        state: 'failing',
        reason: `${label} selects nothing: ${problem}`,
        locations: [],
        figures: {},
      });
    }
    const state = combineStates(evidence.map((entry) => entry.state));
    const deciding = evidence.find((entry) => entry.state === state && state !== 'covered');
    const reason =
      item.evidence.length === 0
        ? 'no evidence yet: the catalog names no selector for this item'
        : deciding?.reason;
    return {
      id: item.id,
      lane: item.lane,
      description: item.description,
      owner: item.owner,
      requiredForRelease: item['required-for-release'],
      origin: item.origin,
      state,
      ...(reason === undefined ? {} : { reason }),
      ...(deciding?.install === undefined ? {} : { install: deciding.install }),
      evidence,
    };
  });
  return { items, vacuous };
}

export function totals(items: readonly ItemResult[]): Record<EvidenceState, number> {
  const counts = Object.fromEntries(STATES.map((state) => [state, 0])) as Record<EvidenceState, number>;
  for (const item of items) counts[item.state] += 1;
  return counts;
}

/** `scenario metric` → p95/p99 of this run, from every k6-threshold selector's figures. */
export function measuredSeries(
  catalog: Catalog,
  items: readonly ItemResult[],
): Record<string, Record<string, number>> {
  const series: Record<string, Record<string, number>> = {};
  catalog.items.forEach((item, index) => {
    item.evidence.forEach((selector) => {
      if (selector.kind !== 'k6-threshold') return;
      const found = items[index]?.evidence.find((entry) => entry.selector === describeSelector(selector));
      const figures: Record<string, number> = {};
      for (const stat of ['p(95)', 'p(99)']) {
        const value = found?.figures[stat];
        if (value !== undefined) figures[stat] = value;
      }
      if (Object.keys(figures).length > 0) series[`${selector.scenario} ${selector.metric}`] = figures;
    });
  });
  return series;
}
