import { EFFORT_ORDER } from './levels.ts';
import type { ThinkingConfig } from './types.ts';

const NON_NEGATIVE_INTEGER = /^\d+$/;

/**
 * The thinking value of a `model(value)` suffix (`ModelRef.thinkingSuffix`), by the §6.2 parse order:
 * `none` / `auto` / `-1` (case-insensitive), then a level name, then a non-negative integer (leading
 * zeros allowed; 0 = none). Anything else, negatives below −1 included, is not a thinking value:
 * undefined (the reference ignores it; `resolveThinkingConfig` turns it into `invalid_suffix`).
 */
export function parseThinkingSuffix(suffix: string): ThinkingConfig | undefined {
  const text = suffix.trim().toLowerCase();
  if (text === 'none') return { mode: 'none' };
  if (text === 'auto' || text === '-1') return { mode: 'auto' };
  if ((EFFORT_ORDER as readonly string[]).includes(text)) return { mode: 'level', level: text };
  if (!NON_NEGATIVE_INTEGER.test(text)) return undefined;
  const budget = Number(text);
  if (!Number.isSafeInteger(budget)) return undefined;
  return budget === 0 ? { mode: 'none' } : { mode: 'budget', budget };
}
