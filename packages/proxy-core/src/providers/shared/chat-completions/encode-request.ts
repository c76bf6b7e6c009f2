import type {
  CanonicalMessage,
  ImageDetail,
  ImagePart,
  TextPart,
  ToolResultPart,
} from '../../../canonical/content.ts';
import type { CanonicalRequest, ToolChoice, ToolDefinition } from '../../../canonical/request.ts';
import { openAiChatThinkingFields } from './thinking-fields.ts';
import { unreadableCompaction, untranslatedBlock, unsupportedFeature } from '../unsupported-feature.ts';
import type { ChatQuirks } from './quirks.ts';

type ChatContentPart =
  | { type: 'text'; text: string; cache_control?: { type: 'ephemeral' } }
  | { type: 'image_url'; image_url: { url: string; detail?: ImageDetail } };
type ChatMessage = Record<string, unknown>;

export function imageUrl(image: ImagePart): string {
  return image.source === 'url' ? image.url : `data:${image.mediaType};base64,${image.data}`;
}

function toolResultText(provider: string, part: ToolResultPart): string {
  return part.content
    .map((item) => {
      if (item.type === 'image')
        throw unsupportedFeature(
          provider,
          'images inside tool results (Chat Completions tool messages are text only)',
        );
      return item.text;
    })
    .join('');
}

/** A text content part, with the client's cache breakpoint where the upstream takes breakpoints (Qwen). */
function textPart(part: TextPart, quirks: ChatQuirks): ChatContentPart {
  return quirks.cacheBreakpoints === true && part.cache !== undefined
    ? { type: 'text', text: part.text, cache_control: { type: 'ephemeral' } }
    : { type: 'text', text: part.text };
}

function userMessages(provider: string, message: CanonicalMessage, quirks: ChatQuirks): ChatMessage[] {
  const out: ChatMessage[] = [];
  let pending: ChatContentPart[] = [];
  const flush = (): void => {
    if (pending.length === 0) return;
    const onlyText = pending.every((part) => part.type === 'text' && part.cache_control === undefined);
    out.push({
      role: 'user',
      // Several text blocks (Claude Code sends its reminders apart from the prompt) become one string for the
      // upstreams that take only strings; a line break keeps the blocks' words from running together.
      content: onlyText ? pending.map((part) => (part.type === 'text' ? part.text : '')).join('\n') : pending,
    });
    pending = [];
  };
  for (const part of message.content) {
    if (part.type === 'text') pending.push(textPart(part, quirks));
    else if (part.type === 'image') {
      if (!quirks.images) throw unsupportedFeature(provider, 'image input', 'messages');
      pending.push({
        type: 'image_url',
        image_url: { url: imageUrl(part), ...(part.detail === undefined ? {} : { detail: part.detail }) },
      });
    } else if (part.type === 'tool_result') {
      // Tool answers are their own `tool` messages, in order, before any text that follows them.
      flush();
      out.push({ role: 'tool', tool_call_id: part.toolCallId, content: toolResultText(provider, part) });
    } else if (part.type === 'compaction') throw unreadableCompaction(provider);
    else if (part.type === 'native') throw untranslatedBlock(provider, part.param);
  }
  flush();
  return out;
}

function assistantMessage(message: CanonicalMessage): ChatMessage {
  const text = message.content.flatMap((part) => (part.type === 'text' ? [part.text] : [])).join('');
  const toolCalls = message.content.flatMap((part) =>
    part.type === 'tool_call'
      ? [{ id: part.id, type: 'function', function: { name: part.name, arguments: part.arguments } }]
      : [],
  );
  // Reasoning from earlier turns is not sent back: Chat Completions has no input field for it, and
  // DeepSeek rejects `reasoning_content` in requests.
  return {
    role: 'assistant',
    content: text === '' && toolCalls.length > 0 ? null : text,
    ...(toolCalls.length === 0 ? {} : { tool_calls: toolCalls }),
  };
}

export function encodeChatMessages(
  provider: string,
  request: CanonicalRequest,
  quirks: ChatQuirks,
): ChatMessage[] {
  const system = request.system.map((part) =>
    quirks.cacheBreakpoints === true && part.cache !== undefined
      ? { role: 'system', content: [textPart(part, quirks)] }
      : { role: 'system', content: part.text },
  );
  return [
    ...system,
    ...request.messages.flatMap((message) =>
      message.role === 'user' ? userMessages(provider, message, quirks) : [assistantMessage(message)],
    ),
  ];
}

export function encodeChatTool(tool: ToolDefinition): Record<string, unknown> {
  return {
    type: 'function',
    function: {
      name: tool.name,
      ...(tool.description === undefined ? {} : { description: tool.description }),
      parameters: tool.parameters,
      ...(tool.strict === undefined ? {} : { strict: tool.strict }),
    },
  };
}

export function encodeChatToolChoice(choice: ToolChoice): unknown {
  return choice.type === 'tool' ? { type: 'function', function: { name: choice.name } } : choice.type;
}

/** The Chat Completions body for the canonical request (OpenAI and the compatible family). */
export function encodeChatRequest(
  provider: string,
  request: CanonicalRequest,
  quirks: ChatQuirks,
): Record<string, unknown> {
  const body: Record<string, unknown> = {
    model: request.target.model,
    messages: encodeChatMessages(provider, request, quirks),
  };
  if (request.tools.length > 0) body['tools'] = request.tools.map(encodeChatTool);
  if (request.toolChoice !== undefined) body['tool_choice'] = encodeChatToolChoice(request.toolChoice);
  if (request.parallelToolCalls !== undefined) body['parallel_tool_calls'] = request.parallelToolCalls;
  if (request.maxOutputTokens !== undefined) body[quirks.maxTokensField] = request.maxOutputTokens;
  if (request.temperature !== undefined) body['temperature'] = request.temperature;
  if (request.topP !== undefined) body['top_p'] = request.topP;
  if (request.stopSequences.length > 0) body['stop'] = [...request.stopSequences];
  if (request.thinkingSetting !== undefined)
    Object.assign(body, openAiChatThinkingFields(request.thinkingSetting));
  if (request.stream) {
    body['stream'] = true;
    body['stream_options'] = { include_usage: true };
  }
  return body;
}
