import { z } from 'zod';
import { boundedArray } from '../../canonical/bounded-array.ts';
import { openUnion } from './open-union.ts';

/**
 * The parts of an Anthropic Messages request the proxy understands. Unknown fields are ignored, a known field
 * with the wrong type is a 400 naming it. Arrays are bounded: validation stops at the first bad item.
 */

/** A prompt-cache breakpoint (`{type: "ephemeral", ttl?}`), carried to Anthropic (see canonical CacheBreakpoint). */
const cacheControl = z.looseObject({ type: z.literal('ephemeral'), ttl: z.string().optional() });

const textBlock = z.looseObject({
  type: z.literal('text'),
  text: z.string(),
  cache_control: cacheControl.nullish(),
});
const imageBlock = z.looseObject({
  type: z.literal('image'),
  source: z.discriminatedUnion('type', [
    z.looseObject({ type: z.literal('base64'), media_type: z.string().min(1), data: z.string().min(1) }),
    z.looseObject({ type: z.literal('url'), url: z.string().min(1) }),
  ]),
});
const toolUseBlock = z.looseObject({
  type: z.literal('tool_use'),
  id: z.string().min(1),
  name: z.string().min(1),
  // Anthropic's tool input is always a JSON object; anything else would be re-serialised as a lie.
  input: z.record(z.string(), z.unknown()),
});
const toolResultBlock = z.looseObject({
  type: z.literal('tool_result'),
  tool_use_id: z.string().min(1),
  content: z
    .union([z.string(), boundedArray(z.discriminatedUnion('type', [textBlock, imageBlock]))])
    .optional(),
  is_error: z.boolean().optional(),
  cache_control: cacheControl.nullish(),
});
const thinkingBlock = z.looseObject({
  type: z.literal('thinking'),
  thinking: z.string(),
  signature: z.string().optional(),
});
const redactedThinkingBlock = z.looseObject({ type: z.literal('redacted_thinking'), data: z.string() });

const knownBlocks = [
  textBlock,
  imageBlock,
  toolUseBlock,
  toolResultBlock,
  thinkingBlock,
  redactedThinkingBlock,
] as const;
const KNOWN_BLOCK_TYPES: ReadonlySet<unknown> = new Set(knownBlocks.map((shape) => shape.shape.type.value));
/**
 * The blocks the proxy translates, and any other block type (`server_tool_use`, `web_search_tool_result`,
 * `document`, `search_result`, …) as sent: native-blocks.ts decides its fate per provider.
 */
const block = openUnion(z.discriminatedUnion('type', knownBlocks), (item) =>
  KNOWN_BLOCK_TYPES.has(item['type']),
);

const conversationMessage = z.looseObject({
  role: z.enum(['user', 'assistant']),
  content: z.union([z.string(), boundedArray(block)]),
});
/** A system message in the middle of the conversation, as Claude Code sends for current models: text only. */
const systemMessage = z.looseObject({
  role: z.literal('system'),
  content: z.union([z.string(), boundedArray(textBlock)]),
});
const message = z.discriminatedUnion('role', [conversationMessage, systemMessage]);

/** A client tool: a function the client runs (`type` absent or `custom`). */
const clientTool = z.looseObject({
  type: z.literal('custom').optional(),
  name: z.string().min(1),
  description: z.string().optional(),
  input_schema: z.record(z.string(), z.unknown()),
  cache_control: cacheControl.nullish(),
});
/**
 * A client tool, or one of Anthropic's server tools (`web_search_20250305`, `bash_20250124`, `mcp_toolset`, …): a
 * `type` of its own and no `input_schema`. Those are server-tools.ts's call.
 */
const tool = openUnion(clientTool, (item) => item['type'] === 'custom' || item['input_schema'] !== undefined);

const disableParallelToolUse = z.boolean().optional();
const toolChoice = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('auto'), disable_parallel_tool_use: disableParallelToolUse }),
  z.looseObject({ type: z.literal('any'), disable_parallel_tool_use: disableParallelToolUse }),
  z.looseObject({ type: z.literal('none') }),
  z.looseObject({
    type: z.literal('tool'),
    name: z.string().min(1),
    disable_parallel_tool_use: disableParallelToolUse,
  }),
]);

/**
 * `summarized` returns thinking text, `omitted` only its signature, `updates` (a beta Claude Code uses) only the
 * notes between tool calls; the default depends on the model. Any string: it is Anthropic's to judge.
 */
const thinkingDisplay = z.string().min(1).nullish();

const thinking = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('enabled'), budget_tokens: z.number().int(), display: thinkingDisplay }),
  z.looseObject({ type: z.literal('disabled') }),
  z.looseObject({ type: z.literal('adaptive'), display: thinkingDisplay }),
]);

export const messagesRequestSchema = z.looseObject({
  model: z.string().min(1),
  max_tokens: z.number().int().positive(),
  messages: boundedArray(message, { min: 1 }),
  system: z.union([z.string(), boundedArray(textBlock)]).optional(),
  stream: z.boolean().optional(),
  tools: boundedArray(tool).optional(),
  tool_choice: toolChoice.optional(),
  stop_sequences: boundedArray(z.string()).optional(),
  temperature: z.number().min(0).max(1).optional(),
  top_p: z.number().min(0).max(1).optional(),
  top_k: z.number().int().positive().optional(),
  thinking: thinking.optional(),
  metadata: z.looseObject({ user_id: z.string().nullish() }).optional(),
});

export type MessagesRequestBody = z.output<typeof messagesRequestSchema>;
export type MessagesBlock = z.output<typeof block>;
export type MessagesTool = z.output<typeof tool>;
export type MessagesTextBlock = z.output<typeof textBlock>;
export type MessagesCacheControl = z.output<typeof cacheControl>;
