import {
  FIXTURE_IDS,
  FIXTURE_PARALLEL_TOOL_CALLS,
  FIXTURE_REASONING,
  FIXTURE_REASONING_BLOCKS,
  FIXTURE_REASONING_BLOCKS_TEXT,
  FIXTURE_REDACTED_THINKING,
  FIXTURE_TEXT,
  FIXTURE_THINKING_SIGNATURE,
  FIXTURE_TOOL_CALL,
  usageFor,
  type AnswerKind,
  type ProviderId,
} from '@switchyard/provider-fixtures';
import { openAiUsesResponses } from './upstream-expectations.ts';
import type { ClientReasoningBlock, ClientToolCall } from './client-view.ts';
import type { Dialect } from './dialects.ts';

/** The usage object each dialect shows for a fixture answer (Anthropic counts cached input apart). */
export function expectedUsage(
  provider: ProviderId,
  dialect: Dialect,
  kind: AnswerKind,
): Record<string, unknown> {
  const fixture = usageFor(kind);
  // Anthropic's usage has no reasoning breakdown: thinking is simply part of output_tokens.
  const usage = provider === 'anthropic' ? { ...fixture, reasoningTokens: 0 } : fixture;
  const total = usage.inputTokens + usage.outputTokens;
  if (dialect === 'openai-chat') {
    return {
      prompt_tokens: usage.inputTokens,
      completion_tokens: usage.outputTokens,
      total_tokens: total,
      // Cache writes appear when the upstream counts them: Anthropic's cache_creation_input_tokens (0 in the fixtures).
      prompt_tokens_details: {
        cached_tokens: usage.cachedInputTokens,
        ...(provider === 'anthropic' ? { cache_write_tokens: 0 } : {}),
      },
      completion_tokens_details: { reasoning_tokens: usage.reasoningTokens },
    };
  }
  if (dialect === 'openai-responses') {
    return {
      input_tokens: usage.inputTokens,
      input_tokens_details: { cached_tokens: usage.cachedInputTokens, cache_write_tokens: 0 },
      output_tokens: usage.outputTokens,
      output_tokens_details: { reasoning_tokens: usage.reasoningTokens },
      total_tokens: total,
    };
  }
  return {
    input_tokens: usage.inputTokens - usage.cachedInputTokens,
    output_tokens: usage.outputTokens,
    cache_read_input_tokens: usage.cachedInputTokens,
    cache_creation_input_tokens: 0,
    // The fields Anthropic's reference always carries: null where nothing upstream reported them.
    cache_creation: null,
    output_tokens_details: reportsThinkingTokens(provider, usage.reasoningTokens)
      ? { thinking_tokens: usage.reasoningTokens }
      : null,
    server_tool_use: null,
    service_tier: null,
    inference_geo: null,
  };
}

/**
 * Whether the upstream counted reasoning tokens apart: OpenAI and the compatible family always do; Gemini only
 * when the model thought (`thoughtsTokenCount`); Anthropic's usage (as the proxy reads it) has no such count.
 */
function reportsThinkingTokens(provider: ProviderId, reasoningTokens: number): boolean {
  if (provider === 'anthropic') return false;
  return provider !== 'gemini' || reasoningTokens > 0;
}

export const FINISH: Readonly<Record<Dialect, { readonly text: string; readonly tool: string }>> = {
  'openai-chat': { text: 'stop', tool: 'tool_calls' },
  'openai-responses': { text: 'completed', tool: 'completed' },
  'anthropic-messages': { text: 'end_turn', tool: 'tool_use' },
};

/** OpenAI's Chat Completions API never returns reasoning text; every other upstream does. */
export function reasoningTextReaches(provider: ProviderId, dialect: Dialect, model: string): boolean {
  return provider !== 'openai' || openAiUsesResponses(dialect, model);
}

export const EXPECTED_TEXT = FIXTURE_TEXT;

/**
 * Every call of a tool answer, in the upstream's order, with the upstream's ids: Anthropic's `toolu_…`, the
 * `call_…` of OpenAI and the compatible family; Gemini sends none, and the proxy numbers them (`call_0`, …).
 */
export function expectedToolCalls(provider: ProviderId, kind: AnswerKind): ClientToolCall[] {
  const single = {
    ...FIXTURE_TOOL_CALL,
    callId: FIXTURE_IDS.toolCall,
    toolUseId: FIXTURE_IDS.anthropicToolUse,
  };
  const calls =
    kind === 'parallel-tool-calls' ? FIXTURE_PARALLEL_TOOL_CALLS : kind === 'tool-call' ? [single] : [];
  return calls.map((call, index) => ({
    id: provider === 'anthropic' ? call.toolUseId : provider === 'gemini' ? `call_${index}` : call.callId,
    name: call.name,
    arguments: call.arguments,
  }));
}

/** A reasoning block as the upstream sent it; `proof` is '' when it sent none. */
interface UpstreamBlock {
  readonly text: string;
  readonly proof: string;
  /** Whose proof, in the proxy's sealed `encrypted_content` (dialects/openai-responses/reasoning-token.ts). */
  readonly kind: 'signature' | 'anthropic-redacted' | 'openai';
}

const unsigned = (text: string): UpstreamBlock => ({ text, proof: '', kind: 'signature' });

