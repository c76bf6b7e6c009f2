import type { CanonicalRequest } from '../../canonical/request.ts';
import type { ThinkingFormat } from '../../thinking/types.ts';
import type { RequestMetadata } from '../provider.ts';
import { chatCompletionsExchange } from '../shared/chat-completions/exchange.ts';
import type { ChatQuirks } from '../shared/chat-completions/quirks.ts';
import type { UpstreamExchange } from '../shared/http-call.ts';
import { upstreamProviderSchema, type UpstreamProviderConfig } from '../shared/upstream-config.ts';
import { upstreamDescriptor } from '../shared/upstream-descriptor.ts';
import { UpstreamProvider } from '../shared/upstream-provider.ts';
import type { ProviderContext } from '../shared/upstream-setup.ts';
import { COMPATIBLE_FAMILY } from './config.ts';

/** Kimi, Qwen and DeepSeek: one adapter, told apart by their settings and quirks. */
export class OpenAiCompatibleProvider extends UpstreamProvider {
  private readonly quirks: ChatQuirks;

  constructor(config: UpstreamProviderConfig, quirks: ChatQuirks, context: ProviderContext) {
    super(config, context);
    this.quirks = quirks;
  }

  protected thinkingFormat(): ThinkingFormat {
    return 'openai';
  }

  protected exchange(request: CanonicalRequest, metadata: RequestMetadata): UpstreamExchange {
    return chatCompletionsExchange(this.setup, this.quirks, request, metadata);
  }
}

/** One member of the family: its own `providers.<name>` section and defaults, the family's adapter and its quirks. */
function familyMember<const Name extends keyof typeof COMPATIBLE_FAMILY>(name: Name) {
  const { defaults, quirks } = COMPATIBLE_FAMILY[name];
  return upstreamDescriptor(
    name,
    upstreamProviderSchema(defaults),
    (config, context) => new OpenAiCompatibleProvider(config, quirks, context),
  );
}

export const kimiDescriptor = familyMember('kimi');
export const qwenDescriptor = familyMember('qwen');
export const deepseekDescriptor = familyMember('deepseek');
