import type { CanonicalMessage, ImageDetail, ToolResultPart } from '../../canonical/content.ts';
import { restoreNativeFields } from '../../canonical/native-fields.ts';
import type { CanonicalRequest } from '../../canonical/request.ts';
import { imageUrl } from '../shared/chat-completions/encode-request.ts';
import { unsupportedFeature } from '../shared/unsupported-feature.ts';
import { openAiResponsesThinkingFields } from './thinking-fields.ts';
import {
  translateTools,
  unwrapCustomInput,
  type ClientToolName,
} from '../../dialects/openai-responses/tool-policy.ts';

type InputItem = Record<string, unknown>;
/** Canonical tool names as the client's own tool list has them, when that list is passed through. */
type NativeNames = ReadonlyMap<string, ClientToolName>;
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

/** Answers to custom tool calls go back as `custom_tool_call_output`, as the Responses API expects. */
function userItems(message: CanonicalMessage, customCalls: ReadonlySet<string>): InputItem[] {
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
      const type = customCalls.has(part.toolCallId) ? 'custom_tool_call_output' : 'function_call_output';
      items.push({ type, call_id: part.toolCallId, output: toolOutput(part) });
    } else if (part.type === 'compaction') {
      flush();
      items.push({ type: 'compaction', encrypted_content: part.encryptedContent });
    }
  }
  flush();
  return items;
}

function callItem(part: { id: string; name: string; arguments: string }, names: NativeNames): InputItem {
  const client = names.get(part.name);
  if (client === undefined)
    return { type: 'function_call', call_id: part.id, name: part.name, arguments: part.arguments };
  const namespace = client.namespace === undefined ? {} : { namespace: client.namespace };
  return client.custom
    ? {
        type: 'custom_tool_call',
        call_id: part.id,
        name: client.name,
        ...namespace,
        input: unwrapCustomInput(part.arguments),
      }
    : { type: 'function_call', call_id: part.id, name: client.name, ...namespace, arguments: part.arguments };
}

function assistantItems(message: CanonicalMessage, names: NativeNames): InputItem[] {
  const items: InputItem[] = [];
  for (const part of message.content) {
    if (part.type === 'text') {
      items.push({ type: 'message', role: 'assistant', content: [{ type: 'output_text', text: part.text }] });
    } else if (part.type === 'tool_call') {
      items.push(callItem(part, names));
    } else if (part.type === 'reasoning' && part.issuer === 'openai' && part.signature !== undefined) {
      // With `store: false` Responses only takes back its own encrypted reasoning: reasoning from elsewhere
      // (another provider, or without the encrypted content) is not replayed.
      const summary = part.text === '' ? [] : [{ type: 'summary_text', text: part.text }];
      items.push({ type: 'reasoning', summary, encrypted_content: part.signature });
    }
  }
  return items;
}

/**
 * The client's Responses tool list when it reaches the Responses API verbatim (pass-through: same dialect both
 * sides), with the map from canonical names back to the client's; undefined when tools are translated.
 */
export function passedThroughTools(
  request: CanonicalRequest,
): { tools: readonly Readonly<Record<string, unknown>>[]; names: NativeNames } | undefined {
  if (request.nativeTools?.dialect !== 'openai-responses') return undefined;
  return { tools: request.nativeTools.tools, names: translateTools(request.nativeTools.tools).names };
}

function customCallIds(request: CanonicalRequest, names: NativeNames): Set<string> {
  const ids = new Set<string>();
  for (const message of request.messages)
    for (const part of message.content)
      if (part.type === 'tool_call' && names.get(part.name)?.custom === true) ids.add(part.id);
  return ids;
}

/** The Responses API body (`POST /v1/responses`). `store: false`: the proxy keeps no upstream state. */
export function encodeResponsesRequest(request: CanonicalRequest): Record<string, unknown> {
  if (request.stopSequences.length > 0)
    throw unsupportedFeature(PROVIDER, 'stop sequences on the Responses API', 'stop');
  const native = passedThroughTools(request);
  const names: NativeNames = native?.names ?? new Map();
  const customCalls = customCallIds(request, names);
  const body: Record<string, unknown> = {
    model: request.target.model,
    input: request.messages.flatMap((message) =>
      message.role === 'user' ? userItems(message, customCalls) : assistantItems(message, names),
    ),
    store: false,
  };
  if (request.system.length > 0) body['instructions'] = request.system.map(({ text }) => text).join('\n\n');
  if (native !== undefined) body['tools'] = native.tools;
  else if (request.tools.length > 0) {
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
  if (request.thinkingSetting !== undefined) {
    Object.assign(body, openAiResponsesThinkingFields(request.thinkingSetting, request.thinking?.summary));
    // A Responses client can hand reasoning back (as encrypted_content); with `store: false` that needs
    // OpenAI's encrypted reasoning. Other clients have nowhere to keep it.
    if (request.dialect === 'openai-responses') body['include'] = ['reasoning.encrypted_content'];
  }
  if (request.stream) body['stream'] = true;
  // A Responses client's own fields the canonical request does not carry (prompt_cache_key, service_tier,
  // text.format, reasoning.summary, …; dialects/openai-responses/field-policy.ts) reach OpenAI verbatim.
  if (request.nativeFields?.dialect === 'openai-responses')
    restoreNativeFields(body, request.nativeFields.fields, ['text', 'reasoning']);
  return body;
}
