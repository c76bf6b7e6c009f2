import type { CapabilityClass, ModelThinking, ThinkingCapability } from './types.ts';

/** A capability with its optional fields filled in, so rules read `cap.min` without `?? 0`. */
export interface ResolvedCapability {
  readonly min: number;
  readonly max: number;
  readonly zeroAllowed: boolean;
  readonly dynamicAllowed: boolean;
  readonly levels: readonly string[];
}

export function resolveCapability(capability: ThinkingCapability): ResolvedCapability {
  return {
    min: capability.min ?? 0,
    max: capability.max ?? 0,
    zeroAllowed: capability.zeroAllowed ?? false,
    dynamicAllowed: capability.dynamicAllowed ?? false,
    levels: (capability.levels ?? []).map((level) => level.trim().toLowerCase()),
  };
}

/** §6.1: a budget range is "Min or Max > 0"; levels are a non-empty list. */
export function hasBudgetRange(capability: ResolvedCapability): boolean {
  return capability.min > 0 || capability.max > 0;
}

export function classifyCapability(thinking: ModelThinking): CapabilityClass {
  if (thinking === 'unknown') return 'unknown';
  if (thinking === 'unsupported') return 'none';
  const capability = resolveCapability(thinking);
  const budget = hasBudgetRange(capability);
  const levels = capability.levels.length > 0;
  if (budget && levels) return 'hybrid';
  if (budget) return 'budget-only';
  if (levels) return 'level-only';
  return 'none';
}

export function supportsLevel(capability: ResolvedCapability, level: string): boolean {
  return capability.levels.includes(level.trim().toLowerCase());
}
