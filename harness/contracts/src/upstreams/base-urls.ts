import type { ProviderId } from '@switchyard/provider-fixtures';

// The real upstream base URLs the proxy is configured with; MSW intercepts exactly these.

export const OPENAI_BASE_URL = 'https://api.openai.com/v1';
export const ANTHROPIC_BASE_URL = 'https://api.anthropic.com/v1';
export const GEMINI_BASE_URL = 'https://generativelanguage.googleapis.com/v1beta';
export const KIMI_BASE_URL = 'https://api.moonshot.ai/v1';
export const QWEN_BASE_URL = 'https://dashscope-intl.aliyuncs.com/compatible-mode/v1';
export const DEEPSEEK_BASE_URL = 'https://api.deepseek.com/v1';

export const PROVIDER_BASE_URLS: Readonly<Record<ProviderId, string>> = {
  openai: OPENAI_BASE_URL,
  anthropic: ANTHROPIC_BASE_URL,
  gemini: GEMINI_BASE_URL,
  kimi: KIMI_BASE_URL,
  qwen: QWEN_BASE_URL,
  deepseek: DEEPSEEK_BASE_URL,
};
