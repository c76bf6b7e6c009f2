/**
 * Anthropic's own rules for a request that thinks, which thinking validation cannot know: no temperature but 1,
 * and no forced tool choice. The forced tool is what the client's answer depends on (a tool call, not prose), so
 * it wins and thinking is turned off; a temperature is a sampling hint and is dropped. Both are told to the client.
 */
import type { CanonicalRequest } from '../../canonical/request.ts';
import { thinks } from '../../thinking/thinks.ts';
import type { ConstrainedRequest } from '../provider.ts';

export function anthropicThinkingConstraints(request: CanonicalRequest): ConstrainedRequest {
  if (!thinks(request.thinkingSetting)) return { request, dropped: [], thinkingAdjustments: [] };
  const forced = request.toolChoice?.type === 'required' || request.toolChoice?.type === 'tool';
  if (forced) {
    const message = 'thinking turned off: Anthropic does not allow thinking with a forced tool choice';
    return {
      request: { ...request, thinkingSetting: { mode: 'none', budget: 0 } },
      dropped: [],
      thinkingAdjustments: [{ kind: 'defaulted', message }],
    };
  }
  if (request.temperature === undefined || request.temperature === 1) {
    return { request, dropped: [], thinkingAdjustments: [] };
  }
  const { temperature: _temperature, ...withoutTemperature } = request;
  return { request: withoutTemperature, dropped: ['temperature'], thinkingAdjustments: [] };
}
