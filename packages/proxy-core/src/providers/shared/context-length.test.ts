import { describe, expect, it } from 'vitest';
import { anthropicErrorDetail } from '../anthropic/errors.ts';
import { geminiErrorDetail } from '../gemini/errors.ts';
import { openAiErrorDetail } from './chat-completions/errors.ts';
import { CONTEXT_LENGTH_EXCEEDED } from './context-length.ts';
import { providerErrorFrom, type UpstreamErrorDetail } from './upstream-error.ts';

const openAi = (code: string, message: string) => JSON.stringify({ error: { code, message } });
const anthropic = (message: string) =>
  JSON.stringify({ type: 'error', error: { type: 'invalid_request_error', message } });
const gemini = (message: string) =>
  JSON.stringify({ error: { code: 400, status: 'INVALID_ARGUMENT', message } });

/** The code a refusal reaches the client with, parsed by the provider family's own errors.ts. */
function codeOf(status: number, bodyText: string, parse: (body: string) => UpstreamErrorDetail): string {
  return providerErrorFrom('p', { status, headers: new Headers(), bodyText }, parse(bodyText), 'fix').code;
}

describe('a prompt too long for the context window, in each provider family’s words, is context_length_exceeded', () => {
  it.each<[string, number, string, (body: string) => UpstreamErrorDetail]>([
    ['OpenAI code', 400, openAi('context_length_exceeded', 'whatever'), openAiErrorDetail],
    [
      'OpenAI / DeepSeek wording',
      400,
      openAi('invalid_request_error', "This model's maximum context length is 65536 tokens."),
      openAiErrorDetail,
    ],
    ['Anthropic', 400, anthropic('prompt is too long: 210000 tokens > 200000 maximum'), anthropicErrorDetail],
    [
      'Gemini',
      400,
      gemini('The input token count (1200000) exceeds the maximum number of tokens allowed (1048576).'),
      geminiErrorDetail,
    ],
    [
      'Kimi',
      400,
      openAi('invalid_request_error', 'Invalid request: Your request exceeded model token limit: 131072'),
      openAiErrorDetail,
    ],
    [
      'Qwen',
      400,
      openAi('InvalidParameter', 'Range of input length should be [1, 30720]'),
      openAiErrorDetail,
    ],
    ['a 413', 413, anthropic('prompt is too long'), anthropicErrorDetail],
  ])('%s', (_name, status, body, parse) => {
    expect(codeOf(status, body, parse)).toBe(CONTEXT_LENGTH_EXCEEDED);
  });

  it('is not any other 400, nor a server error that mentions the context length', () => {
    expect(
      codeOf(400, openAi('invalid_request_error', 'temperature must be at most 2'), openAiErrorDetail),
    ).toBe('invalid_request_error');
    expect(
      codeOf(500, openAi(CONTEXT_LENGTH_EXCEEDED, 'maximum context length'), openAiErrorDetail),
    ).not.toBe(CONTEXT_LENGTH_EXCEEDED);
  });
});
