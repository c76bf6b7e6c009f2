/**
 * The field policy for OpenAI Responses requests (design §3), as for Anthropic Messages and Gemini: what the
 * canonical request carries is translated for every provider; everything else reaches OpenAI's Responses API
 * verbatim (same dialect), is dropped with `x-switchyard-dropped` for other providers when it is only a hint
 * (`prompt_cache_key`, `service_tier`, `truncation`, `text.verbosity`, …: Codex sends several on every call), or is
 * refused with a 400 naming it when dropping it would change the answer (a JSON schema the reply must follow, a
 * stored prompt or conversation the answer builds on).
 *
 * `text` and `reasoning` are objects the proxy writes too, so their members are named by dotted path
 * (`text.format`, `reasoning.generate_summary`): the 400 and the dropped header name exactly what was lost, and OpenAI gets
 * them back inside its own `text` / `reasoning`.
 */
import {
  nativeFieldsOf,
  uncarriedEntries,
  uncarriedMembers,
  type SemanticTests,
} from '../../canonical/native-fields.ts';
import type { NativeFields } from '../../canonical/request.ts';

/**
 * Top-level fields the canonical request carries (decode.ts), or the proxy decides itself: `store` (always false
 * upstream: the proxy keeps the state), `include` (the proxy asks for encrypted reasoning), `previous_response_id`
 * and `background` (the proxy's own continuation rules), `top_logprobs` (refused: answers carry no logprobs).
 */
const CARRIED = new Set([
  'model',
  'input',
  'instructions',
  'stream',
  'tools',
  'tool_choice',
  'parallel_tool_calls',
  'max_output_tokens',
  'temperature',
  'top_p',
  'reasoning',
  'text',
  'metadata',
  'previous_response_id',
  'store',
  'include',
  'background',
  'top_logprobs',
]);

/** `reasoning` members the canonical request carries: the effort, and the summary (Claude's display too). */
const CARRIED_REASONING = new Set(['effort', 'summary']);
/** `text` members the canonical request carries: none (plain text is the canonical answer). */
const CARRIED_TEXT = new Set<string>();

const set = (value: unknown): boolean => value !== null && value !== undefined;
const notPlainText = (value: unknown): boolean =>
  set(value) && !(typeof value === 'object' && (value as { type?: unknown }).type === 'text');

// A Map, not an object literal: a client's field named `__defineGetter__` must not find Object.prototype's.
const SEMANTIC: SemanticTests = new Map([
  ['text.format', notPlainText],
  ['prompt', set],
  ['conversation', set],
]);

/** The fields of a Responses body the canonical request does not carry, kept for OpenAI's Responses API. */
export function nativeResponsesFields(body: Readonly<Record<string, unknown>>): NativeFields | undefined {
  return nativeFieldsOf(
    'openai-responses',
    [
      ...uncarriedEntries(body, CARRIED),
      ...uncarriedMembers(body, 'reasoning', CARRIED_REASONING),
      ...uncarriedMembers(body, 'text', CARRIED_TEXT),
    ].filter(([, value]) => value !== null),
    SEMANTIC,
  );
}
