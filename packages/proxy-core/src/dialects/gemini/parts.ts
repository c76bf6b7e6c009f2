/**
 * Canonical output → Gemini `Part`s, shared by the JSON and the streamed answer. Gemini shows thought parts only
 * when the client set `includeThoughts`, whichever provider thought. A thought signature Gemini issued for a
 * function call goes back on that call (Gemini 3 refuses a replayed call without it); an Anthropic thinking
 * signature rides on its thought part, so it comes back as reasoning; OpenAI's encrypted reasoning has no Gemini
 * place and is left out.
 */
import type { ReasoningIssuer } from '../../canonical/content.ts';
import { parseToolInput } from '../anthropic-messages/encode-response.ts';

export type GeminiOutPart = Record<string, unknown>;

export interface FunctionCallOut {
  readonly id: string;
  readonly name: string;
  readonly arguments: string;
}

/** Gemini's `args` is a JSON object; broken or non-object JSON from a model is wrapped, never dropped. */
function argsOf(text: string): unknown {
  const parsed = parseToolInput(text);
  return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? parsed : { _raw: text };
}

/** Builds parts in order, holding a Gemini call signature until the call it belongs to. */
export class PartWriter {
  private readonly includeThoughts: boolean;
  private pendingSignature: string | undefined;

  constructor(includeThoughts: boolean) {
    this.includeThoughts = includeThoughts;
  }

  text(text: string): GeminiOutPart[] {
    return text === '' ? [] : [{ text }];
  }

  reasoning(text: string, signature?: string, issuer?: ReasoningIssuer): GeminiOutPart[] {
    if (issuer === 'gemini' && signature !== undefined) this.pendingSignature = signature;
    if (!this.includeThoughts) return [];
    const ownSignature =
      issuer === undefined && signature !== undefined ? { thoughtSignature: signature } : {};
    if (text === '' && Object.keys(ownSignature).length === 0) return [];
    return [{ text, thought: true, ...ownSignature }];
  }

  functionCall(call: FunctionCallOut): GeminiOutPart[] {
    const signature = this.pendingSignature;
    this.pendingSignature = undefined;
    return [
      {
        functionCall: { id: call.id, name: call.name, args: argsOf(call.arguments) },
        ...(signature === undefined ? {} : { thoughtSignature: signature }),
      },
    ];
  }
}
