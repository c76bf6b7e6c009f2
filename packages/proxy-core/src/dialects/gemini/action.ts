/**
 * The `{model}:{method}` tail of a Gemini URL (`/v1beta/models/gemini-2.5-flash:generateContent`). The model may
 * hold slashes — `@google/genai` puts `provider/model` into the path as is (`models/openai/gpt-4o:…`), and a
 * client that encodes it sends `openai%2Fgpt-4o` — so the method is what follows the last colon, and the model
 * everything before it, decoded.
 */
import { catalogued } from '../../errors/catalogue.ts';
import { ApiError } from '../../http/api-error.ts';

export const GEMINI_METHODS = ['generateContent', 'streamGenerateContent', 'countTokens'] as const;

export type GeminiMethod = (typeof GEMINI_METHODS)[number];

export interface GeminiAction {
  readonly model: string;
  readonly method: GeminiMethod;
}

function isMethod(method: string): method is GeminiMethod {
  return (GEMINI_METHODS as readonly string[]).includes(method);
}

/** A URL path segment decoded; as sent when it is not valid percent-encoding. */
export function decodedSegment(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The model a Gemini path segment names: URL-decoded, without Google's `models/` prefix. */
export function geminiModelId(segment: string): string {
  return decodedSegment(segment).replace(/^models\//, '');
}

/** Parses the path after `/v1beta/models/`; anything but `<model>:<known method>` is a 404, as Google answers. */
export function parseGeminiAction(tail: string, path: string): GeminiAction {
  const colon = tail.lastIndexOf(':');
  const model = geminiModelId(colon === -1 ? '' : tail.slice(0, colon));
  const method = colon === -1 ? '' : tail.slice(colon + 1);
  if (model === '' || !isMethod(method)) {
    throw new ApiError({
      ...catalogued('route_not_found'),
      message: `${path} not found. Gemini routes are POST /v1beta/models/{model}:${GEMINI_METHODS.join('|')}.`,
    });
  }
  return { model, method };
}
