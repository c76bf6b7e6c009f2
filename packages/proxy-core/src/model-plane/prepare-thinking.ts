import type { CanonicalRequest, SourceDialect, ThinkingRequest } from '../canonical/request.ts';
import type { Provider } from '../providers/provider.ts';
import { thinkingFromAnthropic, thinkingFromOpenAiChat } from '../thinking/body-sources.ts';
import { resolveThinkingConfig } from '../thinking/resolve.ts';
import type {
  ThinkingAdjustment,
  ThinkingConfig,
  ThinkingFormat,
  ValidatedThinking,
} from '../thinking/types.ts';
import { validateThinking } from '../thinking/validate.ts';

const FORMAT_OF_DIALECT: Readonly<Record<SourceDialect, ThinkingFormat>> = {
  'openai-chat': 'openai',
  'openai-responses': 'openai-response',
  'anthropic-messages': 'claude',
  gemini: 'gemini',
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

export interface CheckedThinking {
  /** What the adapter renders; undefined when the model cannot think (only "none" passes there). */
  readonly setting: ValidatedThinking | undefined;
  /** Every change validation made to what the client asked (conversions, clamps, defaults). */
  readonly adjustments: readonly ThinkingAdjustment[];
}

/**
 * Validates the request's thinking (suffix over body) against the resolved model's capability, in
 * the provider's wire format (upstream-behaviour.md §6.3). Throws a 400 ThinkingError; returns the
 * setting the adapter renders with the adjustments made on the way (never silent: the HTTP routes send
 * them back in a header), or undefined when nothing was asked.
 */
export function validatedThinking(
  provider: Provider,
  request: CanonicalRequest,
): CheckedThinking | undefined {
  if (provider.thinkingTarget === undefined) return undefined;
  const resolved = resolveThinkingConfig(request.thinking?.suffix, bodyThinking(request.thinking));
  if (resolved === undefined) return undefined;
  const target = provider.thinkingTarget(request);
  if (target.capability === 'unsupported' && request.thinking?.adaptive === true && !resolved.fromSuffix) {
    const message = `adaptive thinking: ${request.target.model} cannot think, so it answers without thinking`;
    return { setting: undefined, adjustments: [{ kind: 'defaulted', message }] };
  }
  const { config, adjustments } = validateThinking(resolved.config, target.capability, {
    from: FORMAT_OF_DIALECT[request.dialect],
    to: target.format,
    fromSuffix: resolved.fromSuffix,
    model: request.target.model,
  });
  return { setting: target.capability === 'unsupported' ? undefined : config, adjustments };
}
