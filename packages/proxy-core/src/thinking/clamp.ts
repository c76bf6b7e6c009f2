import { type ResolvedCapability, supportsLevel } from './capability.ts';
import { EFFORT_ORDER, effortRank } from './levels.ts';

/**
 * The supported level nearest to `level` in the clamping order, the lower one on a tie (§6.3 rule 3).
 * A supported level, `none`, `auto` or an unknown name is returned unchanged.
 */
export function clampLevel(level: string, capability: ResolvedCapability): string {
  if (capability.levels.length === 0 || supportsLevel(capability, level)) return level;
  const wanted = effortRank(level);
  if (wanted === -1) return level;
  let best = -1;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const supported of capability.levels) {
    const rank = effortRank(supported);
    if (rank === -1) continue;
    const distance = Math.abs(wanted - rank);
    if (distance < bestDistance || (distance === bestDistance && rank < best)) {
      best = rank;
      bestDistance = distance;
    }
  }
  return EFFORT_ORDER[best] ?? level;
}

/**
 * Upstream `clampBudget` (§6.3 rule 8): −1 passes; 0 without ZeroAllowed → Min; a level-only model
 * (Min = Max = 0) passes; below Min → Min (0 stays 0 when ZeroAllowed); above Max → Max.
 */
export function clampBudget(budget: number, capability: ResolvedCapability): number {
  if (budget === -1) return budget;
  const { min, max, zeroAllowed } = capability;
  if (budget === 0 && !zeroAllowed) return min;
  if (min === 0 && max === 0) return budget;
  if (budget < min) return budget === 0 ? 0 : min;
  if (budget > max) return max;
  return budget;
}

/** Rule 6's range test: below Min, above Max, or 0 on a model that cannot switch thinking off. */
export function budgetOutOfRange(budget: number, capability: ResolvedCapability): boolean {
  return budget < capability.min || budget > capability.max || (budget === 0 && !capability.zeroAllowed);
}

/** Rule 7's midpoint, with Go's integer division. */
export function budgetMidpoint(capability: ResolvedCapability): number {
  return Math.floor((capability.min + capability.max) / 2);
}
