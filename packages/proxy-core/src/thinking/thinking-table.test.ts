/**
 * Table-driven proof of `validateThinking` against upstream-behaviour.md §6.3: every row of the
 * reference's test table, then min / max / zero / negative / −1 boundaries for each capability class
 * (§6.1), then the rules' remaining branches. Titles start with `thinking: ` for the coverage catalog;
 * each title is generated from its row, so it always says exactly what the row checks.
 */
import { expect, it } from 'vitest';
import { ThinkingError, type ThinkingErrorCode } from './thinking-error.ts';
import type { ModelThinking, ThinkingConfig, ThinkingFormat, ValidatedThinking } from './types.ts';
import { validateThinking } from './validate.ts';

type Route = `${ThinkingFormat | '?'}→${ThinkingFormat}`;
type Source = 'body' | 'suffix';
type Expected = ValidatedThinking | ThinkingErrorCode;

interface Row {
  readonly title: string;
  readonly model: ModelThinking;
  readonly input: ThinkingConfig;
  readonly route: Route;
  readonly source: Source;
  readonly expected: Expected;
}

const budget = (n: number): ThinkingConfig => ({ mode: 'budget', budget: n });
const level = (l: string): ThinkingConfig => ({ mode: 'level', level: l });
const AUTO: ThinkingConfig = { mode: 'auto' };
const NONE: ThinkingConfig = { mode: 'none' };

const toBudget = (n: number): ValidatedThinking => ({ mode: 'budget', budget: n });
const toLevel = (l: string): ValidatedThinking => ({ mode: 'level', level: l });
const toNone = (n = 0, l?: string): ValidatedThinking =>
  l === undefined ? { mode: 'none', budget: n } : { mode: 'none', budget: n, level: l };
const TO_AUTO: ValidatedThinking = { mode: 'auto' };

function describeModel(model: ModelThinking): string {
  if (typeof model === 'string') return model;
  const parts: string[] = [];
  if (model.min !== undefined || model.max !== undefined) parts.push(`[${model.min ?? 0},${model.max ?? 0}]`);
  if (model.zeroAllowed === true) parts.push('zero✓');
  if (model.dynamicAllowed === true) parts.push('dyn✓');
  if (model.levels !== undefined) parts.push(model.levels.join('/'));
  return parts.length === 0 ? '{}' : parts.join(' ');
}

function describeThinking(thinking: ThinkingConfig | ValidatedThinking): string {
  switch (thinking.mode) {
    case 'auto':
      return 'auto';
    case 'level':
      return `level ${thinking.level}`;
    case 'budget':
      return `budget ${thinking.budget}`;
    case 'none':
      if (!('budget' in thinking)) return 'none';
      return thinking.level === undefined
        ? `none(${thinking.budget})`
        : `none(${thinking.budget}, ${thinking.level})`;
  }
}

/** One row: model, input, `from→to`, where the setting came from, expected result or error code. */
function row(
  model: ModelThinking,
  input: ThinkingConfig,
  route: Route,
  source: Source,
  expected: Expected,
): Row {
  const outcome = typeof expected === 'string' ? expected : describeThinking(expected);
  const title = `${describeThinking(input)} ${route} (${source}) on ${describeModel(model)} → ${outcome}`;
  return { title, model, input, route, source, expected };
}

function validate(r: Pick<Row, 'model' | 'input' | 'route' | 'source'>, model?: string) {
  const [from, to] = r.route.split('→') as [ThinkingFormat | '?', ThinkingFormat];
  return validateThinking(r.input, r.model, {
    from: from === '?' ? undefined : from,
    to,
    fromSuffix: r.source === 'suffix',
    ...(model === undefined ? {} : { model }),
  });
}

function check(r: Row): void {
  if (typeof r.expected === 'string') {
    const error = captureError(() => validate(r));
    expect(error).toBeInstanceOf(ThinkingError);
    expect(error).toMatchObject({ thinkingCode: r.expected, spec: { status: 400, code: r.expected } });
  } else {
    expect(validate(r).config).toEqual(r.expected);
  }
}

function captureError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a ThinkingError, got a result');
}

// ── The reference's test table (validate_test.go), one row each, in its order ──────────────────
const CLAUDE_32K = { min: 1024, max: 32000 };
const LOW_HIGH = { levels: ['low', 'high'] };

