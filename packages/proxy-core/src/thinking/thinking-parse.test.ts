/** Suffix and body-field parsing (upstream-behaviour.md §6.2) and the level ↔ budget tables (§6.1). */
import { expect, it } from 'vitest';
import { parseModelRef } from '../models/model-ref.ts';
import {
  thinkingFromAnthropic,
  thinkingFromGemini,
  thinkingFromOpenAiChat,
  thinkingFromOpenAiResponses,
} from './body-sources.ts';
import { classifyCapability } from './capability.ts';
import { budgetToLevel, isThinkingLevel, levelToBudget } from './levels.ts';
import { resolveThinkingConfig } from './resolve.ts';
import { parseThinkingSuffix } from './suffix.ts';
import { ThinkingError } from './thinking-error.ts';
import type { ThinkingConfig } from './types.ts';

it.each([
  ['none', 0],
  ['auto', -1],
  ['minimal', 512],
  ['low', 1024],
  ['medium', 8192],
  ['high', 24576],
  ['xhigh', 32768],
  [' HIGH ', 24576],
])('thinking: level %j → budget %i', (level, budget) => {
  expect(levelToBudget(level)).toBe(budget);
});

it('thinking: an unknown level has no budget', () => {
  expect(levelToBudget('max')).toBeUndefined();
  expect(isThinkingLevel('max')).toBe(false);
  expect(isThinkingLevel('xhigh')).toBe(true);
});

it.each([
  [-2, undefined],
  [-1, 'auto'],
  [0, 'none'],
  [1, 'minimal'],
  [512, 'minimal'],
  [513, 'low'],
  [1024, 'low'],
  [1025, 'medium'],
  [8192, 'medium'],
  [8193, 'high'],
  [24576, 'high'],
  [24577, 'xhigh'],
  [1_000_000, 'xhigh'],
])('thinking: budget %i → level %s', (budget, level) => {
  expect(budgetToLevel(budget)).toBe(level);
});

it.each([
  [{ min: 1024, max: 128000 }, 'budget-only'],
  [{ max: 24576, zeroAllowed: true }, 'budget-only'],
  [{ levels: ['low', 'high'] }, 'level-only'],
  [{ min: 128, max: 32768, levels: ['low', 'high'] }, 'hybrid'],
  [{ levels: [] }, 'none'],
  ['unsupported', 'none'],
  ['unknown', 'unknown'],
] as const)('thinking: capability %j is class %s', (capability, expected) => {
  expect(classifyCapability(capability)).toBe(expected);
});

const suffixCases: readonly (readonly [string, ThinkingConfig | undefined])[] = [
  ['none', { mode: 'none' }],
  ['NONE', { mode: 'none' }],
  ['auto', { mode: 'auto' }],
  ['Auto', { mode: 'auto' }],
  ['-1', { mode: 'auto' }],
  ['minimal', { mode: 'level', level: 'minimal' }],
  ['low', { mode: 'level', level: 'low' }],
  ['medium', { mode: 'level', level: 'medium' }],
  ['HIGH', { mode: 'level', level: 'high' }],
  ['xhigh', { mode: 'level', level: 'xhigh' }],
  ['8192', { mode: 'budget', budget: 8192 }],
  ['0', { mode: 'none' }],
  ['000', { mode: 'none' }],
  ['0042', { mode: 'budget', budget: 42 }],
  ['-5', undefined],
  ['-0', undefined],
  ['1.5', undefined],
  ['max', undefined],
  ['99999999999999999999', undefined],
];

it.each(suffixCases)('thinking: suffix (%s) parses to %j', (suffix, expected) => {
  expect(parseThinkingSuffix(suffix)).toEqual(expected);
});

it('thinking: the suffix text comes from parseModelRef', () => {
  const ref = parseModelRef('gemini/gemini-2.5-pro(8192)');
  expect(ref.thinkingSuffix).toBe('8192');
  expect(parseThinkingSuffix(ref.thinkingSuffix ?? '')).toEqual({ mode: 'budget', budget: 8192 });
});

