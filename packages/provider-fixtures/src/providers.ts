/** The six core providers whose upstream APIs the fixtures imitate. */
export type ProviderId = 'openai' | 'anthropic' | 'gemini' | 'kimi' | 'qwen' | 'deepseek';

/** One upstream wire API; the OpenAI-compatible family all speak `openai-chat`. */
export type UpstreamApi = 'openai-responses' | 'openai-chat' | 'anthropic-messages' | 'gemini';

/** Which error body shape a provider answers with (OpenAI-compatible providers copy OpenAI's). */
export type ErrorDialect = 'openai' | 'anthropic' | 'gemini';

export interface ProviderFixture {
  readonly id: ProviderId;
  /** The path part of the provider's real base URL; the loopback server serves it under `/<id>`. */
  readonly basePath: string;
  /** Lower-case request header that must carry the provider key. */
  readonly authHeader: 'authorization' | 'x-api-key' | 'x-goog-api-key';
  readonly apis: readonly UpstreamApi[];
  /** Cheapest default model (upstream-behaviour.md §7); echoed when a request names none. */
  readonly defaultModel: string;
  readonly errorDialect: ErrorDialect;
  /** Response header carrying the upstream request id, as the real provider names it. */
  readonly requestIdHeader: 'x-request-id' | 'request-id' | 'x-goog-request-id';
  /** OpenAI's SDK reads `retry-after-ms` before `retry-after`; only OpenAI itself sends it. */
  readonly sendsRetryAfterMs: boolean;
}

const openAiCompatible = {
  authHeader: 'authorization',
  apis: ['openai-chat'],
  errorDialect: 'openai',
  requestIdHeader: 'x-request-id',
  sendsRetryAfterMs: false,
} as const;

export const PROVIDERS: Readonly<Record<ProviderId, ProviderFixture>> = {
  openai: {
    id: 'openai',
    basePath: '/v1',
    authHeader: 'authorization',
    apis: ['openai-responses', 'openai-chat'],
    // A codex model, served on the Responses API only: the fixtures exercise that routing for every dialect.
    defaultModel: 'gpt-5-codex-mini',
    errorDialect: 'openai',
    requestIdHeader: 'x-request-id',
    sendsRetryAfterMs: true,
  },
  anthropic: {
    id: 'anthropic',
    basePath: '/v1',
    authHeader: 'x-api-key',
    apis: ['anthropic-messages'],
    defaultModel: 'claude-haiku-4-5',
    errorDialect: 'anthropic',
    requestIdHeader: 'request-id',
    sendsRetryAfterMs: false,
  },
  gemini: {
    id: 'gemini',
    basePath: '/v1beta',
    authHeader: 'x-goog-api-key',
    apis: ['gemini'],
    defaultModel: 'gemini-3.1-flash-lite',
    errorDialect: 'gemini',
    requestIdHeader: 'x-goog-request-id',
    sendsRetryAfterMs: false,
  },
  kimi: { id: 'kimi', basePath: '/v1', defaultModel: 'kimi-k2.5', ...openAiCompatible },
  qwen: {
    id: 'qwen',
    basePath: '/compatible-mode/v1',
    defaultModel: 'qwen3-coder-flash',
    ...openAiCompatible,
  },
  deepseek: { id: 'deepseek', basePath: '/v1', defaultModel: 'deepseek-chat', ...openAiCompatible },
};

export const PROVIDER_IDS: readonly ProviderId[] = [
  'openai',
  'anthropic',
  'gemini',
  'kimi',
  'qwen',
  'deepseek',
];

export function isProviderId(value: string): value is ProviderId {
  return (PROVIDER_IDS as readonly string[]).includes(value);
}

/** Providers whose chat stream carries `reasoning_content` (OpenAI's own chat API never exposes reasoning text). */
export function streamsReasoningContent(provider: ProviderId): boolean {
  return provider === 'kimi' || provider === 'qwen' || provider === 'deepseek';
}

/** The headers a well-behaved client sends a provider: its key in its own header (plus Anthropic's version). */
export function upstreamAuthHeaders(provider: ProviderId, key: string): Record<string, string> {
  const header = PROVIDERS[provider].authHeader;
  const auth = { [header]: header === 'authorization' ? `Bearer ${key}` : key };
  return provider === 'anthropic' ? { ...auth, 'anthropic-version': '2023-06-01' } : auth;
}