const REFERENCE_TABLE: readonly Row[] = [
  row(CLAUDE_32K, budget(10), 'openai→claude', 'body', toBudget(1024)),
  row(CLAUDE_32K, budget(0), 'openai→claude', 'body', toNone(0)),
  row(CLAUDE_32K, budget(-5), 'openai→claude', 'suffix', toBudget(1024)),
  row(CLAUDE_32K, budget(64000), 'openai→claude', 'suffix', toBudget(32000)),
  row(CLAUDE_32K, budget(64000), 'claude→claude', 'body', 'budget_out_of_range'),
  row(LOW_HIGH, budget(10), 'gemini→openai', 'body', toLevel('low')), // minimal → nearest
  row(LOW_HIGH, budget(3000), 'gemini→openai', 'body', toLevel('low')), // medium ties → lower
  row(LOW_HIGH, level('xhigh'), 'openai→openai', 'body', 'level_not_supported'),
  row({ min: 1024, max: 32000, zeroAllowed: true }, budget(0), 'openai→openai', 'suffix', toNone(0)),
  row({ min: 1000, max: 3000 }, AUTO, 'openai→claude', 'body', toBudget(2000)), // midpoint
  row({ min: 1000, max: 3000, dynamicAllowed: true }, AUTO, 'openai→claude', 'suffix', TO_AUTO),
];

it.each(REFERENCE_TABLE)('thinking: reference table — $title', check);

it('thinking: reference table — level_not_supported carries the model ([S]) and the valid levels', () => {
  const error = captureError(() => validate(REFERENCE_TABLE[7] as Row, 'ctx-model'));
  expect(error).toMatchObject({
    model: 'ctx-model',
    message: 'level "xhigh" not supported, valid levels: low, high for model "ctx-model"',
  });
});

it('thinking: reference table — budget_out_of_range says the budget and the range, no code prefix', () => {
  const error = captureError(() => validate(REFERENCE_TABLE[4] as Row));
  expect(error).toMatchObject({ message: 'budget 64000 out of range [1024,32000]' });
});

// ── Budget boundaries per capability class (§6.1 classes, §6.4 models) ─────────────────────────
/**
 * Each budget class is probed at min−1, min, max, max+1, 0, −5 and −1, once from a suffix (always
 * clamped) and once from a same-family body (strict: out of range → budget_out_of_range).
 */
interface BudgetClass {
  readonly label: string;
  readonly model: { readonly min: number; readonly max: number } & Exclude<ModelThinking, string>;
  readonly format: ThinkingFormat;
  /** Results from a suffix, in probe order. */
  readonly fromSuffix: readonly ValidatedThinking[];
  /** Probes a same-family body may not send (rule 6); the rest match `fromSuffix`. */
  readonly strictRejects: readonly (typeof PROBES)[number][];
}

const PROBES = ['min−1', 'min', 'max', 'max+1', 'zero', '−5', '−1'] as const;

const BUDGET_CLASSES: readonly BudgetClass[] = [
  {
    label: 'budget-only, zero ✗, dyn ✗ (claude-opus-4-1)',
    model: { min: 1024, max: 128000 },
    format: 'claude',
    fromSuffix: [1024, 1024, 128000, 128000].map(toBudget).concat(toNone(0), toBudget(1024), toBudget(64512)),
    strictRejects: ['min−1', 'max+1', '−5'],
  },
  {
    label: 'budget-only, zero ✓, dyn ✗ (claude-sonnet-4-5)',
    model: { min: 1024, max: 128000, zeroAllowed: true },
    format: 'claude',
    fromSuffix: [1024, 1024, 128000, 128000].map(toBudget).concat(toNone(0), toBudget(1024), toBudget(64512)),
    strictRejects: ['min−1', 'max+1', '−5'],
  },
  {
    // min−1 is −1 here, i.e. auto; −5 clamps to Min 0, which is "off".
    label: 'budget-only, zero ✓, dyn ✓ (gemini-2.5-flash)',
    model: { min: 0, max: 24576, zeroAllowed: true, dynamicAllowed: true },
    format: 'gemini',
    fromSuffix: [TO_AUTO, toNone(0), toBudget(24576), toBudget(24576), toNone(0), toNone(0), TO_AUTO],
    strictRejects: ['max+1', '−5'],
  },
  {
    // 0 cannot switch thinking off: none keeps Min 128 and the applier hides the thoughts.
    label: 'budget-only, zero ✗, dyn ✓ (gemini-2.5-pro)',
    model: { min: 128, max: 32768, dynamicAllowed: true },
    format: 'gemini',
    fromSuffix: [128, 128, 32768, 32768].map(toBudget).concat(toNone(128), toBudget(128), TO_AUTO),
    strictRejects: ['min−1', 'max+1', '−5'],
  },
  {
    label: 'hybrid, zero ✗, dyn ✓ (gemini-3-pro-preview)',
    model: { min: 128, max: 32768, dynamicAllowed: true, levels: ['low', 'high'] },
    format: 'gemini',
    fromSuffix: [128, 128, 32768, 32768].map(toBudget).concat(toNone(128, 'low'), toBudget(128), TO_AUTO),
    strictRejects: ['min−1', 'max+1', '−5'],
  },
];

