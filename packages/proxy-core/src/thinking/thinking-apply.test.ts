/** Validation and the providers' appliers together (upstream-behaviour.md §6.3): client setting → upstream fields. */
import { expect, it } from 'vitest';
import { anthropicThinkingFields } from '../providers/anthropic/thinking-fields.ts';
import { openAiResponsesThinkingFields } from '../providers/openai/thinking-fields.ts';
import { validateThinking } from './validate.ts';

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
