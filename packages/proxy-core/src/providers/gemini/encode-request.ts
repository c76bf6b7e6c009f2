import { restoreNativeFields } from '../../canonical/native-fields.ts';
import type { CanonicalMessage, ContentPart, ImagePart, ToolResultPart } from '../../canonical/content.ts';
import type { CanonicalRequest, ToolChoice } from '../../canonical/request.ts';
import { geminiThinkingFields } from './thinking-fields.ts';
import {
  unreadableCompaction,
  untranslatedBlock,
  unsupportedFeature,
} from '../shared/unsupported-feature.ts';

type Part = Record<string, unknown>;

const PROVIDER = 'gemini';
const DATA_URL = /^data:([^;,]+);base64,(.*)$/s;

function imagePart(image: ImagePart): Part {
  if (image.source === 'base64') return { inlineData: { mimeType: image.mediaType, data: image.data } };
  const inline = DATA_URL.exec(image.url);
  if (inline === null) {
    throw unsupportedFeature(
      PROVIDER,
      'images by http(s) URL (send the image inline as base64 or a data: URL)',
      'messages',
    );
  }
  return { inlineData: { mimeType: inline[1], data: inline[2] } };
}

function parseOr(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** Gemini answers a call by function name, not id, so the name comes from the matching earlier call. */
function toolNames(messages: readonly CanonicalMessage[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const message of messages) {
    for (const part of message.content) if (part.type === 'tool_call') names.set(part.id, part.name);
  }
  return names;
}

function functionResponse(part: ToolResultPart, names: ReadonlyMap<string, string>): Part {
  const name = names.get(part.toolCallId);
  if (name === undefined) {
    throw unsupportedFeature(
      PROVIDER,
      `a tool result for call "${part.toolCallId}" without the assistant turn that made the call (Gemini needs the function name)`,
      'messages',
    );
  }
  const text = part.content
    .map((item) => {
      if (item.type === 'image') throw unsupportedFeature(PROVIDER, 'images inside tool results');
      return item.text;
    })
    .join('');
  // Gemini's documented convention: `output` for a result, `error` for a failure.
  return {
    functionResponse: { name, response: part.isError ? { error: parseOr(text) } : { output: parseOr(text) } },
  };
}

function toolArgs(id: string, args: string): unknown {
  if (args.trim() === '') return {};
  try {
    return JSON.parse(args) as unknown;
  } catch {
    throw unsupportedFeature(PROVIDER, `tool call "${id}" whose arguments are not valid JSON`, 'messages');
  }
}

function part(content: ContentPart, names: ReadonlyMap<string, string>): Part | undefined {
  switch (content.type) {
    case 'text':
      return { text: content.text };
    case 'image':
      return imagePart(content);
    case 'tool_call':
      return { functionCall: { name: content.name, args: toolArgs(content.id, content.arguments) } };
    case 'tool_result':
      return functionResponse(content, names);
    case 'reasoning':
      // Gemini only accepts its own thought parts back (with thought signatures); reasoning is not replayed.
      return undefined;
    case 'compaction':
      throw unreadableCompaction(PROVIDER);
    case 'native':
      throw untranslatedBlock(PROVIDER, content.param);
  }
}

function toolConfig(choice: ToolChoice): Part {
  switch (choice.type) {
    case 'auto':
      return { functionCallingConfig: { mode: 'AUTO' } };
    case 'none':
      return { functionCallingConfig: { mode: 'NONE' } };
    case 'required':
      return { functionCallingConfig: { mode: 'ANY' } };
    case 'tool':
      return { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: [choice.name] } };
  }
}

/**
 * Encodes a turn's parts, putting Gemini's own thought signature (reasoning issued by `gemini`, which precedes
 * the call it came with) back on that function call: Gemini 3 refuses a replayed call without it.
 */
function withThoughtSignatures(
  content: readonly ContentPart[],
  encode: (content: ContentPart) => Part | undefined,
): Part[] {
  const parts: Part[] = [];
  let signature: string | undefined;
  for (const item of content) {
    if (item.type === 'reasoning' && item.issuer === 'gemini') signature = item.signature;
    const encoded = encode(item);
    if (encoded === undefined) continue;
    if (signature !== undefined && item.type === 'tool_call') {
      parts.push({ ...encoded, thoughtSignature: signature });
      signature = undefined;
    } else parts.push(encoded);
  }
  return parts;
}

/** The `generateContent` / `streamGenerateContent` body; the model goes in the URL. */
export function encodeGenerateContentRequest(request: CanonicalRequest): Record<string, unknown> {
  if (request.parallelToolCalls === false) {
    throw unsupportedFeature(
      PROVIDER,
      'parallel_tool_calls: false (Gemini cannot be limited to one call per turn)',
      'parallel_tool_calls',
    );
  }
  if (request.tools.some((tool) => tool.strict === true)) {
    throw unsupportedFeature(PROVIDER, 'strict tool schemas', 'tools');
  }
  const names = toolNames(request.messages);
  const body: Record<string, unknown> = {
    contents: request.messages.flatMap((message) => {
      const parts = withThoughtSignatures(message.content, (content) => part(content, names));
      return parts.length === 0 ? [] : [{ role: message.role === 'assistant' ? 'model' : 'user', parts }];
    }),
  };
  if (request.system.length > 0)
    body['systemInstruction'] = { parts: request.system.map(({ text }) => ({ text })) };
  if (request.nativeTools?.dialect === 'gemini') {
    // A Gemini client's own tool list (hosted tools such as googleSearch included) reaches Gemini as sent.
    body['tools'] = request.nativeTools.tools;
  } else if (request.tools.length > 0) {
    body['tools'] = [
      {
        functionDeclarations: request.tools.map((tool) => ({
          name: tool.name,
          ...(tool.description === undefined ? {} : { description: tool.description }),
          // Full JSON Schema (the older `parameters` field rejects keys like additionalProperties).
          parametersJsonSchema: tool.parameters,
        })),
      },
    ];
  }
  if (request.toolChoice !== undefined) body['toolConfig'] = toolConfig(request.toolChoice);
  const generationConfig: Record<string, unknown> = {};
  if (request.maxOutputTokens !== undefined) generationConfig['maxOutputTokens'] = request.maxOutputTokens;
  if (request.temperature !== undefined) generationConfig['temperature'] = request.temperature;
  if (request.topP !== undefined) generationConfig['topP'] = request.topP;
  if (request.stopSequences.length > 0) generationConfig['stopSequences'] = [...request.stopSequences];
  if (request.thinkingSetting !== undefined)
    Object.assign(generationConfig, geminiThinkingFields(request.thinkingSetting));
  if (Object.keys(generationConfig).length > 0) body['generationConfig'] = generationConfig;
  // A Gemini client's own fields the canonical request does not carry (safetySettings,
  // generationConfig.responseSchema, …; dialects/gemini/field-policy.ts) reach Gemini verbatim, `generationConfig.`
  // ones inside generationConfig; what the proxy encoded itself is never overwritten.
  if (request.nativeFields?.dialect === 'gemini')
    restoreNativeFields(body, request.nativeFields.fields, ['generationConfig']);
  return body;
}