const BUDGET_BOUNDARY_ROWS: readonly Row[] = BUDGET_CLASSES.flatMap((cls) => {
  const { min, max } = cls.model;
  const values = [min - 1, min, max, max + 1, 0, -5, -1];
  const route: Route = `${cls.format}→${cls.format}`;
  return PROBES.flatMap((probe, i): Row[] => {
    const input = budget(values[i] ?? Number.NaN);
    const clamped = cls.fromSuffix[i] ?? TO_AUTO;
    const strict = cls.strictRejects.includes(probe) ? 'budget_out_of_range' : clamped;
    const suffixRow = row(cls.model, input, route, 'suffix', clamped);
    const bodyRow = row(cls.model, input, route, 'body', strict);
    return [
      { ...suffixRow, title: `${cls.label}, ${probe}: ${suffixRow.title}` },
      { ...bodyRow, title: `${cls.label}, ${probe}: ${bodyRow.title}` },
    ];
  });
});

it('thinking: boundary table covers every probe of every budget class', () => {
  expect(BUDGET_BOUNDARY_ROWS).toHaveLength(BUDGET_CLASSES.length * PROBES.length * 2);
  for (const cls of BUDGET_CLASSES) expect(cls.fromSuffix).toHaveLength(PROBES.length);
});

it.each(BUDGET_BOUNDARY_ROWS)('thinking: boundary — $title', check);

// ── Level-only, hybrid-level, none and unknown classes ─────────────────────────────────────────
const CODEX_MINI = { levels: ['low', 'medium', 'high'] }; // gpt-5-codex-mini
const GPT_5_1 = { levels: ['none', 'low', 'medium', 'high'] };
const GEMINI_3_PRO = { min: 128, max: 32768, dynamicAllowed: true, levels: ['low', 'high'] };

