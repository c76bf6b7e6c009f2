import type { ProviderId } from '@switchyard/provider-fixtures';

/** The environment variables proxy-core reads each provider's keys from (docs/providers.md). */
export const PROVIDER_KEY_ENV: Readonly<Record<ProviderId, readonly string[]>> = {
  openai: ['OPENAI_API_KEY'],
  anthropic: ['ANTHROPIC_API_KEY'],
  gemini: ['GEMINI_API_KEY', 'GOOGLE_API_KEY'],
  kimi: ['KIMI_API_KEY', 'MOONSHOT_API_KEY'],
  qwen: ['QWEN_API_KEY', 'DASHSCOPE_API_KEY'],
  deepseek: ['DEEPSEEK_API_KEY'],
};

export function hasLiveKey(provider: ProviderId, env: NodeJS.ProcessEnv): boolean {
  return PROVIDER_KEY_ENV[provider].some((name) => (env[name] ?? '').trim() !== '');
}
