import type { CanonicalRequest } from '../../canonical/request.ts';
import type { ThinkingFormat } from '../../thinking/types.ts';
import type { RequestMetadata } from '../provider.ts';
import { chatCompletionsExchange } from '../shared/chat-completions/exchange.ts';
import type { ChatQuirks } from '../shared/chat-completions/quirks.ts';
import type { UpstreamExchange } from '../shared/http-call.ts';
import type { UpstreamProviderConfig } from '../shared/upstream-config.ts';
import { UpstreamProvider } from '../shared/upstream-provider.ts';
import type { ProviderContext } from '../shared/upstream-setup.ts';

/** Kimi, Qwen and DeepSeek: one adapter, told apart by their settings and quirks. */
export class OpenAiCompatibleProvider extends UpstreamProvider {
  private readonly quirks: ChatQuirks;

  constructor(name: string, config: UpstreamProviderConfig, quirks: ChatQuirks, context: ProviderContext) {
    super(name, config, context);
    this.quirks = quirks;
  }

  protected thinkingFormat(): ThinkingFormat {
    return 'openai';
  }

  protected exchange(request: CanonicalRequest, metadata: RequestMetadata): UpstreamExchange {
    return chatCompletionsExchange(this.setup, this.quirks, request, metadata);
  }
}