const LEVEL_BOUNDARY_ROWS: readonly Row[] = [
  // Level-only: budgets map through the §6.1 bands, then clamp to the nearest supported level.
  row(CODEX_MINI, budget(1), 'claude→openai', 'body', toLevel('low')), // bottom of minimal
  row(CODEX_MINI, budget(512), 'claude→openai', 'body', toLevel('low')), // top of minimal
  row(CODEX_MINI, budget(513), 'claude→openai', 'body', toLevel('low')), // bottom of low
  row(CODEX_MINI, budget(1025), 'claude→openai', 'body', toLevel('medium')), // bottom of medium
  row(CODEX_MINI, budget(24576), 'claude→openai', 'suffix', toLevel('high')), // top of high
  row(CODEX_MINI, budget(24577), 'claude→openai', 'suffix', toLevel('high')), // xhigh band → max
  row(CODEX_MINI, level('minimal'), 'openai→openai', 'body', 'level_not_supported'), // below min
  row(CODEX_MINI, level('minimal'), 'gemini→openai', 'body', toLevel('low')), // budget→level: clamped
  row(CODEX_MINI, level('low'), 'openai→openai', 'body', toLevel('low')), // min
  row(CODEX_MINI, level('high'), 'openai→openai', 'body', toLevel('high')), // max
  row(CODEX_MINI, level('xhigh'), 'claude→openai-response', 'body', toLevel('high')), // above max
  row(CODEX_MINI, level('xhigh'), 'openai→openai', 'suffix', 'level_not_supported'),
  row(CODEX_MINI, level('turbo'), 'gemini→openai', 'body', 'level_not_supported'), // nothing to clamp to
  row(CODEX_MINI, budget(0), 'claude→openai', 'body', toNone(0, 'low')), // cannot switch off → lowest
  row(CODEX_MINI, level('none'), 'openai→openai', 'body', toNone(0, 'low')),
  row(CODEX_MINI, budget(-5), 'claude→openai', 'suffix', 'unknown_level'), // < −1 has no level
  row(CODEX_MINI, budget(-1), 'claude→openai', 'suffix', toLevel('medium')), // auto, not dynamic
  row(CODEX_MINI, AUTO, 'openai→openai', 'body', toLevel('medium')),
  // Level-only with a "none" level (gpt-5.1).
  row(GPT_5_1, budget(0), 'claude→openai', 'body', toNone(0)),
  row(GPT_5_1, level('NONE'), 'openai→openai', 'body', toNone(0)),
  row(GPT_5_1, budget(10), 'gemini→openai', 'body', toLevel('low')), // none is no clamp target
  // Hybrid: keeps the client's format; levels are checked, never converted.
  row(GEMINI_3_PRO, level('low'), 'gemini→gemini', 'body', toLevel('low')),
  row(GEMINI_3_PRO, level('high'), 'gemini→gemini', 'body', toLevel('high')),
  row(GEMINI_3_PRO, level('medium'), 'gemini→gemini', 'body', 'level_not_supported'), // to is budget-based
  row(GEMINI_3_PRO, level('minimal'), 'openai→gemini', 'suffix', 'level_not_supported'),
  row(GEMINI_3_PRO, level('auto'), 'gemini→gemini', 'body', TO_AUTO),
  row(GEMINI_3_PRO, NONE, 'gemini→gemini', 'body', toNone(128, 'low')),
  // None: only "none" passes (rule 1), checked before any normalisation, as upstream.
  row('unsupported', NONE, 'openai→openai', 'body', toNone(0)),
  row('unsupported', budget(1024), 'claude→claude', 'body', 'thinking_not_supported'),
  row('unsupported', budget(0), 'claude→claude', 'body', 'thinking_not_supported'),
  row('unsupported', budget(-1), 'claude→claude', 'suffix', 'thinking_not_supported'),
  row('unsupported', budget(-5), 'claude→claude', 'suffix', 'thinking_not_supported'),
  row('unsupported', AUTO, 'openai→openai', 'suffix', 'thinking_not_supported'),
  row('unsupported', level('high'), 'openai→openai', 'body', 'thinking_not_supported'),
  // Unknown (user-defined): passed through for the provider to judge; only none/auto are normalised.
  row('unknown', budget(200000), 'claude→claude', 'body', toBudget(200000)),
  row('unknown', budget(1), 'claude→claude', 'body', toBudget(1)),
  row('unknown', budget(0), 'claude→claude', 'body', toNone(0)),
  row('unknown', budget(-5), 'claude→claude', 'suffix', toBudget(-5)),
  row('unknown', budget(-1), 'claude→claude', 'suffix', TO_AUTO),
  row('unknown', level('turbo'), 'openai→openai', 'body', toLevel('turbo')),
  row('unknown', level('auto'), 'openai→openai', 'body', TO_AUTO),
];

it.each(LEVEL_BOUNDARY_ROWS)('thinking: boundary — $title', check);

// ── Remaining rule branches ─────────────────────────────────────────────────────────────────────
const KIMI_K2_THINKING = { min: 1024, max: 32000, zeroAllowed: true, dynamicAllowed: true };
const GEMINI_25_FLASH = { min: 0, max: 24576, zeroAllowed: true, dynamicAllowed: true };
const OPUS_4_1 = { min: 1024, max: 128000 };

