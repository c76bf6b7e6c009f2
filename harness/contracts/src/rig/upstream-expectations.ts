import { createHash } from 'node:crypto';
import { PROVIDERS, type ProviderId, type RecordedRequest } from '@switchyard/provider-fixtures';
import { PROVIDER_BASE_URLS } from '../upstreams/index.ts';
import { PROMPT, WEATHER_TOOL, toolDefinition, type Dialect } from './dialects.ts';
import { CLIENT_PRINCIPAL, upstreamKey } from './proxy-config.ts';

/** Headers undici's fetch adds by itself; everything else in an upstream request is the proxy's choice. */
const FETCH_DEFAULTS = new Set([
  'accept-encoding',
  'accept-language',
  'connection',
  'content-length',
  'host',
  'sec-fetch-mode',
  'user-agent',
]);

/** The headers the proxy chose to send, without undici's defaults. */
export function proxyChosenHeaders(request: RecordedRequest): Record<string, string> {
  return Object.fromEntries(Object.entries(request.headers).filter(([name]) => !FETCH_DEFAULTS.has(name)));
}

/** OpenAI is called on its Responses API by Responses clients and on Chat Completions by the others. */
export function expectedUpstreamUrl(
  provider: ProviderId,
  dialect: Dialect,
  stream: boolean,
  model: string,
): string {
  const base = PROVIDER_BASE_URLS[provider];
  if (provider === 'anthropic') return `${base}/messages`;
  if (provider === 'gemini') {
    return `${base}/models/${model}:${stream ? 'streamGenerateContent?alt=sse' : 'generateContent'}`;
  }
  if (provider === 'openai' && openAiUsesResponses(dialect, model)) return `${base}/responses`;
  return `${base}/chat/completions`;
}

/**
 * OpenAI's documented routing (`api: auto`): the Responses API for Responses clients and for the models OpenAI
 * serves only there (ids containing `codex`, e.g. `gpt-5.1-codex`); Chat Completions
 * for the other dialects' other models.
 */
export function openAiUsesResponses(dialect: Dialect, model: string): boolean {
  return dialect === 'openai-responses' || model.includes('codex');
}

/** Providers whose API takes `Idempotency-Key` (proxy-core's default `forwardIdempotencyKey`). */
export const FORWARDS_IDEMPOTENCY_KEY: Readonly<Record<ProviderId, boolean>> = {
  openai: true,
  anthropic: true,
  gemini: false,
  kimi: false,
  qwen: false,
  deepseek: false,
};

/**
 * The Idempotency-Key an upstream must see for a client's key: hex SHA-256 of `<principal>\n<key>` (the
 * documented derivation), never the client's raw value, which could collide with another client's.
 */
export function expectedUpstreamIdempotencyKey(clientKey: string, principal = CLIENT_PRINCIPAL): string {
  return createHash('sha256').update(`${principal}\n${clientKey}`).digest('hex');
}

/** Exactly the headers an upstream must get: its own key in its own header, and nothing of the client's. */
export function expectedUpstreamHeaders(
  provider: ProviderId,
  stream: boolean,
  idempotencyKey?: string,
): Record<string, string> {
  const header = PROVIDERS[provider].authHeader;
  const key = upstreamKey(provider);
  return {
    'content-type': 'application/json',
    accept: stream ? 'text/event-stream' : 'application/json',
    [header]: header === 'authorization' ? `Bearer ${key}` : key,
    ...(provider === 'anthropic' ? { 'anthropic-version': '2023-06-01' } : {}),
    ...(idempotencyKey !== undefined && FORWARDS_IDEMPOTENCY_KEY[provider]
      ? { 'idempotency-key': expectedUpstreamIdempotencyKey(idempotencyKey) }
      : {}),
  };
}

// ---------------------------------------------------------------------------------------------------------
// The exact upstream request body. A golden contract: every body is written out literally from the provider's
// public API (docs/providers.md), never produced by proxy-core's encoders, and compared with `toEqual`, so a
// missing, extra or wrong field fails.

/** What the matrix client asked for, as far as it reaches the upstream body (see `clientRequest`). */
export interface UpstreamAsk {
  readonly model: string;
  readonly stream: boolean;
  /** The client sent the one `get_weather` tool definition. */
  readonly tools: boolean;
  /** The client's max output tokens, if it sent one. */
  readonly maxTokens: number | undefined;
}

/** Only Anthropic Messages clients send max output tokens (the field is required there); the others send none. */
const CLIENT_MAX_TOKENS: Readonly<Record<Dialect, number | undefined>> = {
  'openai-chat': undefined,
  'openai-responses': undefined,
  'anthropic-messages': 4096,
};

const { name, description, parameters } = WEATHER_TOOL;

/** Shared piece: `{}` or `{ [field]: value }`, so absent fields are absent, not `undefined`. */
function when<T>(field: string, value: T | undefined): Record<string, T> {
  return value === undefined ? {} : { [field]: value };
}

