import { classifyCapability, hasBudgetRange, resolveCapability, supportsLevel } from './capability.ts';
import type { ResolvedCapability } from './capability.ts';
import { budgetMidpoint, budgetOutOfRange, clampBudget, clampLevel } from './clamp.ts';
import { isBudgetBasedFormat, isLevelBasedFormat, isSameFamily } from './formats.ts';
import { budgetToLevel, levelToBudget } from './levels.ts';
import { ThinkingError } from './thinking-error.ts';
import type {
  ModelThinking,
  ThinkingAdjustment,
  ThinkingConfig,
  ThinkingMode,
  ThinkingValidation,
  ValidatedThinking,
  ValidationContext,
} from './types.ts';

/** The setting while the rules rewrite it; mirrors upstream's flat {Mode, Budget, Level}. */
interface Draft {
  mode: ThinkingMode;
  budget: number;
  level: string;
}

function toDraft(config: ThinkingConfig): Draft {
  switch (config.mode) {
    case 'none':
      return { mode: 'none', budget: 0, level: '' };
    case 'auto':
      return { mode: 'auto', budget: -1, level: '' };
    case 'budget':
      return { mode: 'budget', budget: config.budget, level: '' };
    case 'level':
      return { mode: 'level', budget: 0, level: config.level.trim().toLowerCase() };
  }
}

function fromDraft(draft: Draft): ValidatedThinking {
  switch (draft.mode) {
    case 'none':
      return draft.level === ''
        ? { mode: 'none', budget: draft.budget }
        : { mode: 'none', budget: draft.budget, level: draft.level };
    case 'auto':
      return { mode: 'auto' };
    case 'budget':
      return { mode: 'budget', budget: draft.budget };
    case 'level':
      return { mode: 'level', level: draft.level };
  }
}

const forModel = (model: string | undefined): string => (model === undefined ? '' : ` for model "${model}"`);

/**
 * Rule 4, plus one addition: a budget of −1 becomes auto. §6.1 maps −1 to auto and every body source
 * and the suffix parse −1 as auto, so a −1 budget can only mean auto (upstream would forward it as a
 * literal budget of −1 on budget-only models).
 */
function normaliseSpecialValues(draft: Draft): void {
  if (draft.mode === 'level' && draft.level === 'none')
    Object.assign(draft, { mode: 'none', budget: 0, level: '' });
  else if (draft.mode === 'level' && draft.level === 'auto')
    Object.assign(draft, { mode: 'auto', budget: -1, level: '' });
  else if (draft.mode === 'budget' && draft.budget === 0) Object.assign(draft, { mode: 'none', level: '' });
  else if (draft.mode === 'budget' && draft.budget === -1) Object.assign(draft, { mode: 'auto', level: '' });
}

/**
 * Checks a thinking setting against the target model and rewrites it into one the model accepts,
 * applying upstream `ValidateConfig`'s rules in order (upstream-behaviour.md §6.3). Throws a 400
 * `ThinkingError` (`thinking_not_supported`, `unknown_level`, `level_not_supported`,
 * `budget_out_of_range`); every silent rewrite upstream makes is listed in `adjustments`.
 */
