import {
  REDACTED_THINKING,
  type CacheBreakpoint,
  type CanonicalMessage,
  type ContentPart,
  type ImagePart,
  type TextPart,
} from '../../canonical/content.ts';
import { restoreNativeFields } from '../../canonical/native-fields.ts';
import type { CanonicalRequest, ToolChoice } from '../../canonical/request.ts';
import { anthropicThinkingFields } from './thinking-fields.ts';
import { unreadableCompaction, unsupportedFeature } from '../shared/unsupported-feature.ts';

type Block = Record<string, unknown>;

const PROVIDER = 'anthropic';
const DATA_URL = /^data:([^;,]+);base64,(.*)$/s;

/** Anthropic's URL source takes http(s) only, so a data: URL becomes a base64 source. */
export function imageBlock(image: ImagePart): Block {
  if (image.source === 'base64')
    return { type: 'image', source: { type: 'base64', media_type: image.mediaType, data: image.data } };
  const inline = DATA_URL.exec(image.url);
  if (inline !== null)
    return { type: 'image', source: { type: 'base64', media_type: inline[1], data: inline[2] } };
  return { type: 'image', source: { type: 'url', url: image.url } };
}

function toolInput(id: string, args: string): unknown {
  if (args.trim() === '') return {};
  try {
    return JSON.parse(args) as unknown;
  } catch {
    throw unsupportedFeature(
      PROVIDER,
      `tool call "${id}" whose arguments are not valid JSON (Anthropic takes tool input as a JSON object)`,
      'messages',
    );
  }
}

/** Anthropic's `cache_control` for a canonical breakpoint (nothing when there is none). */
function cacheControl(cache: CacheBreakpoint | undefined): Block {
  if (cache === undefined) return {};
  return { cache_control: { type: 'ephemeral', ...(cache.ttl === undefined ? {} : { ttl: cache.ttl }) } };
}

function textBlock(part: TextPart): Block {
  return { type: 'text', text: part.text, ...cacheControl(part.cache) };
}

function block(part: ContentPart): Block | undefined {
  switch (part.type) {
    case 'text':
      return textBlock(part);
    case 'image':
      return imageBlock(part);
    case 'tool_call':
      return { type: 'tool_use', id: part.id, name: part.name, input: toolInput(part.id, part.arguments) };
    case 'tool_result':
      return {
        type: 'tool_result',
        tool_use_id: part.toolCallId,
        content: part.content.map((item) => (item.type === 'text' ? textBlock(item) : imageBlock(item))),
        ...(part.isError ? { is_error: true } : {}),
        ...cacheControl(part.cache),
      };
    case 'reasoning':
      // Anthropic verifies thinking blocks by signature; one without a signature (reasoning from another
      // provider) would be rejected, so only signed reasoning is handed back — a thinking signature, or its own
      // redacted thinking unchanged, never another provider's proof (`issuer`, e.g. OpenAI's encrypted reasoning).
      if (part.signature === undefined) return undefined;
      if (part.issuer === REDACTED_THINKING) return { type: 'redacted_thinking', data: part.signature };
      return part.issuer === undefined
        ? { type: 'thinking', thinking: part.text, signature: part.signature }
        : undefined;
    case 'compaction':
      throw unreadableCompaction(PROVIDER);
    case 'native':
      // A Messages client's own block (a server tool's call or result, a document, …), in its place, as sent.
      return { ...part.json };
  }
}

function message(canonical: CanonicalMessage): Block | undefined {
  const content = canonical.content.flatMap((part) => {
    const encoded = block(part);
    return encoded === undefined ? [] : [encoded];
  });
  return content.length === 0 ? undefined : { role: canonical.role, content };
}

function toolChoice(choice: ToolChoice | undefined, parallel: boolean | undefined): Block | undefined {
  const disableParallel = parallel === false ? { disable_parallel_tool_use: true } : {};
  if (choice === undefined) return parallel === false ? { type: 'auto', ...disableParallel } : undefined;
  switch (choice.type) {
    case 'auto':
      return { type: 'auto', ...disableParallel };
    case 'none':
      return { type: 'none' };
    case 'required':
      return { type: 'any', ...disableParallel };
    case 'tool':
      return { type: 'tool', name: choice.name, ...disableParallel };
  }
}

export interface AnthropicEncodeOptions {
  /** `max_tokens` when the client sent none (Anthropic requires it). */
  readonly defaultMaxTokens: number;
  /** The model's minimum thinking budget, so lowering it under max_tokens never goes below. */
  readonly minThinkingBudget?: number;
  /** The model thinks adaptively by `output_config.effort` only (see `AnthropicThinkingOptions.byEffort`). */
  readonly thinksByEffort?: boolean;
}

/** The Messages API body (`POST /v1/messages`). */
export function encodeMessagesRequest(
  request: CanonicalRequest,
  options: AnthropicEncodeOptions,
): Record<string, unknown> {
  const maxTokens = request.maxOutputTokens ?? options.defaultMaxTokens;
  const body: Record<string, unknown> = {
    model: request.target.model,
    max_tokens: maxTokens,
    messages: request.messages.flatMap((canonical) => message(canonical) ?? []),
  };
  if (request.system.length > 0) body['system'] = request.system.map(textBlock);
  if (request.nativeTools?.dialect === 'anthropic-messages') {
    // A Messages client's own tool list (server tools such as web_search included) reaches Anthropic as sent.
    body['tools'] = request.nativeTools.tools;
  } else if (request.tools.length > 0) {
    body['tools'] = request.tools.map((tool) => ({
      name: tool.name,
      ...(tool.description === undefined ? {} : { description: tool.description }),
      input_schema: tool.parameters,
      ...(tool.strict === undefined ? {} : { strict: tool.strict }),
      ...cacheControl(tool.cache),
    }));
  }
  const choice = toolChoice(request.toolChoice, request.parallelToolCalls);
  if (choice !== undefined) body['tool_choice'] = choice;
  if (request.temperature !== undefined) body['temperature'] = request.temperature;
  if (request.topP !== undefined) body['top_p'] = request.topP;
  if (request.stopSequences.length > 0) body['stop_sequences'] = [...request.stopSequences];
  if (request.thinking?.adaptive === true && request.thinkingSetting?.mode === 'auto') {
    // The client's own Anthropic field, unchanged: "the model decides" has no budget to invent.
    body['thinking'] = { type: 'adaptive' };
  } else if (request.thinkingSetting !== undefined) {
    Object.assign(
      body,
      anthropicThinkingFields(request.thinkingSetting, {
        maxTokens,
        ...(options.minThinkingBudget === undefined ? {} : { minBudget: options.minThinkingBudget }),
        ...(options.thinksByEffort === true ? { byEffort: true } : {}),
      }),
    );
  }
  // A Responses client asking for a reasoning summary wants thinking text shown: Claude's `summarized` display
  // (Opus 4.7 and later default to `omitted`).
  const display =
    request.thinking?.display ?? (request.thinking?.summary === undefined ? undefined : 'summarized');
  if (display !== undefined && isJsonObject(body['thinking']) && body['thinking']['type'] !== 'disabled')
    body['thinking'] = { ...body['thinking'], display };
  if (request.stream) body['stream'] = true;
  // A Messages client's own fields the canonical request does not carry (context_management, output_config, …)
  // reach Anthropic verbatim; `output_config` is the one object both write: the proxy's effort joins the client's
  // other settings (its `format`, say).
  if (request.nativeFields?.dialect === 'anthropic-messages')
    restoreNativeFields(body, request.nativeFields.fields, ['output_config']);
  return body;
}

function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
