import { PROVIDER_IDS, isProviderId, type ProviderId } from '@switchyard/provider-fixtures';
import { validateConfig } from '@switchyard/proxy-core';

export interface SmokeCase {
  /** `provider` in the cheapest matrix, `provider/model` otherwise (the ids the gap report selects). */
  readonly id: string;
  readonly provider: ProviderId;
  readonly model: string;
}

/**
 * The six core providers (upstream-behaviour.md §7), one case each, id = provider, model = the `cheapestModel`
 * the proxy ships as its default for that provider. Read from the proxy's own validated defaults, not from the
 * fixtures' `defaultModel` (which is chosen to exercise routing), so the matrix smokes what users get.
 */
export function cheapestCases(): SmokeCase[] {
  const providers = validateConfig({}).modelPlane.providers;
  return PROVIDER_IDS.map((provider) => ({
    id: provider,
    provider,
    model: providers[provider].cheapestModel,
  }));
}

/** `openai:gpt-5-codex-mini,gemini:gemini-2.5-flash` → cases with provider-qualified ids. */
export function parseCases(list: string): SmokeCase[] {
  return list
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
    .map((entry) => {
      const colon = entry.indexOf(':');
      const provider = entry.slice(0, colon).toLowerCase();
      const model = entry.slice(colon + 1);
      if (colon <= 0 || model === '' || !isProviderId(provider)) {
        throw new Error(
          `bad case "${entry}": expected provider:model with provider one of ${PROVIDER_IDS.join(', ')}`,
        );
      }
      return { id: `${provider}/${model}`, provider, model };
    });
}

/** The cheapest models as provider-qualified aliases (`openai/gpt-6-luna`). */
export function aliasCases(): SmokeCase[] {
  return cheapestCases().map((entry) => ({ ...entry, id: `${entry.provider}/${entry.model}` }));
}
