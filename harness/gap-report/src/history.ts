import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';

/** Enough runs to see a trend, small enough to inline every point in one HTML page. */
export const HISTORY_LIMIT = 50;

/** One saved run: the measured percentiles of every k6 metric the catalog selects, and the item totals. */
export const historyEntrySchema = z.object({
  generatedAt: z.string(),
  sha: z.string(),
  /** `scenario metric` → figures such as `p(95)`, `p(99)` (milliseconds); {} when nothing new was measured. */
  series: z.record(z.string(), z.record(z.string(), z.number())),
  /** Items per state (failing, remaining, …) in this run's report; absent in entries from older reports. */
  totals: z.record(z.string(), z.number()).optional(),
});
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

/** Reads history.jsonl; a corrupt line is dropped (a crash mid-write must not break every later report). */
export function readHistory(path: string): HistoryEntry[] {
  if (!existsSync(path)) return [];
  const entries: HistoryEntry[] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    try {
      const parsed = historyEntrySchema.safeParse(JSON.parse(line));
      if (parsed.success) entries.push(parsed.data);
    } catch {
      // skipped: see above
    }
  }
  return entries;
}

/**
 * Appends this run and keeps only the last HISTORY_LIMIT runs; returns what is now on disk.
 * A report regenerated from the same perf evidence (e.g. quality:quick after quality:ci) measured
 * nothing new, so it adds no perf point: the perf trend shows runs of k6, not runs of the generator. The
 * item totals get a point per commit, or when they changed on the same commit.
 */
export function appendHistory(path: string, entry: HistoryEntry, limit = HISTORY_LIMIT): HistoryEntry[] {
  mkdirSync(dirname(path), { recursive: true });
  const previous = readHistory(path);
  const lastSeries = previous.findLast((saved) => Object.keys(saved.series).length > 0)?.series;
  const newSeries = JSON.stringify(lastSeries ?? {}) === JSON.stringify(entry.series) ? {} : entry.series;
  const lastTotals = previous.findLast((saved) => saved.totals !== undefined);
  const newTotals =
    entry.totals !== undefined &&
    (lastTotals?.sha !== entry.sha || JSON.stringify(lastTotals.totals) !== JSON.stringify(entry.totals));
  if (Object.keys(newSeries).length === 0 && !newTotals) return previous;
  const stored: HistoryEntry = {
    generatedAt: entry.generatedAt,
    sha: entry.sha,
    series: newSeries,
    ...(newTotals ? { totals: entry.totals } : {}),
  };
  const all = [...previous, stored];
  const kept = all.slice(-limit);
  if (kept.length === all.length && existsSync(path)) appendFileSync(path, `${JSON.stringify(stored)}\n`);
  else writeFileSync(path, kept.map((item) => `${JSON.stringify(item)}\n`).join(''));
  return kept;
}
