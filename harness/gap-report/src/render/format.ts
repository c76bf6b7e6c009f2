import type { EvidenceState, SelectorOutcome } from '../evidence/outcome.ts';

export const STATE_LABELS: Readonly<Record<EvidenceState, string>> = {
  covered: 'covered',
  failing: 'failing',
  'not-run': 'not run',
  stale: 'stale',
  remaining: 'remaining',
};

/** The measured figures a release engineer reads: p95/p99 (and the average) in ms, or a coverage %. */
export function formatFigures(figures: Readonly<Record<string, number>>): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(figures)) {
    if (key === 'p(95)' || key === 'p(99)' || key === 'avg')
      parts.push(`${key.replace(/[()]/g, '')} ${value.toFixed(2)} ms`);
    else if (key.endsWith('%')) parts.push(`${key.replace(' %', '')} ${value}%`);
  }
  return parts.join(', ');
}

/** `file:line` of the selected tests, deduplicated (parameterised tests share a line), at most a few. */
export function formatLocations(outcome: SelectorOutcome, limit = 4): string {
  const only = outcome.locations[0];
  // A single line-less location (a k6 threshold, a smoke case) reads better with its name.
  if (
    outcome.locations.length === 1 &&
    only !== undefined &&
    !/:\d+$/.test(only.where) &&
    only.name !== only.where
  ) {
    return `${only.where} › ${only.name}`;
  }
  const places = [...new Set(outcome.locations.map((location) => location.where))];
  const shown = places.slice(0, limit).join(', ');
  const more = places.length > limit ? ` and ${places.length - limit} more` : '';
  const tests = outcome.locations.length;
  return `${shown}${more}${tests > 1 ? ` (${tests} tests)` : ''}`;
}