/**
 * OpenAI Responses (`POST /responses`): typed input items, `store: false` (the proxy keeps no upstream
 * state), `stream` only when true. Tools from a Responses client pass through verbatim (same API both sides);
 * translated ones are flat with `strict: false` (Responses defaults an omitted `strict` to true).
 */
export function responsesBody(ask: UpstreamAsk, fromResponsesClient = false): object {
  const tool = fromResponsesClient
    ? toolDefinition('openai-responses')
    : { type: 'function', name, description, parameters, strict: false };
  return {
    model: ask.model,
    input: [{ type: 'message', role: 'user', content: [{ type: 'input_text', text: PROMPT }] }],
    store: false,
    ...(ask.tools ? { tools: [tool] } : {}),
    ...when('max_output_tokens', ask.maxTokens),
    ...(ask.stream ? { stream: true } : {}),
  };
}

/**
 * Chat Completions (OpenAI's chat path and the compatible family): a plain-string user message, tools nested
 * under `function`, the provider's max-tokens field, and on a stream `stream_options.include_usage`
 * whatever the client sent, since the proxy needs the usage chunk.
 */
export function chatBody(ask: UpstreamAsk, maxTokensField: 'max_tokens' | 'max_completion_tokens'): object {
  return {
    model: ask.model,
    messages: [{ role: 'user', content: PROMPT }],
    ...(ask.tools ? { tools: [{ type: 'function', function: { name, description, parameters } }] } : {}),
    ...when(maxTokensField, ask.maxTokens),
    ...(ask.stream ? { stream: true, stream_options: { include_usage: true } } : {}),
  };
}

/** Chat Completions max-tokens field: OpenAI's reasoning models reject `max_tokens`. */
export const CHAT_MAX_TOKENS_FIELD = {
  openai: 'max_completion_tokens',
  kimi: 'max_tokens',
  qwen: 'max_tokens',
  deepseek: 'max_tokens',
} as const;

/**
 * `max_tokens` Anthropic gets when the client sent none (Anthropic requires it): the model entry's
 * `maxOutputTokens`, else the provider's `defaultMaxTokens` (4096).
 */
export const ANTHROPIC_DEFAULT_MAX_TOKENS: Readonly<Record<string, number>> = {
  'claude-haiku-5-5': 128_000,
  'claude-sonnet-5-5': 128_000,
  'claude-opus-5-5': 128_000,
  'claude-opus-4-7': 128_000,
  'claude-haiku-4-5': 64_000,
  'claude-sonnet-4-6': 128_000,
  'claude-opus-4-6': 128_000,
};

/** Anthropic Messages (`POST /messages`): text blocks, always `max_tokens`, tools with `input_schema`. */
export function messagesBody(ask: UpstreamAsk): object {
  return {
    model: ask.model,
    max_tokens: ask.maxTokens ?? ANTHROPIC_DEFAULT_MAX_TOKENS[ask.model] ?? 4096,
    messages: [{ role: 'user', content: [{ type: 'text', text: PROMPT }] }],
    ...(ask.tools ? { tools: [{ name, description, input_schema: parameters }] } : {}),
    ...(ask.stream ? { stream: true } : {}),
  };
}

/**
 * Gemini `generateContent` / `streamGenerateContent`: the model and the stream choice live in the URL, so the
 * body has neither; tools as `functionDeclarations` with full JSON Schema (`parametersJsonSchema`), max output
 * tokens under `generationConfig` (absent when empty).
 */
export function generateContentBody(ask: UpstreamAsk): object {
  return {
    contents: [{ role: 'user', parts: [{ text: PROMPT }] }],
    ...(ask.tools
      ? { tools: [{ functionDeclarations: [{ name, description, parametersJsonSchema: parameters }] }] }
      : {}),
    ...(ask.maxTokens === undefined ? {} : { generationConfig: { maxOutputTokens: ask.maxTokens } }),
  };
}

/** The complete body `provider` must receive for the matrix client's request in `dialect`. */
export function expectedUpstreamBody(
  provider: ProviderId,
  dialect: Dialect,
  options: { readonly model: string; readonly stream: boolean; readonly tools: boolean },
): object {
  const ask: UpstreamAsk = { ...options, maxTokens: CLIENT_MAX_TOKENS[dialect] };
  switch (provider) {
    case 'openai':
      return openAiUsesResponses(dialect, options.model)
        ? responsesBody(ask, dialect === 'openai-responses')
        : chatBody(ask, CHAT_MAX_TOKENS_FIELD.openai);
    case 'anthropic':
      return messagesBody(ask);
    case 'gemini':
      return generateContentBody(ask);
    case 'kimi':
    case 'qwen':
    case 'deepseek':
      return chatBody(ask, CHAT_MAX_TOKENS_FIELD[provider]);
  }
}
