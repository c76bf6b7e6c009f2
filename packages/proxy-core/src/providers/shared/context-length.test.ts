import { describe, expect, it } from 'vitest';
import { CONTEXT_LENGTH_EXCEEDED, isContextLengthRefusal } from './context-length.ts';

describe('isContextLengthRefusal: a prompt too long for the context window, in each provider family’s words', () => {
  it.each([
    ['OpenAI code', 400, 'context_length_exceeded', 'whatever'],
    [
      'OpenAI / DeepSeek wording',
      400,
      'invalid_request_error',
      "This model's maximum context length is 65536 tokens.",
    ],
    ['Anthropic', 400, 'invalid_request_error', 'prompt is too long: 210000 tokens > 200000 maximum'],
    [
      'Gemini',
      400,
      'INVALID_ARGUMENT',
      'The input token count (1200000) exceeds the maximum number of tokens allowed (1048576).',
    ],
    [
      'Kimi',
      400,
      'invalid_request_error',
      'Invalid request: Your request exceeded model token limit: 131072',
    ],
    ['Qwen', 400, 'InvalidParameter', 'Range of input length should be [1, 30720]'],
    ['a 413', 413, undefined, 'prompt is too long'],
  ])('%s', (_name, status, code, message) => {
    expect(isContextLengthRefusal(status, code, message)).toBe(true);
  });

  it('is not any other 400, nor a server error that mentions the context length', () => {
    expect(isContextLengthRefusal(400, 'invalid_request_error', 'temperature must be at most 2')).toBe(false);
    expect(isContextLengthRefusal(500, CONTEXT_LENGTH_EXCEEDED, 'maximum context length')).toBe(false);
  });
});
