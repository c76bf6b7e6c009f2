/** Provider appliers (upstream-behaviour.md §6.3 "Appliers"): validated setting → request fields. */
import { expect, it } from 'vitest';
import { ThinkingError } from '../../thinking/thinking-error.ts';
import type { ValidatedThinking } from '../../thinking/types.ts';
import { anthropicThinkingFields } from './thinking-fields.ts';

const budget = (n: number): ValidatedThinking => ({ mode: 'budget', budget: n });
const level = (l: string): ValidatedThinking => ({ mode: 'level', level: l });

it.each([
  ['none', { mode: 'none', budget: 0 }, {}, { type: 'disabled' }],
  ['budget', budget(4096), {}, { type: 'enabled', budget_tokens: 4096 }],
  ['budget below max_tokens', budget(4096), { maxTokens: 8192 }, { type: 'enabled', budget_tokens: 4096 }],
  [
    'budget equal to max_tokens → max_tokens − 1',
    budget(4096),
    { maxTokens: 4096 },
    { type: 'enabled', budget_tokens: 4095 },
  ],
  [
    'budget above max_tokens → max_tokens − 1',
    budget(32000),
    { maxTokens: 16000, minBudget: 1024 },
    { type: 'enabled', budget_tokens: 15999 },
  ],
  [
    'max_tokens − 1 below Min → unchanged',
    budget(2048),
    { maxTokens: 1000, minBudget: 1024 },
    { type: 'enabled', budget_tokens: 2048 },
  ],
  ['budget 0 → disabled', budget(0), {}, { type: 'disabled' }],
  ['auto (dynamic or unknown model) → enabled without a budget', { mode: 'auto' }, {}, { type: 'enabled' }],
  ['level (unknown model) → table budget', level('medium'), {}, { type: 'enabled', budget_tokens: 8192 }],
  ['level none (unknown model) → disabled', level('none'), {}, { type: 'disabled' }],
  ['level auto (unknown model) → enabled', level('auto'), {}, { type: 'enabled' }],
] as const)('thinking: Anthropic applier — %s', (_name, thinking, options, expected) => {
  expect(anthropicThinkingFields(thinking, options)).toEqual({ thinking: expected });
});

it('thinking: Anthropic applier — an unknown level is unknown_level', () => {
  expect(() => anthropicThinkingFields(level('turbo'))).toThrow(ThinkingError);
});

it.each([
  [
    'a level → adaptive with that effort',
    level('xhigh'),
    { thinking: { type: 'adaptive' }, output_config: { effort: 'xhigh' } },
  ],
  ['auto → adaptive at the model’s default effort', { mode: 'auto' }, { thinking: { type: 'adaptive' } }],
  ['none → no thinking field (the model refuses disabled)', { mode: 'none', budget: 0 }, {}],
] as const)('thinking: Anthropic applier, effort model — %s', (_name, thinking, expected) => {
  expect(anthropicThinkingFields(thinking, { byEffort: true, maxTokens: 4096 })).toEqual(expected);
});
