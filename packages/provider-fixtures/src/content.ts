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

/** One call of a parallel answer, with the id each upstream family gives it (Gemini gives none). */
export interface FixtureParallelCall {
  readonly name: string;
  readonly argumentChunks: readonly string[];
  readonly arguments: string;
  readonly input: Readonly<Record<string, string>>;
  /** Chat Completions' and Responses' `call_id`. */
  readonly callId: string;
  /** Responses' function_call item id. */
  readonly itemId: string;
  /** Anthropic's tool_use block id. */
  readonly toolUseId: string;
}

/** Two calls of the one declared tool in one answer (the weather in two cities), each split mid-token. */
export const FIXTURE_PARALLEL_TOOL_CALLS: readonly [FixtureParallelCall, FixtureParallelCall] = [
  {
    name: 'get_weather',
    argumentChunks: ['{"city"', ':"Par', 'is"}'],
    arguments: '{"city":"Paris"}',
    input: { city: 'Paris' },
    callId: 'call_fixture_0001',
    itemId: 'fc_fixture_0001',
    toolUseId: 'toolu_01FixtureToolUse',
  },
  {
    name: 'get_weather',
    argumentChunks: ['{"ci', 'ty":"Tok', 'yo"}'],
    arguments: '{"city":"Tokyo"}',
    input: { city: 'Tokyo' },
    callId: 'call_fixture_0002',
    itemId: 'fc_fixture_0002',
    toolUseId: 'toolu_02FixtureToolUse',
  },
];

/**
 * The order in which upstreams that address argument fragments by call (Chat Completions' `index`, Responses'
 * `item_id`) send them: `[call, fragment]`. Call 1 starts while call 0 is still open and call 0 gets a fragment
 * after it (start 0, delta 0, start 1, delta 0, delta 1, …), so a proxy that assumes one open call at a time
 * glues fragments onto the wrong call.
 */
export const FIXTURE_INTERLEAVING: readonly (readonly [0 | 1, number])[] = [
  [0, 0],
  [0, 1],
  [1, 0],
  [0, 2],
  [1, 1],
  [1, 2],
];

/** One signed reasoning block of the multi-block answer. */
export interface FixtureReasoningBlock {
  readonly chunks: readonly string[];
  readonly text: string;
  /** Anthropic's thinking signature; OpenAI's `encrypted_content` of the matching reasoning item. */
  readonly signature: string;
  readonly encryptedContent: string;
}

/**
 * Two adjacent reasoning blocks, each with its own proof. Anthropic follows them with a `redacted_thinking` block
 * ({@link FIXTURE_REDACTED_THINKING}); the OpenAI-compatible family, which has no blocks, streams both texts as one
 * `reasoning_content`; Gemini sends them as two thought parts and signs the answer's last part.
 */
export const FIXTURE_REASONING_BLOCKS: readonly [FixtureReasoningBlock, FixtureReasoningBlock] = [
  {
    chunks: ['The user says hello;', ' no tool is needed.'],
    text: 'The user says hello; no tool is needed.',
    signature: 'c2lnbmF0dXJlLWJsb2NrLW9uZQ==',
    encryptedContent: 'gAAAAABfixture-encrypted-reasoning-one',
  },
  {
    chunks: [' A short greeting', ' answers it.'],
    text: ' A short greeting answers it.',
    signature: 'c2lnbmF0dXJlLWJsb2NrLXR3bw==',
    encryptedContent: 'gAAAAABfixture-encrypted-reasoning-two',
  },
];
export const FIXTURE_REASONING_BLOCKS_TEXT = FIXTURE_REASONING_BLOCKS.map((block) => block.text).join('');
/** The encrypted `data` of Anthropic's `redacted_thinking` block, to be handed back unchanged. */
export const FIXTURE_REDACTED_THINKING = 'cmVkYWN0ZWQtdGhpbmtpbmctb2YtdGhlLWZpeHR1cmU=';
/** Gemini's thought signature, on the last part of an answer that thought (Gemini 3). */
export const FIXTURE_GEMINI_THOUGHT_SIGNATURE = 'Z2VtaW5pLXRob3VnaHQtc2lnbmF0dXJl';

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

export type AnswerKind = 'text' | 'tool-call' | 'reasoning' | 'parallel-tool-calls' | 'reasoning-blocks';

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
  'parallel-tool-calls': { inputTokens: 96, cachedInputTokens: 32, outputTokens: 36, reasoningTokens: 0 },
  'reasoning-blocks': { inputTokens: 24, cachedInputTokens: 8, outputTokens: 72, reasoningTokens: 60 },
};

/** Answers made of tool calls finish as such (`tool_calls`, `tool_use`). */
export function isToolAnswer(kind: AnswerKind): boolean {
  return kind === 'tool-call' || kind === 'parallel-tool-calls';
}

export function usageFor(kind: AnswerKind): FixtureUsage {
  return USAGE[kind];
}

export interface AnswerContext {
  readonly provider: ProviderId;
  readonly model: string;
  /** Chat Completions only: `stream_options.include_usage` was set. */
  readonly includeStreamUsage: boolean;
}
