import type { CanonicalMessage, ContentPart, TextPart } from '../../canonical/content.ts';
import type { DecodedRequest, ToolChoice } from '../../canonical/request.ts';
import {
  isEmptyObject,
  isFalse,
  isPlainTextFormat,
  isZero,
  rejectUncarried,
  type UncarriedField,
} from '../../canonical/uncarried.ts';
import { parseBody, unsupported } from '../../canonical/validate.ts';
import { chatRequestSchema, type ChatMessage, type ChatRequestBody } from './schema.ts';

/** Chat Completions fields the canonical request does not carry (see canonical/uncarried.ts). */
const UNCARRIED: readonly UncarriedField[] = [
  { param: 'response_format', feature: 'structured output / JSON mode', isDefault: isPlainTextFormat },
  { param: 'seed', feature: 'seeded sampling' },
  { param: 'logprobs', feature: 'log probabilities', isDefault: isFalse },
  { param: 'top_logprobs', feature: 'log probabilities', isDefault: isZero },
  { param: 'frequency_penalty', feature: 'frequency penalty', isDefault: isZero },
  { param: 'presence_penalty', feature: 'presence penalty', isDefault: isZero },
  { param: 'logit_bias', feature: 'logit bias', isDefault: isEmptyObject },
  {
    param: 'modalities',
    feature: 'audio output',
    isDefault: (value) => Array.isArray(value) && value.every((modality) => modality === 'text'),
  },
  { param: 'audio', feature: 'audio output' },
  { param: 'prediction', feature: 'predicted outputs' },
  { param: 'web_search_options', feature: 'web search' },
  { param: 'functions', feature: 'legacy function calling; send `tools` instead' },
  { param: 'function_call', feature: 'legacy function calling; send `tool_choice` instead' },
];

type TextContent = string | readonly { text: string }[];

function joinText(content: TextContent): string {
  return typeof content === 'string' ? content : content.map((part) => part.text).join('');
}

function textParts(content: TextContent | null | undefined): TextPart[] {
  if (content === null || content === undefined) return [];
  const text = joinText(content);
  return text === '' ? [] : [{ type: 'text', text }];
}

function userParts(content: Extract<ChatMessage, { role: 'user' }>['content']): ContentPart[] {
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  return content.map((part): ContentPart =>
    part.type === 'text'
      ? { type: 'text', text: part.text }
      : {
          type: 'image',
          source: 'url',
          url: part.image_url.url,
          ...(part.image_url.detail == null ? {} : { detail: part.image_url.detail }),
        },
  );
}

/** Consecutive tool results join the preceding user turn, as Anthropic-style providers require. */
function pushUserParts(messages: CanonicalMessage[], parts: readonly ContentPart[]): void {
  const last = messages.at(-1);
  if (last?.role === 'user' && last.content.every((part) => part.type === 'tool_result')) {
    messages[messages.length - 1] = { role: 'user', content: [...last.content, ...parts] };
  } else {
    messages.push({ role: 'user', content: parts });
  }
}

function convertMessages(body: ChatRequestBody): { system: TextPart[]; messages: CanonicalMessage[] } {
  const system: TextPart[] = [];
  const messages: CanonicalMessage[] = [];
  for (const message of body.messages) {
    switch (message.role) {
      case 'system':
      case 'developer':
        system.push({ type: 'text', text: joinText(message.content) });
        break;
      case 'user':
        pushUserParts(messages, userParts(message.content));
        break;
      case 'tool':
        pushUserParts(messages, [
          {
            type: 'tool_result',
            toolCallId: message.tool_call_id,
            content: textParts(message.content),
            isError: false,
          },
        ]);
        break;
      case 'assistant': {
        const reasoning: ContentPart[] =
          message.reasoning_content === null ||
          message.reasoning_content === undefined ||
          message.reasoning_content === ''
            ? []
            : [{ type: 'reasoning', text: message.reasoning_content }];
        const calls = (message.tool_calls ?? []).map((call): ContentPart => ({
          type: 'tool_call',
          id: call.id,
          name: call.function.name,
          arguments: call.function.arguments,
        }));
        messages.push({
          role: 'assistant',
          content: [...reasoning, ...textParts(message.content), ...calls],
        });
        break;
      }
    }
  }
  return { system, messages };
}

function toolChoiceOf(choice: ChatRequestBody['tool_choice']): ToolChoice | undefined {
  if (choice === undefined) return undefined;
  if (typeof choice === 'string') return { type: choice };
  return { type: 'tool', name: choice.function.name };
}

/** Decodes a Chat Completions body; every rejection is a 400 naming the offending field. */
export function decodeChatRequest(raw: unknown): DecodedRequest & { readonly includeUsage: boolean } {
  const body = parseBody(chatRequestSchema, raw);
  rejectUncarried(body, UNCARRIED);
  if (body.n !== null && body.n !== undefined && body.n > 1) {
    throw unsupported('n', 'Only n = 1 is supported: the proxy returns a single choice.');
  }
  const { system, messages } = convertMessages(body);
  const stop = body.stop ?? [];
  const maxOutputTokens = body.max_completion_tokens ?? body.max_tokens ?? undefined;
  const toolChoice = toolChoiceOf(body.tool_choice);
  return {
    dialect: 'openai-chat',
    model: body.model,
    system,
    messages,
    tools: (body.tools ?? []).map((tool) => ({
      name: tool.function.name,
      parameters: tool.function.parameters ?? { type: 'object', properties: {} },
      ...(tool.function.description === undefined ? {} : { description: tool.function.description }),
      ...(tool.function.strict === null || tool.function.strict === undefined
        ? {}
        : { strict: tool.function.strict }),
    })),
    ...(toolChoice === undefined ? {} : { toolChoice }),
    ...(body.parallel_tool_calls === undefined ? {} : { parallelToolCalls: body.parallel_tool_calls }),
    ...(maxOutputTokens === undefined ? {} : { maxOutputTokens }),
    ...(body.temperature === null || body.temperature === undefined ? {} : { temperature: body.temperature }),
    ...(body.top_p === null || body.top_p === undefined ? {} : { topP: body.top_p }),
    stopSequences: typeof stop === 'string' ? [stop] : stop,
    ...(body.reasoning_effort === null || body.reasoning_effort === undefined
      ? {}
      : { thinking: { effort: body.reasoning_effort } }),
    stream: body.stream === true,
    ...(body.metadata === null || body.metadata === undefined ? {} : { metadata: body.metadata }),
    includeUsage: body.stream_options?.include_usage === true,
  };
}