/**
 * The reasoning blocks each upstream sent (see provider-fixtures' README). Anthropic and OpenAI's Responses API
 * send blocks with proofs; Gemini's thought parts and the compatible family's `reasoning_content` are one unsigned
 * run (Gemini's signature on the answer's last text part is not carried: Google recommends, but does not require,
 * sending it back for an answer without a function call).
 */
function upstreamBlocks(provider: ProviderId, kind: AnswerKind): UpstreamBlock[] {
  if (kind === 'reasoning') {
    const proof = provider === 'anthropic' ? FIXTURE_THINKING_SIGNATURE : '';
    return [{ text: FIXTURE_REASONING, proof, kind: 'signature' }];
  }
  if (kind !== 'reasoning-blocks') return [];
  if (provider === 'anthropic') {
    return [
      ...FIXTURE_REASONING_BLOCKS.map(({ text, signature }) => ({
        text,
        proof: signature,
        kind: 'signature' as const,
      })),
      { text: '', proof: FIXTURE_REDACTED_THINKING, kind: 'anthropic-redacted' },
    ];
  }
  if (provider === 'openai') {
    return FIXTURE_REASONING_BLOCKS.map(({ text, encryptedContent }) => ({
      text,
      proof: encryptedContent,
      kind: 'openai',
    }));
  }
  return [unsigned(FIXTURE_REASONING_BLOCKS_TEXT)];
}

/**
 * The reasoning blocks a client of `dialect` must get, streamed or not. Chat has no blocks: one
 * `reasoning_content` with every block's text, no proofs. Responses keeps every block, each proof sealed as the
 * proxy's own `encrypted_content`. Messages keeps every block; only Anthropic's own proofs are signatures (another
 * provider's would be refused on replay), a redacted block keeps its data.
 */
export function expectedReasoningBlocks(
  provider: ProviderId,
  dialect: Dialect,
  kind: AnswerKind,
  model: string,
): ClientReasoningBlock[] {
  if (!reasoningTextReaches(provider, dialect, model)) return [];
  const blocks = upstreamBlocks(provider, kind);
  if (dialect === 'openai-chat') {
    const text = blocks.map((block) => block.text).join('');
    return text === '' ? [] : [{ text, proof: '' }];
  }
  if (dialect === 'openai-responses') {
    return blocks.map(({ text, proof, kind: proofKind }) => ({
      text,
      proof: proof === '' ? '' : `switchyard.v1.${proofKind}.${proof}`,
    }));
  }
  return blocks.map(({ text, proof, kind: proofKind }) => ({
    text,
    proof: proofKind === 'openai' ? '' : proof,
  }));
}

const RESPONSES_MESSAGE = [
  'response.output_item.added',
  'response.content_part.added',
  'response.output_text.delta',
  'response.output_text.done',
  'response.content_part.done',
  'response.output_item.done',
];

const RESPONSES_REASONING = [
  'response.output_item.added',
  'response.reasoning_summary_part.added',
  'response.reasoning_summary_text.delta',
  'response.reasoning_summary_text.done',
  'response.reasoning_summary_part.done',
  'response.output_item.done',
];

const RESPONSES_CALL = [
  'response.output_item.added',
  'response.function_call_arguments.delta',
  'response.function_call_arguments.done',
  'response.output_item.done',
];

/**
 * A reasoning item without text (Anthropic's redacted thinking) still gets its one summary part, empty: no delta.
 * A Messages block without text (redacted_thinking) opens and closes, nothing between.
 */
const RESPONSES_EMPTY_REASONING = [
  'response.output_item.added',
  'response.reasoning_summary_part.added',
  'response.reasoning_summary_text.done',
  'response.reasoning_summary_part.done',
  'response.output_item.done',
];
const BLOCK = ['content_block_start', 'content_block_delta', 'content_block_stop'];
const EMPTY_BLOCK = ['content_block_start', 'content_block_stop'];

/** The streamed frame kinds in order (runs collapsed), per dialect, for the answer's reasoning blocks and calls. */
export function expectedEvents(
  dialect: Dialect,
  reasoning: readonly ClientReasoningBlock[],
  toolCalls: readonly ClientToolCall[],
): string[] {
  const answer = toolCalls.length > 0 ? 'tool_call' : 'content';
  if (dialect === 'openai-chat') {
    return ['role', ...(reasoning.length > 0 ? ['reasoning'] : []), answer, 'finish', 'usage', '[DONE]'];
  }
  if (dialect === 'openai-responses') {
    const thoughts = reasoning.flatMap((block) =>
      block.text === '' ? RESPONSES_EMPTY_REASONING : RESPONSES_REASONING,
    );
    const body = toolCalls.length > 0 ? toolCalls.flatMap(() => RESPONSES_CALL) : RESPONSES_MESSAGE;
    return ['response.created', 'response.in_progress', ...thoughts, ...body, 'response.completed'];
  }
  const thoughts = reasoning.flatMap((block) => (block.text === '' ? EMPTY_BLOCK : BLOCK));
  const body = toolCalls.length > 0 ? toolCalls.flatMap(() => BLOCK) : BLOCK;
  return ['message_start', 'ping', ...thoughts, ...body, 'message_delta', 'message_stop'];
}
