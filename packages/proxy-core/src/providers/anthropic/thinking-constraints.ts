/**
 * Anthropic's own rules for a request that thinks, which thinking validation cannot know: no temperature but 1,
 * and no forced tool choice. The forced tool is what the client's answer depends on (a tool call, not prose), so
 * it wins and thinking is turned off; a temperature is a sampling hint and is dropped. Both are told to the client.
 *
 * An effort model (adaptive-only Claude: Opus 4.7 and later, the Claude 5 family) thinks unless told otherwise and
 * cannot be told to stop: "off" leaves the thinking fields out so the model's own default applies, and the client is
 * told so. Those models refuse any non-default `temperature` or `top_p` (the migration guides' breaking changes), so
 * both are dropped whether or not the request asked to think.
 */
import type { CanonicalRequest } from '../../canonical/request.ts';
import { thinks } from '../../thinking/thinks.ts';
import type { ThinkingAdjustment } from '../../thinking/types.ts';
import type { ConstrainedRequest } from '../provider.ts';

export interface AnthropicModelFacts {
  /** The model thinks adaptively by effort only (`thinksByEffort`). */
  readonly byEffort: boolean;
}

const FORCED_TOOL = 'thinking turned off: Anthropic does not allow thinking with a forced tool choice';

export function anthropicThinkingConstraints(
  request: CanonicalRequest,
  model: AnthropicModelFacts = { byEffort: false },
): ConstrainedRequest {
  const cannotSwitchOff = `thinking cannot be switched off on ${request.target.model}: no thinking field is sent, the model's default applies`;
  const adjustments: ThinkingAdjustment[] = [];
  let constrained = request;
  if (thinks(request.thinkingSetting)) {
    const forced = request.toolChoice?.type === 'required' || request.toolChoice?.type === 'tool';
    if (forced) {
      constrained = { ...request, thinkingSetting: { mode: 'none', budget: 0 } };
      const message = model.byEffort ? `${FORCED_TOOL}; ${cannotSwitchOff}` : FORCED_TOOL;
      adjustments.push({ kind: 'defaulted', message });
    }
  } else if (request.thinkingSetting !== undefined && model.byEffort) {
    adjustments.push({ kind: 'defaulted', message: cannotSwitchOff });
  }
  const mayThink = model.byEffort || thinks(constrained.thinkingSetting);
  if (!mayThink) return { request: constrained, dropped: [], thinkingAdjustments: adjustments };
  const dropped: string[] = [];
  const { temperature, topP, ...withoutSampling } = constrained;
  if (temperature !== undefined && temperature !== 1) dropped.push('temperature');
  if (model.byEffort && topP !== undefined) dropped.push('top_p');
  const kept = {
    ...withoutSampling,
    ...(temperature !== undefined && !dropped.includes('temperature') ? { temperature } : {}),
    ...(topP !== undefined && !dropped.includes('top_p') ? { topP } : {}),
  };
  return { request: kept, dropped, thinkingAdjustments: adjustments };
}
