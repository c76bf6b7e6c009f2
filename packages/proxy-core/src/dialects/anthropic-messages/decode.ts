import {
  REDACTED_THINKING,
  type CanonicalMessage,
  type ContentPart,
  type ImagePart,
  type TextPart,
} from '../../canonical/content.ts';
import type { DecodedRequest, ThinkingRequest, ToolChoice } from '../../canonical/request.ts';
import { parseBody } from '../../canonical/validate.ts';
import { cacheOf } from './cache-control.ts';
import { nativeMessagesFields } from './field-policy.ts';
import { nativeBlockPart } from './native-blocks.ts';
import {
  messagesRequestSchema,
  type MessagesBlock,
  type MessagesRequestBody,
  type MessagesTextBlock,
} from './schema.ts';
import { messagesTools } from './server-tools.ts';

type MediaBlock = Extract<MessagesBlock, { type: 'text' | 'image' }>;

function textPart(block: MessagesTextBlock): TextPart {
  return { type: 'text', text: block.text, ...cacheOf(block.cache_control) };
}

function mediaPart(block: MediaBlock): TextPart | ImagePart {
  if (block.type === 'text') return textPart(block);
  return block.source.type === 'url'
    ? { type: 'image', source: 'url', url: block.source.url }
    : { type: 'image', source: 'base64', mediaType: block.source.media_type, data: block.source.data };
}

/** The part for `messages[message].content[index]`. */
function blockPart(block: MessagesBlock, message: number, index: number): ContentPart | undefined {
  switch (block.type) {
    case 'native':
      return nativeBlockPart(block.json, `messages[${message}].content[${index}].type`);
    case 'text':
    case 'image':
      return mediaPart(block);
    case 'tool_use':
      return {
        type: 'tool_call',
        id: block.id,
        name: block.name,
        arguments: JSON.stringify(block.input ?? {}),
      };
    case 'tool_result': {
      const content = block.content ?? [];
      return {
        type: 'tool_result',
        toolCallId: block.tool_use_id,
        content: typeof content === 'string' ? [{ type: 'text', text: content }] : content.map(mediaPart),
        isError: block.is_error === true,
        ...cacheOf(block.cache_control),
      };
    }
    case 'thinking':
      return block.signature === undefined
        ? { type: 'reasoning', text: block.thinking }
        : { type: 'reasoning', text: block.thinking, signature: block.signature };
    case 'redacted_thinking':
      // Encrypted reasoning only Anthropic can read: nothing to translate, but Anthropic must get it back unchanged.
      return { type: 'reasoning', text: '', signature: block.data, issuer: REDACTED_THINKING };
  }
}

function systemParts(content: string | readonly MessagesTextBlock[] | undefined): TextPart[] {
  if (content === undefined) return [];
  const parts =
    typeof content === 'string' ? [{ type: 'text' as const, text: content }] : content.map(textPart);
  return parts.filter((part) => part.text !== '');
}

/**
 * Conversation messages, and system messages met on the way: those join the system prompt in order (every
 * provider has one system slot, and Anthropic's own prompt cache orders system before messages anyway).
 */
function convertMessages(body: MessagesRequestBody): { system: TextPart[]; messages: CanonicalMessage[] } {
  const system = systemParts(body.system);
  const messages: CanonicalMessage[] = [];
  for (const [index, message] of body.messages.entries()) {
    if (message.role === 'system') {
      system.push(...systemParts(message.content));
      continue;
    }
    messages.push({
      role: message.role,
      content:
        typeof message.content === 'string'
          ? [{ type: 'text', text: message.content }]
          : message.content.flatMap((block, position) => {
              const part = blockPart(block, index, position);
              return part === undefined ? [] : [part];
            }),
    });
  }
  return { system, messages };
}

function toolChoiceOf(choice: MessagesRequestBody['tool_choice']): ToolChoice | undefined {
  if (choice === undefined) return undefined;
  if (choice.type === 'any') return { type: 'required' };
  if (choice.type === 'tool') return { type: 'tool', name: choice.name };
  return { type: choice.type };
}

function thinkingOf(thinking: MessagesRequestBody['thinking']): ThinkingRequest | undefined {
  if (thinking === undefined) return undefined;
  if (thinking.type === 'disabled') return { disabled: true };
  const display = thinking.display == null ? {} : { display: thinking.display };
  if (thinking.type === 'enabled') return { budgetTokens: thinking.budget_tokens, ...display };
  return { effort: 'auto', adaptive: true, ...display };
}

/** Decodes an Anthropic Messages body; every rejection is a 400 naming the offending field. */
export function decodeMessagesRequest(raw: unknown): DecodedRequest {
  const body = parseBody(messagesRequestSchema, raw);
  const { system, messages } = convertMessages(body);
  const nativeFields = nativeMessagesFields(body);
  const toolChoice = toolChoiceOf(body.tool_choice);
  const thinking = thinkingOf(body.thinking);
  const tools = messagesTools(body.tools ?? [], (raw as { tools?: unknown }).tools);
  const userId = body.metadata?.user_id;
  return {
    dialect: 'anthropic-messages',
    model: body.model,
    ...(nativeFields === undefined ? {} : { nativeFields }),
    system,
    messages,
    tools: tools.tools,
    ...(tools.nativeTools === undefined ? {} : { nativeTools: tools.nativeTools }),
    ...(tools.hints.length === 0 ? {} : { hintTools: tools.hints }),
    ...(toolChoice === undefined ? {} : { toolChoice }),
    ...(body.tool_choice !== undefined &&
    'disable_parallel_tool_use' in body.tool_choice &&
    body.tool_choice.disable_parallel_tool_use !== undefined
      ? { parallelToolCalls: !body.tool_choice.disable_parallel_tool_use }
      : {}),
    maxOutputTokens: body.max_tokens,
    ...(body.temperature === undefined ? {} : { temperature: body.temperature }),
    ...(body.top_p === undefined ? {} : { topP: body.top_p }),
    stopSequences: body.stop_sequences ?? [],
    ...(thinking === undefined ? {} : { thinking }),
    stream: body.stream === true,
    ...(userId === null || userId === undefined ? {} : { metadata: { user_id: userId } }),
  };
}
