import type { CanonicalMessage, ImageDetail, ToolResultPart } from '../../canonical/content.ts';
import type { CanonicalRequest } from '../../canonical/request.ts';
import { openAiResponsesThinkingFields } from '../../thinking/apply-openai.ts';
import { imageUrl } from '../openai-compatible/encode-request.ts';
import { unsupportedFeature } from '../shared/unsupported-feature.ts';

type InputItem = Record<string, unknown>;
type InputContent =
  { type: 'input_text'; text: string } | { type: 'input_image'; image_url: string; detail: ImageDetail };

const PROVIDER = 'openai';

function toolOutput(part: ToolResultPart): string {
  return part.content
    .map((item) => {
      if (item.type === 'image')
        throw unsupportedFeature(PROVIDER, 'images inside tool results on the Responses API');
      return item.text;
    })
    .join('');
}

function userItems(message: CanonicalMessage): InputItem[] {
  const items: InputItem[] = [];
  let pending: InputContent[] = [];
  const flush = (): void => {
    if (pending.length > 0) items.push({ type: 'message', role: 'user', content: pending });
    pending = [];
  };
  for (const part of message.content) {
    if (part.type === 'text') pending.push({ type: 'input_text', text: part.text });
    else if (part.type === 'image')
      pending.push({ type: 'input_image', image_url: imageUrl(part), detail: part.detail ?? 'auto' });
    else if (part.type === 'tool_result') {
      flush();
      items.push({ type: 'function_call_output', call_id: part.toolCallId, output: toolOutput(part) });
    }
  }
  flush();
  return items;
}

function assistantItems(message: CanonicalMessage): InputItem[] {
  const items: InputItem[] = [];
  for (const part of message.content) {
    if (part.type === 'text') {
      items.push({ type: 'message', role: 'assistant', content: [{ type: 'output_text', text: part.text }] });
    } else if (part.type === 'tool_call') {
      items.push({ type: 'function_call', call_id: part.id, name: part.name, arguments: part.arguments });
    }
    // Reasoning is not replayed: with `store: false` Responses only accepts its own encrypted
    // reasoning items, which a canonical reasoning part does not carry.
  }
  return items;
}

/** The Responses API body (`POST /v1/responses`). `store: false`: the proxy keeps no upstream state. */
export function encodeResponsesRequest(request: CanonicalRequest): Record<string, unknown> {
  if (request.stopSequences.length > 0)
    throw unsupportedFeature(PROVIDER, 'stop sequences on the Responses API', 'stop');
  const body: Record<string, unknown> = {
    model: request.target.model,
    input: request.messages.flatMap((message) =>
      message.role === 'user' ? userItems(message) : assistantItems(message),
    ),
    store: false,
  };
  if (request.system.length > 0) body['instructions'] = request.system.map(({ text }) => text).join('\n\n');
  if (request.tools.length > 0) {
    body['tools'] = request.tools.map((tool) => ({
      type: 'function',
      name: tool.name,
      ...(tool.description === undefined ? {} : { description: tool.description }),
      parameters: tool.parameters,
      // Responses treats an omitted `strict` as true; keep the client's (chat-style) default of false.
      strict: tool.strict ?? false,
    }));
  }
  const choice = request.toolChoice;
  if (choice !== undefined)
    body['tool_choice'] = choice.type === 'tool' ? { type: 'function', name: choice.name } : choice.type;
  if (request.parallelToolCalls !== undefined) body['parallel_tool_calls'] = request.parallelToolCalls;
  if (request.maxOutputTokens !== undefined) body['max_output_tokens'] = request.maxOutputTokens;
  if (request.temperature !== undefined) body['temperature'] = request.temperature;
  if (request.topP !== undefined) body['top_p'] = request.topP;
  if (request.metadata !== undefined) body['metadata'] = request.metadata;
  if (request.thinkingSetting !== undefined)
    Object.assign(body, openAiResponsesThinkingFields(request.thinkingSetting));
  if (request.stream) body['stream'] = true;
  return body;
}
