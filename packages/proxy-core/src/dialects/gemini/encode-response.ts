import { answeringModel, type CanonicalResponse } from '../../canonical/response.ts';
import { geminiFinishReasonName } from '../../providers/gemini/finish-reason.ts';
import { geminiUsageMetadata } from '../../providers/gemini/usage.ts';
import { PartWriter, type GeminiOutPart } from './parts.ts';

export interface GeminiEnvelope {
  readonly responseId: string;
  /** The model as the client named it in the URL. */
  readonly modelVersion: string;
}

/** One candidate of a `GenerateContentResponse`; `content` is left out when there is nothing to say. */
export function candidate(parts: readonly GeminiOutPart[], finishReason?: string): Record<string, unknown> {
  return {
    ...(parts.length === 0 ? {} : { content: { role: 'model', parts } }),
    ...(finishReason === undefined ? {} : { finishReason }),
    index: 0,
  };
}

/** A `GenerateContentResponse` for a non-streamed `generateContent`. */
export function encodeGenerateContentResponse(
  response: CanonicalResponse,
  envelope: GeminiEnvelope,
  includeThoughts: boolean,
): Record<string, unknown> {
  const writer = new PartWriter(includeThoughts);
  const parts = response.output.flatMap((part) => {
    if (part.type === 'text') return writer.text(part.text);
    if (part.type === 'reasoning') return writer.reasoning(part.text, part.signature, part.issuer);
    return writer.functionCall(part);
  });
  return {
    candidates: [candidate(parts, geminiFinishReasonName(response.finishReason))],
    usageMetadata: geminiUsageMetadata(response.usage),
    modelVersion: answeringModel(envelope.modelVersion, response.metadata),
    responseId: envelope.responseId,
  };
}
