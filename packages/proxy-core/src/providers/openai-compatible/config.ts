import type { ChatQuirks } from '../shared/chat-completions/quirks.ts';
import type { UpstreamDefaults } from '../shared/upstream-config.ts';

/*
 * No SDK lists these providers' models, and none of them documents a context window the catalog can cite, so the
 * entries carry names only (the upstream reports its own context-length refusals). A thinking model's budget range
 * is not documented either: its budget passes through unclamped.
 */

/** Moonshot's current Kimi K2 models (kimi-k2-thinking, kimi-k2-turbo-preview and kimi-latest were withdrawn in 2026). */
export const KIMI_DEFAULTS = {
  baseUrl: 'https://api.moonshot.ai/v1',
  keysEnv: ['KIMI_API_KEY', 'MOONSHOT_API_KEY'],
  cheapestModel: 'kimi-k2.5',
  modelPrefixes: ['kimi-', 'moonshot-'],
  forwardIdempotencyKey: false,
  models: [
    { id: 'kimi-k2.5', thinking: { zeroAllowed: true, dynamicAllowed: true } },
    { id: 'kimi-k2.6', thinking: { zeroAllowed: true, dynamicAllowed: true } },
  ],
} as const;

/** DashScope's (Alibaba Model Studio) coder models on its OpenAI-compatible endpoint. */
export const QWEN_DEFAULTS = {
  baseUrl: 'https://dashscope-intl.aliyuncs.com/compatible-mode/v1',
  keysEnv: ['QWEN_API_KEY', 'DASHSCOPE_API_KEY'],
  cheapestModel: 'qwen3-coder-flash',
  modelPrefixes: ['qwen'],
  forwardIdempotencyKey: false,
  models: [{ id: 'qwen3-coder-flash' }, { id: 'qwen3-coder-plus' }],
} as const;

/**
 * DeepSeek's API documents two model names (api-docs.deepseek.com, "Models & Pricing"): `deepseek-chat` and
 * `deepseek-reasoner`, which always thinks (no switch to list, so it is served through the prefix as "unknown").
 */
export const DEEPSEEK_DEFAULTS = {
  baseUrl: 'https://api.deepseek.com/v1',
  keysEnv: ['DEEPSEEK_API_KEY'],
  cheapestModel: 'deepseek-chat',
  modelPrefixes: ['deepseek-'],
  forwardIdempotencyKey: false,
  models: [{ id: 'deepseek-chat' }],
} as const;

/** One member of the family: the defaults of its `providers.<name>` section, and what its API does differently. */
export interface CompatibleMember {
  readonly defaults: UpstreamDefaults;
  readonly quirks: ChatQuirks;
}

/** The family, by config name; none of the three takes images on its default models. */
export const COMPATIBLE_FAMILY = {
  kimi: { defaults: KIMI_DEFAULTS, quirks: { maxTokensField: 'max_tokens', images: false } },
  // Model Studio's explicit context cache: `cache_control` markers in `messages` (help/model-studio/context-cache).
  qwen: {
    defaults: QWEN_DEFAULTS,
    quirks: { maxTokensField: 'max_tokens', images: false, cacheBreakpoints: true },
  },
  deepseek: { defaults: DEEPSEEK_DEFAULTS, quirks: { maxTokensField: 'max_tokens', images: false } },
} as const satisfies Readonly<Record<string, CompatibleMember>>;
