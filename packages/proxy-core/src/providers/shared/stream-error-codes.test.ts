/**
 * An error inside a 200 stream, in every provider family: the upstream's own code passes through untouched (a
 * client may key on it), and an error without one gets the catalogue's `upstream_stream_error`.
 */
import { describe, expect, it } from 'vitest';
import { anthropicStreamError } from '../anthropic/errors.ts';
import { geminiStreamError } from '../gemini/errors.ts';
import { streamErrorSpec } from './chat-completions/errors.ts';
import { responsesStreamError } from '../openai/errors.ts';

describe('mid-stream error codes', () => {
  it.each([
    [
      'anthropic',
      anthropicStreamError({ type: 'error', error: { type: 'overloaded_error', message: 'busy' } }),
      529,
    ],
    [
      'gemini',
      geminiStreamError({ error: { code: 429, status: 'RESOURCE_EXHAUSTED', message: 'quota' } }),
      429,
    ],
    [
      'openai chat',
      streamErrorSpec('kimi', { error: { code: 'rate_limit_exceeded', message: 'slow' } }),
      429,
    ],
    ['openai responses', responsesStreamError({ code: 'server_is_overloaded', message: 'busy' }), 503],
  ])('%s: the upstream code and its status pass through', (_family, spec, status) => {
    expect(spec.status).toBe(status);
    expect(spec.code).not.toBe('upstream_stream_error');
  });

  it.each([
    ['anthropic', anthropicStreamError({ type: 'error', error: { message: 'gone' } })],
    ['gemini', geminiStreamError({ error: { message: 'gone' } })],
    ['openai chat', streamErrorSpec('qwen', { error: { message: 'gone' } })],
    ['openai responses', responsesStreamError({ message: 'gone' })],
  ])('%s: an error without a code is a 502 upstream_stream_error', (_family, spec) => {
    expect(spec).toMatchObject({ status: 502, code: 'upstream_stream_error' });
    expect(spec.message).toContain('gone');
  });
});
