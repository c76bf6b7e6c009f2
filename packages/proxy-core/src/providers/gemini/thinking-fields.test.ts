/** Provider appliers (upstream-behaviour.md §6.3 "Appliers"): validated setting → request fields. */
import { expect, it } from 'vitest';
import type { ValidatedThinking } from '../../thinking/types.ts';
import { geminiThinkingFields } from './thinking-fields.ts';

const budget = (n: number): ValidatedThinking => ({ mode: 'budget', budget: n });
const level = (l: string): ValidatedThinking => ({ mode: 'level', level: l });

it.each([
  ['level', level('high'), {}, { thinkingLevel: 'high', includeThoughts: true }],
  [
    'level, client hid thoughts',
    level('low'),
    { includeThoughts: false },
    { thinkingLevel: 'low', includeThoughts: false },
  ],
  [
    'none, budget model',
    { mode: 'none', budget: 0 },
    { includeThoughts: true },
    { thinkingBudget: 0, includeThoughts: false },
  ],
  [
    'none, model cannot switch off (Min)',
    { mode: 'none', budget: 128 },
    {},
    { thinkingBudget: 128, includeThoughts: false },
  ],
  [
    'none, model with levels',
    { mode: 'none', budget: 128, level: 'low' },
    {},
    { thinkingLevel: 'low', includeThoughts: false },
  ],
  ['budget', budget(8192), {}, { thinkingBudget: 8192, includeThoughts: true }],
  [
    'budget, client hid thoughts',
    budget(8192),
    { includeThoughts: false },
    { thinkingBudget: 8192, includeThoughts: false },
  ],
  ['auto', { mode: 'auto' }, {}, { thinkingBudget: -1, includeThoughts: true }],
  [
    'auto, client hid thoughts',
    { mode: 'auto' },
    { includeThoughts: false },
    { thinkingBudget: -1, includeThoughts: false },
  ],
] as const)('thinking: Gemini applier — %s', (_name, thinking, options, expected) => {
  expect(geminiThinkingFields(thinking, options)).toEqual({ thinkingConfig: expected });
});