const RULE_ROWS: readonly Row[] = [
  // Rule 2: strict only for a known source, a body (not a suffix) and the same family.
  row(KIMI_K2_THINKING, budget(64000), 'openai→openai-response', 'body', toBudget(32000)), // not one family
  row(KIMI_K2_THINKING, budget(64000), 'openai→openai', 'body', 'budget_out_of_range'),
  row(KIMI_K2_THINKING, budget(64000), '?→openai', 'body', toBudget(32000)), // unknown source
  row(GEMINI_25_FLASH, budget(64000), 'claude→gemini', 'body', toBudget(24576)), // crosses families
  // Rule 3: budget-only models take levels as budgets; hybrid keeps budgets.
  row(KIMI_K2_THINKING, level('medium'), 'openai→openai', 'body', toBudget(8192)),
  row(OPUS_4_1, level('minimal'), 'openai→claude', 'body', toBudget(1024)), // 512 → Min
  row(GEMINI_25_FLASH, level('xhigh'), 'gemini→gemini', 'body', toBudget(24576)), // derived: clamped
  row(GEMINI_25_FLASH, level('none'), 'openai→gemini', 'body', toNone(0)),
  row(GEMINI_25_FLASH, level('auto'), 'openai→gemini', 'body', TO_AUTO),
  row(GEMINI_25_FLASH, level('turbo'), 'openai→gemini', 'body', 'unknown_level'),
  row(GEMINI_3_PRO, budget(3000), 'openai→gemini', 'body', toBudget(3000)),
  // Rule 7: auto without dynamic support.
  row(LOW_HIGH, AUTO, 'openai→openai', 'body', toLevel('low')), // medium absent → lower neighbour
  row({ min: 0, max: 1, zeroAllowed: true }, AUTO, 'openai→gemini', 'body', toNone(0)), // mid 0, zero ✓
  row({ min: 0, max: 1 }, AUTO, 'openai→gemini', 'body', toNone(0)), // mid 0 → Min 0
  row({ min: 1024, max: 32001 }, AUTO, 'openai→claude', 'body', toBudget(16512)), // rounds down
  row({ min: 128, max: 32768, levels: ['low', 'high'] }, AUTO, 'gemini→gemini', 'body', toBudget(16448)),
  // Rule 8: final clamp.
  row(OPUS_4_1, NONE, 'openai→claude', 'body', toNone(0)), // Claude can always disable
  row(OPUS_4_1, NONE, 'claude→openai', 'body', toNone(1024)), // elsewhere: Min
  row({}, budget(5000), 'openai→openai', 'body', toBudget(5000)), // neither range nor levels
];

it.each(RULE_ROWS)('thinking: rule — $title', check);

it('thinking: adjustments list every silent rewrite (§12 #16)', () => {
  const adjustmentsOf = (r: Row) => validate(r).adjustments;
  expect(adjustmentsOf(REFERENCE_TABLE[3] as Row)).toEqual([
    { kind: 'clamped', message: 'budget 64000 clamped to 32000 (range [1024,32000])' },
  ]);
  expect(adjustmentsOf(REFERENCE_TABLE[9] as Row)).toEqual([
    { kind: 'defaulted', message: 'auto is not dynamic on this model; using budget 2000' },
  ]);
  expect(adjustmentsOf(REFERENCE_TABLE[6] as Row)).toEqual([
    { kind: 'converted', message: 'budget 3000 converted to level "low"' },
  ]);
  expect(adjustmentsOf(row(CODEX_MINI, level('xhigh'), 'claude→openai', 'body', toLevel('high')))).toEqual([
    { kind: 'clamped', message: 'level "xhigh" clamped to "high"' },
  ]);
  expect(adjustmentsOf(row(CODEX_MINI, NONE, 'openai→openai', 'body', toNone(0, 'low')))).toEqual([
    {
      kind: 'defaulted',
      message: 'thinking cannot be switched off on this model; using its lowest level "low"',
    },
  ]);
  expect(adjustmentsOf(row(CODEX_MINI, level('high'), 'openai→openai', 'body', toLevel('high')))).toEqual([]);
});

it('thinking: thinking_not_supported names the model when it is known', () => {
  const auto = row('unsupported', AUTO, 'openai→openai', 'body', 'thinking_not_supported');
  expect(captureError(() => validate(auto, 'claude-3-5-haiku-20241022'))).toMatchObject({
    message: 'thinking not supported for model "claude-3-5-haiku-20241022"',
    model: 'claude-3-5-haiku-20241022',
  });
  expect(captureError(() => validate(auto))).toMatchObject({
    message: 'thinking not supported for this model',
  });
});
