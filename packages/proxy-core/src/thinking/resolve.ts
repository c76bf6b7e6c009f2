import { parseThinkingSuffix } from './suffix.ts';
import { ThinkingError } from './thinking-error.ts';
import type { ThinkingConfig } from './types.ts';

export interface ResolvedThinkingRequest {
  readonly config: ThinkingConfig;
  /** Pass to `validateThinking` as `fromSuffix`. */
  readonly fromSuffix: boolean;
}

/**
 * The setting to validate: a `model(value)` suffix overrides body fields (§6.2); otherwise the body's.
 * Undefined when neither asks for anything.
 *
 * Deliberate difference from upstream: an unparseable suffix there silently means "no thinking" and
 * also hides the body's setting; here it is a 400 `invalid_suffix` (§12 #16: surface, never drop).
 */
export function resolveThinkingConfig(
  suffix: string | undefined,
  body: ThinkingConfig | undefined,
): ResolvedThinkingRequest | undefined {
  if (suffix !== undefined) {
    const config = parseThinkingSuffix(suffix);
    if (config === undefined) {
      throw new ThinkingError(
        'invalid_suffix',
        `thinking suffix "(${suffix})" is not none, auto, -1, a level (minimal, low, medium, high, xhigh) or a non-negative budget`,
      );
    }
    return { config, fromSuffix: true };
  }
  return body === undefined ? undefined : { config: body, fromSuffix: false };
}
