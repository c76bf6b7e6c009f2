import {
  FIXTURE_REASONING,
  FIXTURE_TEXT,
  FIXTURE_TOOL_CALL,
  usageFor,
  type AnswerKind,
  type ProviderId,
} from '@switchyard/provider-fixtures';
import { openAiUsesResponses } from './upstream-expectations.ts';
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
      prompt_tokens_details: { cached_tokens: usage.cachedInputTokens },
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
export const EXPECTED_REASONING = FIXTURE_REASONING;
export const EXPECTED_TOOL_CALL = { name: FIXTURE_TOOL_CALL.name, arguments: FIXTURE_TOOL_CALL.arguments };

const RESPONSES_MESSAGE = [
  'response.output_item.added',
  'response.content_part.added',
  'response.output_text.delta',
  'response.output_text.done',
  'response.content_part.done',
  'response.output_item.done',
];

/** The streamed frame kinds in order (runs collapsed), per dialect and answer. */
export function expectedEvents(dialect: Dialect, kind: AnswerKind, reasoningText: boolean): string[] {
  if (dialect === 'openai-chat') {
    const body = {
      text: ['content'],
      'tool-call': ['tool_call'],
      reasoning: reasoningText ? ['reasoning', 'content'] : ['content'],
    }[kind];
    return ['role', ...body, 'finish', 'usage', '[DONE]'];
  }
  if (dialect === 'openai-responses') {
    const tool = [
      'response.output_item.added',
      'response.function_call_arguments.delta',
      'response.function_call_arguments.done',
      'response.output_item.done',
    ];
    const reasoning = reasoningText
      ? [
          'response.output_item.added',
          'response.reasoning_summary_part.added',
          'response.reasoning_summary_text.delta',
          'response.reasoning_summary_text.done',
          'response.reasoning_summary_part.done',
          'response.output_item.done',
        ]
      : [];
    const body = {
      text: RESPONSES_MESSAGE,
      'tool-call': tool,
      reasoning: [...reasoning, ...RESPONSES_MESSAGE],
    }[kind];
    return ['response.created', 'response.in_progress', ...body, 'response.completed'];
  }
  const block = ['content_block_start', 'content_block_delta', 'content_block_stop'];
  const blocks = kind === 'reasoning' && reasoningText ? [...block, ...block] : block;
  return ['message_start', 'ping', ...blocks, 'message_delta', 'message_stop'];
}