it.each([
  [undefined, undefined],
  [null, undefined],
  ['', undefined],
  ['none', { mode: 'none' }],
  ['auto', { mode: 'auto' }],
  ['High', { mode: 'level', level: 'high' }],
  ['minimal', { mode: 'level', level: 'minimal' }],
  ['turbo', { mode: 'level', level: 'turbo' }],
] as const)('thinking: OpenAI chat reasoning_effort %j → %j', (effort, expected) => {
  expect(thinkingFromOpenAiChat(effort)).toEqual(expected);
});

it.each([
  [undefined, undefined],
  [null, undefined],
  [{}, undefined],
  [{ effort: null }, undefined],
  [{ effort: 'low' }, { mode: 'level', level: 'low' }],
  [{ effort: 'none' }, { mode: 'none' }],
] as const)('thinking: OpenAI Responses reasoning %j → %j', (reasoning, expected) => {
  expect(thinkingFromOpenAiResponses(reasoning)).toEqual(expected);
});

it.each([
  [undefined, undefined],
  [null, undefined],
  [{}, undefined],
  [{ type: 'disabled' }, { mode: 'none' }],
  [{ type: 'disabled', budget_tokens: 4096 }, { mode: 'none' }],
  [{ type: 'enabled' }, { mode: 'auto' }],
  [
    { type: 'enabled', budget_tokens: 4096 },
    { mode: 'budget', budget: 4096 },
  ],
  [{ type: 'enabled', budget_tokens: 0 }, { mode: 'none' }],
  [{ type: 'enabled', budget_tokens: -1 }, { mode: 'auto' }],
  [
    { type: 'enabled', budget_tokens: -5 },
    { mode: 'budget', budget: -5 },
  ],
  [
    { type: 'enabled', budget_tokens: 2048.9 },
    { mode: 'budget', budget: 2048 },
  ],
  [{ budget_tokens: 1024 }, { mode: 'budget', budget: 1024 }],
] as const)('thinking: Anthropic thinking %j → %j', (thinking, expected) => {
  expect(thinkingFromAnthropic(thinking)).toEqual(expected);
});

it.each([
  [undefined, undefined],
  [null, undefined],
  [{}, undefined],
  [{ thinkingLevel: 'high' }, { mode: 'level', level: 'high' }],
  [{ thinking_level: 'low' }, { mode: 'level', level: 'low' }],
  [{ thinkingLevel: 'none' }, { mode: 'none' }],
  [{ thinkingLevel: 'auto' }, { mode: 'auto' }],
  [
    { thinkingLevel: 'high', thinkingBudget: 128 },
    { mode: 'level', level: 'high' },
  ],
  [{ thinkingBudget: 8192 }, { mode: 'budget', budget: 8192 }],
  [{ thinking_budget: 1024 }, { mode: 'budget', budget: 1024 }],
  [{ thinkingBudget: 0 }, { mode: 'none' }],
  [{ thinkingBudget: -1 }, { mode: 'auto' }],
  [{ thinkingBudget: -7 }, { mode: 'budget', budget: -7 }],
] as const)('thinking: Gemini thinkingConfig %j → %j', (thinkingConfig, expected) => {
  expect(thinkingFromGemini(thinkingConfig)).toEqual(expected);
});

it('thinking: a suffix overrides the body', () => {
  const body = thinkingFromOpenAiChat('low');
  expect(resolveThinkingConfig('high', body)).toEqual({
    config: { mode: 'level', level: 'high' },
    fromSuffix: true,
  });
  expect(resolveThinkingConfig('0', body)).toEqual({ config: { mode: 'none' }, fromSuffix: true });
});

it('thinking: without a suffix the body decides; with neither there is nothing to validate', () => {
  expect(resolveThinkingConfig(undefined, { mode: 'auto' })).toEqual({
    config: { mode: 'auto' },
    fromSuffix: false,
  });
  expect(resolveThinkingConfig(undefined, undefined)).toBeUndefined();
});

it('thinking: an unparseable suffix is a 400 invalid_suffix, not silently ignored', () => {
  expect(() => resolveThinkingConfig('lots', { mode: 'auto' })).toThrow(ThinkingError);
  expect(() => resolveThinkingConfig('-5', undefined)).toThrow(
    expect.objectContaining({ spec: expect.objectContaining({ status: 400, code: 'invalid_suffix' }) }),
  );
});