export function validateThinking(
  config: ThinkingConfig,
  thinking: ModelThinking,
  context: ValidationContext,
): ThinkingValidation {
  const { from, to, fromSuffix, model } = context;
  const adjustments: ThinkingAdjustment[] = [];
  const note = (kind: ThinkingAdjustment['kind'], message: string): void => {
    adjustments.push({ kind, message });
  };
  const draft = toDraft(config);

  // Rule 1: a model without thinking accepts only "none".
  if (thinking === 'unsupported') {
    if (draft.mode === 'none') {
      return { config: { mode: 'none', budget: 0 }, adjustments };
    }
    throw new ThinkingError(
      'thinking_not_supported',
      `thinking not supported${forModel(model) || ' for this model'}`,
      model,
    );
  }
  // §6.1 Unknown (user-defined model): passed through; the upstream provider judges it.
  if (thinking === 'unknown') {
    normaliseSpecialValues(draft);
    return { config: fromDraft(draft), adjustments };
  }

  const capability = resolveCapability(thinking);
  const capabilityClass = classifyCapability(thinking);

  // Rule 2.
  const allowClampUnsupported = isBudgetBasedFormat(from) && isLevelBasedFormat(to);
  const strictBudget = !fromSuffix && from !== undefined && isSameFamily(from, to);

  // Rule 3: convert to the model's format; hybrid models keep the client's.
  let budgetDerivedFromLevel = false;
  if (capabilityClass === 'budget-only' && draft.mode === 'level' && draft.level !== 'auto') {
    const budget = levelToBudget(draft.level);
    if (budget === undefined)
      throw new ThinkingError('unknown_level', `unknown level: ${draft.level}`, model);
    note('converted', `level "${draft.level}" converted to budget ${budget}`);
    Object.assign(draft, { mode: 'budget', budget, level: '' });
    budgetDerivedFromLevel = true;
  } else if (capabilityClass === 'level-only' && draft.mode === 'budget') {
    const level = budgetToLevel(draft.budget);
    if (level === undefined) {
      throw new ThinkingError(
        'unknown_level',
        `budget ${draft.budget} cannot be converted to a valid level`,
        model,
      );
    }
    const clamped = clampLevel(level, capability);
    note('converted', `budget ${draft.budget} converted to level "${clamped}"`);
    Object.assign(draft, { mode: 'level', budget: 0, level: clamped });
  }

  // Rule 4.
  normaliseSpecialValues(draft);

  // Rule 5: a level the model lacks is clamped only when crossing from budgets to levels.
  if (capability.levels.length > 0 && draft.mode === 'level' && !supportsLevel(capability, draft.level)) {
    const requested = draft.level;
    if (allowClampUnsupported) draft.level = clampLevel(requested, capability);
    if (!supportsLevel(capability, draft.level)) {
      throw new ThinkingError(
        'level_not_supported',
        `level "${requested}" not supported, valid levels: ${capability.levels.join(', ')}${forModel(model)}`,
        model,
      );
    }
    note('clamped', `level "${requested}" clamped to "${draft.level}"`);
  }

  // Rule 6: a same-family body budget outside the range is the client's mistake, not ours to fix.
  if (
    strictBudget &&
    draft.mode === 'budget' &&
    !budgetDerivedFromLevel &&
    hasBudgetRange(capability) &&
    budgetOutOfRange(draft.budget, capability)
  ) {
    throw new ThinkingError(
      'budget_out_of_range',
      `budget ${draft.budget} out of range [${capability.min},${capability.max}]`,
      model,
    );
  }

  // Rule 7.
  if (draft.mode === 'auto' && !capability.dynamicAllowed) autoWithoutDynamic(draft, capability, note);

  // Rule 8.
  finalClamp(draft, capability, to === 'claude', note);

  return { config: fromDraft(draft), adjustments };
}

type Note = (kind: ThinkingAdjustment['kind'], message: string) => void;

/** Rule 7: level-only → `medium`; else the range midpoint; a midpoint ≤ 0 → none (ZeroAllowed) or Min. */
function autoWithoutDynamic(draft: Draft, capability: ResolvedCapability, note: Note): void {
  if (capability.levels.length > 0 && !hasBudgetRange(capability)) {
    // Upstream sets medium unchecked; clamping keeps it valid for a level list without medium.
    const level = clampLevel('medium', capability);
    Object.assign(draft, { mode: 'level', budget: 0, level });
    note('defaulted', `auto is not dynamic on this model; using level "${level}"`);
    return;
  }
  const mid = budgetMidpoint(capability);
  if (mid <= 0 && capability.zeroAllowed) Object.assign(draft, { mode: 'none', budget: 0 });
  else Object.assign(draft, { mode: 'budget', budget: mid <= 0 ? capability.min : mid });
  note(
    'defaulted',
    `auto is not dynamic on this model; using ${draft.mode === 'none' ? 'none' : `budget ${draft.budget}`}`,
  );
}

/**
 * Rule 8: Claude can always switch thinking off (`type: "disabled"`), so none keeps 0 there;
 * otherwise budgets are clamped into range, and a none that must still think on a model with levels
 * gets the lowest level.
 */
function finalClamp(draft: Draft, capability: ResolvedCapability, toClaude: boolean, note: Note): void {
  if (draft.mode === 'none' && toClaude) {
    Object.assign(draft, { budget: 0, level: '' });
    return;
  }
  if (draft.mode === 'level') return;
  const clamped = clampBudget(draft.budget, capability);
  if (clamped !== draft.budget) {
    note(
      'clamped',
      `budget ${draft.budget} clamped to ${clamped} (range [${capability.min},${capability.max}])`,
    );
    draft.budget = clamped;
  }
  // A budget clamped to 0 (Min 0 on a ZeroAllowed model) is thinking off: say none, as rule 4 would.
  // The fields every applier writes are the same either way.
  if (draft.mode === 'budget' && draft.budget === 0) draft.mode = 'none';
  if (draft.mode !== 'none') return;
  const lowest = capability.levels[0];
  if (lowest === undefined) return;
  if (draft.budget > 0) {
    draft.level = lowest;
    return;
  }
  // Addition to rule 8: a level-only model with neither a "none" level nor ZeroAllowed cannot switch
  // thinking off; say so and use its lowest level rather than leaving the applier to guess.
  if (!capability.zeroAllowed && !capability.levels.includes('none')) {
    draft.level = lowest;
    note('defaulted', `thinking cannot be switched off on this model; using its lowest level "${lowest}"`);
  }
}
