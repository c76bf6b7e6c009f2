/**
 * Thinking levels and the level ↔ budget conversions of the reference (upstream-behaviour.md §6.1,
 * upstream `convert.go`). Pure tables; no model knowledge here.
 */

/** Every level name the proxy understands, `none` and `auto` included. */
export const THINKING_LEVELS = ['none', 'auto', 'minimal', 'low', 'medium', 'high', 'xhigh'] as const;
export type ThinkingLevel = (typeof THINKING_LEVELS)[number];

/** The effort levels in clamping order, lowest first (§6.1: minimal < low < medium < high < xhigh). */
export const EFFORT_ORDER = ['minimal', 'low', 'medium', 'high', 'xhigh'] as const;
export type EffortLevel = (typeof EFFORT_ORDER)[number];

/** §6.1 level → budget: none 0, auto −1, minimal 512, low 1024, medium 8192, high 24576, xhigh 32768. */
const LEVEL_BUDGETS: Readonly<Record<ThinkingLevel, number>> = {
  none: 0,
  auto: -1,
  minimal: 512,
  low: 1024,
  medium: 8192,
  high: 24576,
  xhigh: 32768,
};

/** Upper bounds of the budget → level bands (§6.1 table), lowest band first. */
const BUDGET_BANDS: readonly (readonly [upTo: number, level: EffortLevel])[] = [
  [512, 'minimal'],
  [1024, 'low'],
  [8192, 'medium'],
  [24576, 'high'],
];

export function isThinkingLevel(value: string): value is ThinkingLevel {
  return (THINKING_LEVELS as readonly string[]).includes(value);
}

/** Case-insensitive level → budget; undefined for a name that is not a level (→ `unknown_level`). */
export function levelToBudget(level: string): number | undefined {
  const name = level.trim().toLowerCase();
  return isThinkingLevel(name) ? LEVEL_BUDGETS[name] : undefined;
}

/** Budget → level by the §6.1 bands; undefined below −1 ("invalid"). */
export function budgetToLevel(budget: number): ThinkingLevel | undefined {
  if (budget < -1) return undefined;
  if (budget === -1) return 'auto';
  if (budget === 0) return 'none';
  for (const [upTo, level] of BUDGET_BANDS) if (budget <= upTo) return level;
  return 'xhigh';
}

/** Position in the clamping order, or −1 for `none`, `auto` and unknown names (they never clamp). */
export function effortRank(level: string): number {
  return (EFFORT_ORDER as readonly string[]).indexOf(level.trim().toLowerCase());
}
