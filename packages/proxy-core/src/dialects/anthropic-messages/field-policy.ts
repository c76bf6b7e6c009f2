/**
 * The field policy for Anthropic Messages requests (design §3): every top-level field is carried (translated
 * to every provider), passed through verbatim to Anthropic (same dialect), dropped with `x-switchyard-dropped`
 * for other providers when it is only a hint, or refused with a 400 naming it and the provider when dropping
 * it would change the answer. Claude Code sends `context_management`, `output_config` and `anthropic-beta`
 * flags on every request.
 */
import { nativeFieldsOf, uncarriedEntries, type SemanticTests } from '../../canonical/native-fields.ts';
import type { NativeFields } from '../../canonical/request.ts';

/** Fields the canonical request carries (messages-schema.ts decodes them for every provider). */
const CARRIED = new Set([
  'model',
  'max_tokens',
  'messages',
  'system',
  'stream',
  'tools',
  'tool_choice',
  'stop_sequences',
  'temperature',
  'top_p',
  'top_k',
  'thinking',
  'metadata',
]);

/**
 * Fields whose loss changes the answer: a JSON schema the reply must follow, servers and containers whose tools
 * the model would call. Anything else Anthropic adds is treated as a hint (liberal in what clients send).
 */
// A Map, not an object literal: a client's field named `__defineGetter__` must not find Object.prototype's.
const SEMANTIC: SemanticTests = new Map([
  [
    'output_config',
    (value: unknown) =>
      typeof value === 'object' && value !== null && (value as { format?: unknown }).format != null,
  ],
  ['mcp_servers', (value: unknown) => Array.isArray(value) && value.length > 0],
  ['container', (value: unknown) => value !== null && value !== undefined],
]);

/** Client headers that are the client's to choose when the upstream is Anthropic. */
export const PASSED_THROUGH_HEADERS = ['anthropic-beta'] as const;

/** The top-level fields the canonical request does not carry, kept for an Anthropic upstream. */
export function nativeMessagesFields(body: Readonly<Record<string, unknown>>): NativeFields | undefined {
  return nativeFieldsOf('anthropic-messages', uncarriedEntries(body, CARRIED), SEMANTIC);
}
