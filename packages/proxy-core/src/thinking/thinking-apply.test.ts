/** Provider appliers (upstream-behaviour.md §6.3 "Appliers"): validated setting → request fields. */
import { expect, it } from 'vitest';
import { anthropicThinkingFields } from '../providers/anthropic/thinking-fields.ts';
import { geminiThinkingFields } from '../providers/gemini/thinking-fields.ts';
import {
  openAiChatThinkingFields,
  openAiResponsesThinkingFields,
} from '../providers/shared/chat-completions/thinking-fields.ts';
import { ThinkingError } from './thinking-error.ts';
import type { ValidatedThinking } from './types.ts';
import { validateThinking } from './validate.ts';

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
  ['level', level('high'), 'high'],
  ['none', { mode: 'none', budget: 0 }, 'none'],
  ['none on a model that cannot switch off', { mode: 'none', budget: 0, level: 'low' }, 'low'],
  ['budget (budget-only model, e.g. Kimi) → band', budget(3000), 'medium'],
  ['budget in the minimal band', budget(512), 'minimal'],
  ['budget above the high band', budget(30000), 'xhigh'],
  ['negative budget (unknown model) → medium', budget(-5), 'medium'],
  ['auto → medium', { mode: 'auto' }, 'medium'],
] as const)('thinking: OpenAI appliers — %s', (_name, thinking, effort) => {
  expect(openAiChatThinkingFields(thinking)).toEqual({ reasoning_effort: effort });
  expect(openAiResponsesThinkingFields(thinking)).toEqual({ reasoning: { effort } });
});

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

it('thinking: end to end — claude-sonnet-4-5(64000) through OpenAI chat → Anthropic fields', () => {
  const { config } = validateThinking(
    { mode: 'budget', budget: 64000 },
    { min: 1024, max: 128000, zeroAllowed: true },
    {
      from: 'openai',
      to: 'claude',
      fromSuffix: true,
    },
  );
  expect(anthropicThinkingFields(config, { maxTokens: 32000, minBudget: 1024 })).toEqual({
    thinking: { type: 'enabled', budget_tokens: 31999 },
  });
});

it('thinking: end to end — Anthropic budget 3000 to gpt-5-codex-mini → reasoning_effort medium', () => {
  const { config } = validateThinking(
    { mode: 'budget', budget: 3000 },
    { levels: ['low', 'medium', 'high'] },
    {
      from: 'claude',
      to: 'openai-response',
      fromSuffix: false,
    },
  );
  expect(openAiResponsesThinkingFields(config)).toEqual({ reasoning: { effort: 'medium' } });
});
