import { describe, expect, it } from 'vitest';
import { ModelRefError, parseModelRef, qualifiedModelId } from './model-ref.ts';

describe('parseModelRef', () => {
  it.each([
    ['mock-small', { provider: undefined, model: 'mock-small', thinkingSuffix: undefined }],
    ['openai/gpt-5-codex-mini', { provider: 'openai', model: 'gpt-5-codex-mini', thinkingSuffix: undefined }],
    ['OpenAI/gpt-5-codex-mini', { provider: 'openai', model: 'gpt-5-codex-mini', thinkingSuffix: undefined }],
    ['gemini-2.5-flash(8192)', { provider: undefined, model: 'gemini-2.5-flash', thinkingSuffix: '8192' }],
    [
      'anthropic/claude-3-5-haiku-20241022( high )',
      { provider: 'anthropic', model: 'claude-3-5-haiku-20241022', thinkingSuffix: 'high' },
    ],
    ['qwen/org/model-x', { provider: 'qwen', model: 'org/model-x', thinkingSuffix: undefined }],
    ['deepseek-v3(-1)', { provider: undefined, model: 'deepseek-v3', thinkingSuffix: '-1' }],
  ])('parses %s', (raw, expected) => {
    expect(parseModelRef(raw)).toEqual({ raw, ...expected });
  });

  it.each([
    ['', /non-empty/],
    ['   ', /non-empty/],
    ['model()', /empty thinking suffix/],
    ['model(high', /unbalanced/],
    ['model)x', /unbalanced/],
    ['/model', /empty provider/],
    ['openai/', /names no model/],
    ['openai/(high)', /names no model/],
  ])('rejects %j with a message that says what is wrong', (raw, message) => {
    expect(() => parseModelRef(raw)).toThrow(ModelRefError);
    expect(() => parseModelRef(raw)).toThrow(message);
  });
});

describe('qualifiedModelId', () => {
  it('joins provider and model with a slash, and parses back', () => {
    const id = qualifiedModelId('kimi', 'kimi-k2');
    expect(id).toBe('kimi/kimi-k2');
    expect(parseModelRef(id)).toMatchObject({ provider: 'kimi', model: 'kimi-k2' });
  });
});
