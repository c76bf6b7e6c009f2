import type { ChatQuirks } from '../shared/chat-completions/quirks.ts';
import type { UpstreamDefaults } from '../shared/upstream-config.ts';

export const KIMI_DEFAULTS = {
  baseUrl: 'https://api.moonshot.ai/v1',
  keysEnv: ['KIMI_API_KEY', 'MOONSHOT_API_KEY'],
  cheapestModel: 'kimi-k2',
  modelPrefixes: ['kimi-', 'moonshot-'],
  forwardIdempotencyKey: false,
  models: [
    { id: 'kimi-k2', contextWindow: 131_072 },
    {
      id: 'kimi-k2-thinking',
      contextWindow: 262_144,
      thinking: { min: 1024, max: 32_000, zeroAllowed: true, dynamicAllowed: true },
    },
    {
      id: 'kimi-k2.5',
      contextWindow: 262_144,
      thinking: { min: 1024, max: 32_000, zeroAllowed: true, dynamicAllowed: true },
    },
  ],
} as const;

export const QWEN_DEFAULTS = {
  baseUrl: 'https://dashscope-intl.aliyuncs.com/compatible-mode/v1',
  keysEnv: ['QWEN_API_KEY', 'DASHSCOPE_API_KEY'],
  cheapestModel: 'qwen3-coder-flash',
  modelPrefixes: ['qwen'],
  forwardIdempotencyKey: false,
  models: [
    { id: 'qwen3-coder-flash', contextWindow: 1_000_000 },
    { id: 'qwen3-coder-plus', contextWindow: 1_000_000 },
  ],
} as const;

export const DEEPSEEK_DEFAULTS = {
  baseUrl: 'https://api.deepseek.com/v1',
  keysEnv: ['DEEPSEEK_API_KEY'],
  cheapestModel: 'deepseek-v3',
  modelPrefixes: ['deepseek-'],
  forwardIdempotencyKey: false,
  models: [
    { id: 'deepseek-v3', contextWindow: 131_072 },
    { id: 'deepseek-chat', contextWindow: 131_072 },
  ],
} as const;

/** One member of the family: the defaults of its `providers.<name>` section, and what its API does differently. */
export interface CompatibleMember {
  readonly defaults: UpstreamDefaults;
  readonly quirks: ChatQuirks;
}

/** The family, by config name; none of the three takes images on its default models. */
export const COMPATIBLE_FAMILY = {
  kimi: { defaults: KIMI_DEFAULTS, quirks: { maxTokensField: 'max_tokens', images: false } },
  qwen: { defaults: QWEN_DEFAULTS, quirks: { maxTokensField: 'max_tokens', images: false } },
  deepseek: { defaults: DEEPSEEK_DEFAULTS, quirks: { maxTokensField: 'max_tokens', images: false } },
} as const satisfies Readonly<Record<string, CompatibleMember>>;
