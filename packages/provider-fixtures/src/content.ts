import type { ProviderId } from './providers.ts';

/**
 * The one answer every provider fixture gives, so a contract test can assert that the proxy
 * translated it faithfully whatever the upstream dialect was.
 */
export const FIXTURE_TEXT_CHUNKS = ['Hello', ' from', ' the', ' fixture.'] as const;
export const FIXTURE_TEXT = FIXTURE_TEXT_CHUNKS.join('');

export const FIXTURE_REASONING_CHUNKS = ['The user says hello;', ' a short greeting answers it.'] as const;
export const FIXTURE_REASONING = FIXTURE_REASONING_CHUNKS.join('');
/** Anthropic signs thinking blocks; clients must send the signature back unchanged. */
export const FIXTURE_THINKING_SIGNATURE = 'c2lnbmF0dXJlLW9mLXRoZS1maXh0dXJl';

export const FIXTURE_TOOL_CALL = {
  name: 'get_weather',
  /** Split mid-token on purpose: a proxy must concatenate, never parse, the fragments. */
  argumentChunks: ['{"city"', ':"Par', 'is"}'],
  arguments: '{"city":"Paris"}',
  input: { city: 'Paris' },
} as const;

/** Fixed ids and timestamp keep every body byte-for-byte deterministic. */
export const FIXTURE_IDS = {
  openaiResponse: 'resp_fixture_0001',
  openaiMessageItem: 'msg_fixture_0001',
  openaiReasoningItem: 'rs_fixture_0001',
  openaiFunctionItem: 'fc_fixture_0001',
  toolCall: 'call_fixture_0001',
  chatCompletion: 'chatcmpl-fixture-0001',
  anthropicMessage: 'msg_01FixtureMessage',
  anthropicToolUse: 'toolu_01FixtureToolUse',
  anthropicRequest: 'req_01FixtureRequest',
  geminiResponse: 'fixture-response-0001',
  requestId: 'req_fixture_0001',
} as const;
export const FIXTURE_CREATED_AT = 1_767_225_600;

export type AnswerKind = 'text' | 'tool-call' | 'reasoning';

/** Token counts in OpenAI's convention: input includes cached, output includes reasoning. */
export interface FixtureUsage {
  readonly inputTokens: number;
  readonly cachedInputTokens: number;
  readonly outputTokens: number;
  readonly reasoningTokens: number;
}

const USAGE: Readonly<Record<AnswerKind, FixtureUsage>> = {
  text: { inputTokens: 24, cachedInputTokens: 8, outputTokens: 6, reasoningTokens: 0 },
  'tool-call': { inputTokens: 64, cachedInputTokens: 32, outputTokens: 18, reasoningTokens: 0 },
  reasoning: { inputTokens: 24, cachedInputTokens: 8, outputTokens: 40, reasoningTokens: 34 },
};

export function usageFor(kind: AnswerKind): FixtureUsage {
  return USAGE[kind];
}

export interface AnswerContext {
  readonly provider: ProviderId;
  readonly model: string;
  /** Chat Completions only: `stream_options.include_usage` was set. */
  readonly includeStreamUsage: boolean;
}
