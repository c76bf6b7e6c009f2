import { anthropicDescriptor } from './anthropic/index.ts';
import { geminiDescriptor } from './gemini/index.ts';
import { mockDescriptor } from './mock/index.ts';
import { openAiDescriptor } from './openai/index.ts';
import { deepseekDescriptor, kimiDescriptor, qwenDescriptor } from './openai-compatible/index.ts';

/**
 * Every provider the proxy knows, in registration order (a model two providers serve goes to the first). The
 * config's `providers` section, its deadline overrides and the registry are all derived from this list: adding a
 * provider is its folder and one line here (docs/providers.md).
 */
export const PROVIDER_DESCRIPTORS = [
  mockDescriptor,
  openAiDescriptor,
  anthropicDescriptor,
  geminiDescriptor,
  kimiDescriptor,
  qwenDescriptor,
  deepseekDescriptor,
] as const;
