import type { CanonicalRequest, SourceDialect, ThinkingRequest } from '../canonical/request.ts';
import type { Provider } from '../providers/provider.ts';
import { thinkingFromAnthropic, thinkingFromOpenAiChat } from '../thinking/body-sources.ts';
import { resolveThinkingConfig } from '../thinking/resolve.ts';
import type { ThinkingConfig, ThinkingFormat, ValidatedThinking } from '../thinking/types.ts';
import { validateThinking } from '../thinking/validate.ts';

const FORMAT_OF_DIALECT: Readonly<Record<SourceDialect, ThinkingFormat>> = {
  'openai-chat': 'openai',
  'openai-responses': 'openai-response',
  'anthropic-messages': 'claude',
};

/** The body's thinking fields as a config: an effort (chat, Responses) or Anthropic's `thinking`. */
function bodyThinking(thinking: ThinkingRequest | undefined): ThinkingConfig | undefined {
  if (thinking === undefined) return undefined;
  if (thinking.disabled === true) return { mode: 'none' };
  if (thinking.effort !== undefined) return thinkingFromOpenAiChat(thinking.effort);
  if (thinking.budgetTokens !== undefined)
    return thinkingFromAnthropic({ type: 'enabled', budget_tokens: thinking.budgetTokens });
  return undefined;
}

/**
 * Validates the request's thinking (suffix over body) against the resolved model's capability, in
 * the provider's wire format (upstream-behaviour.md §6.3). Throws a 400 ThinkingError; returns the
 * setting the adapter renders, or undefined when nothing was asked or the model cannot think (only
 * "none" passes validation there, and there is nothing to send).
 */
export function validatedThinking(
  provider: Provider,
  request: CanonicalRequest,
): ValidatedThinking | undefined {
  if (provider.thinkingTarget === undefined) return undefined;
  const resolved = resolveThinkingConfig(request.thinking?.suffix, bodyThinking(request.thinking));
  if (resolved === undefined) return undefined;
  const target = provider.thinkingTarget(request);
  const { config } = validateThinking(resolved.config, target.capability, {
    from: FORMAT_OF_DIALECT[request.dialect],
    to: target.format,
    fromSuffix: resolved.fromSuffix,
    model: request.target.model,
  });
  return target.capability === 'unsupported' ? undefined : config;
}
