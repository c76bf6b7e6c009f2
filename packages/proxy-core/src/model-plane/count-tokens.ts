/**
 * Prompt token counts (`POST /v1/messages/count_tokens`, which Claude Code calls, and Gemini's `countTokens`):
 * exact from the provider's own counting endpoint where it has one (Anthropic, Gemini), otherwise an estimate —
 * never a silent zero. The estimate is the usual rule of thumb, one token per four characters of everything the
 * prompt sends (system, message text, tool calls and results, tool definitions), rounded up, at least one for a
 * non-empty prompt.
 */
import type { ContentPart } from '../canonical/content.ts';
import type { CanonicalRequest } from '../canonical/request.ts';
import type { PreparedTarget } from './prepare-call.ts';

const CHARS_PER_TOKEN = 4;

function partChars(part: ContentPart): number {
  switch (part.type) {
    case 'text':
    case 'reasoning':
      return part.text.length;
    case 'tool_call':
      return part.name.length + part.arguments.length;
    case 'tool_result':
      return part.content.reduce((sum, item) => sum + (item.type === 'text' ? item.text.length : 0), 0);
    case 'compaction':
      // Opaque: what it stands for is not knowable here, only its size.
      return part.encryptedContent.length;
    case 'native':
      // Sent as is (an Anthropic block to Anthropic): its size is what there is to count.
      return JSON.stringify(part.json).length;
    case 'image':
      // Providers bill an image by its size, which the proxy does not decode: a typical small image.
      return 85 * CHARS_PER_TOKEN;
  }
}

export function estimateInputTokens(request: CanonicalRequest): number {
  let chars = request.system.reduce((sum, part) => sum + part.text.length, 0);
  for (const message of request.messages) for (const part of message.content) chars += partChars(part);
  for (const tool of request.tools) chars += JSON.stringify(tool).length;
  return chars === 0 ? 0 : Math.max(1, Math.ceil(chars / CHARS_PER_TOKEN));
}

export interface TokenCount {
  readonly inputTokens: number;
  /** `exact`: the provider counted; `estimate`: the rule above. */
  readonly method: 'exact' | 'estimate';
}

export async function countInputTokens(target: PreparedTarget, signal: AbortSignal): Promise<TokenCount> {
  const { provider, request } = target;
  if (provider.countTokens === undefined)
    return { inputTokens: estimateInputTokens(request), method: 'estimate' };
  return { inputTokens: await provider.countTokens(request, signal), method: 'exact' };
}
