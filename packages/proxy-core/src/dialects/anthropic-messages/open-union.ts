import { z } from 'zod';

type Json = Readonly<Record<string, unknown>>;

/**
 * An item of a Messages union the proxy does not translate (a server tool, a `document`, a
 * `web_search_tool_result`, …): the very object the client sent, so it can reach Anthropic byte for byte.
 */
export interface NativeItem {
  readonly type: 'native';
  readonly json: Json;
}

function isJsonObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A union that stays open, as Anthropic's own grow new types with every model: an item `isKnown` picks is checked
 * against `known` (so a bad field is named precisely); any other object with a `type` is Anthropic's to judge and
 * comes out as a NativeItem, left to the decoder's policy (native-blocks.ts, server-tools.ts).
 */
export function openUnion<Known extends z.ZodType>(known: Known, isKnown: (item: Json) => boolean) {
  return z.unknown().transform((input, context): z.output<Known> | NativeItem => {
    if (isJsonObject(input) && typeof input['type'] === 'string' && input['type'] !== '' && !isKnown(input))
      return { type: 'native', json: input };
    const result = known.safeParse(input);
    if (result.success) return result.data;
    for (const issue of result.error.issues)
      context.issues.push({ code: 'custom', message: issue.message, path: issue.path, input });
    return z.NEVER;
  });
}
