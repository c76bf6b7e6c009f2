/**
 * The field policy for Gemini `generateContent` requests (design §3), as for Anthropic Messages: what the canonical
 * request carries is translated for every provider; everything else is kept verbatim for a Gemini upstream (same
 * dialect), dropped with `x-switchyard-dropped` for other providers when it is only a hint (`topK`,
 * `safetySettings`), or refused with a 400 naming it when dropping it would change the answer (a JSON schema the
 * reply must follow, several candidates, a seed, audio output, a cached prompt).
 *
 * Fields inside `generationConfig` are named by their dotted path (`generationConfig.responseSchema`), so the 400
 * and the dropped header name exactly what was lost; a Gemini upstream puts them back inside its own
 * `generationConfig`.
 */
import {
  nativeFieldsOf,
  uncarriedEntries,
  uncarriedMembers,
  type SemanticTests,
} from '../../canonical/native-fields.ts';
import type { NativeFields } from '../../canonical/request.ts';

/** Top-level fields the canonical request carries (decode.ts). */
const CARRIED = new Set([
  'model',
  'contents',
  'systemInstruction',
  'tools',
  'toolConfig',
  'generationConfig',
]);

/** `generationConfig` members the canonical request carries. */
const CARRIED_GENERATION = new Set([
  'temperature',
  'topP',
  'maxOutputTokens',
  'stopSequences',
  'thinkingConfig',
]);

const set = (value: unknown): boolean => value !== null && value !== undefined;
const nonZero = (value: unknown): boolean => set(value) && value !== 0;

// A Map, not an object literal: a client's field named `__defineGetter__` must not find Object.prototype's.
const SEMANTIC: SemanticTests = new Map([
  ['cachedContent', set],
  // JSON mode (`application/json`, `text/x.enum`) shapes the answer; `text/plain` is the default.
  ['generationConfig.responseMimeType', (value: unknown) => set(value) && value !== 'text/plain'],
  ['generationConfig.responseSchema', set],
  ['generationConfig.responseJsonSchema', set],
  ['generationConfig.candidateCount', (value: unknown) => typeof value === 'number' && value > 1],
  [
    'generationConfig.responseModalities',
    (value: unknown) => Array.isArray(value) && value.some((modality) => modality !== 'TEXT'),
  ],
  ['generationConfig.speechConfig', set],
  ['generationConfig.imageConfig', set],
  ['generationConfig.seed', set],
  ['generationConfig.presencePenalty', nonZero],
  ['generationConfig.frequencyPenalty', nonZero],
  ['generationConfig.responseLogprobs', (value: unknown) => value === true],
  ['generationConfig.logprobs', set],
]);

/** The fields of a Gemini body the canonical request does not carry, kept for a Gemini upstream. */
export function nativeGeminiFields(body: Readonly<Record<string, unknown>>): NativeFields | undefined {
  return nativeFieldsOf(
    'gemini',
    [...uncarriedEntries(body, CARRIED), ...uncarriedMembers(body, 'generationConfig', CARRIED_GENERATION)],
    SEMANTIC,
  );
}
