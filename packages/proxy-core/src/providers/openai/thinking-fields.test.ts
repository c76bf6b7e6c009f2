/** Provider appliers (upstream-behaviour.md §6.3 "Appliers"): validated setting → request fields. */
import { expect, it } from 'vitest';
import type { ValidatedThinking } from '../../thinking/types.ts';
import { openAiChatThinkingFields } from '../shared/chat-completions/thinking-fields.ts';
import { openAiResponsesThinkingFields } from './thinking-fields.ts';

const budget = (n: number): ValidatedThinking => ({ mode: 'budget', budget: n });
const level = (l: string): ValidatedThinking => ({ mode: 'level', level: l });

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
