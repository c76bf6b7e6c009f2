import { createHash } from 'node:crypto';
import { PROVIDERS, type ProviderId, type RecordedRequest } from '@switchyard/provider-fixtures';
import { PROVIDER_BASE_URLS } from '../upstreams/index.ts';
import type { Dialect } from './dialects.ts';
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
  if (provider === 'openai' && dialect === 'openai-responses') return `${base}/responses`;
  return `${base}/chat/completions`;
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

/** The body fields that carry the prompt and the stream flag (sent only when true) in the upstream's own API. */
export function expectedUpstreamBody(
  provider: ProviderId,
  dialect: Dialect,
  streamed: boolean,
  model: string,
): object {
  const stream = streamed ? { stream: true } : {};
  if (provider === 'gemini') return { contents: [{ role: 'user', parts: [{ text: 'hello' }] }] };
  if (provider === 'openai' && dialect === 'openai-responses') {
    return { model, ...stream, input: [{ role: 'user', content: [{ type: 'input_text', text: 'hello' }] }] };
  }
  if (provider === 'anthropic') {
    return { model, ...stream, messages: [{ role: 'user', content: [{ type: 'text', text: 'hello' }] }] };
  }
  return { model, ...stream, messages: [{ role: 'user', content: 'hello' }] };
}
