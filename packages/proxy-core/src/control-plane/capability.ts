/**
 * THE capability-label normaliser. Every orchestrator-facing surface that accepts a label (POST /message today)
 * calls this one function, so the accepted set and the error text cannot drift between surfaces.
 *
 * Upstream semantics (upstream-behaviour.md §2.2): trim, lower-case; `ask`, `exec` and `max` are aliases of
 * `continue`; `continue`, `resume` and the empty label are accepted as they are; anything else is unsupported
 * and the route answers 501 listing the supported labels.
 */
import type { CapabilityLabel } from '../store/records.ts';

/** Every label a client may send, in the order the 501 message lists them. */
export const SUPPORTED_CAPABILITY_LABELS = ['continue', 'resume', 'ask', 'exec', 'max'] as const;

// A Map, not an object literal: a label like "constructor" must not resolve through the prototype chain.
const ALIASES: ReadonlyMap<string, CapabilityLabel> = new Map<string, CapabilityLabel>([
  ['', ''],
  ['continue', 'continue'],
  ['resume', 'resume'],
  ['ask', 'continue'],
  ['exec', 'continue'],
  ['max', 'continue'],
]);

export type CapabilityResult =
  | { readonly ok: true; readonly capability: CapabilityLabel }
  | { readonly ok: false; readonly rejection: UnsupportedCapability };

/** Why a label was refused; routes render it as 501 with `capability` and `supported` in the body. */
export interface UnsupportedCapability {
  readonly code: 'unsupported_capability';
  /** The label after trimming and lower-casing, as upstream echoes it. */
  readonly capability: string;
  readonly supported: readonly string[];
  readonly message: string;
}

/** `undefined` (field omitted) is the empty label, which is accepted. */
export function normaliseCapability(raw: string | undefined): CapabilityResult {
  const label = (raw ?? '').trim().toLowerCase();
  const capability = ALIASES.get(label);
  if (capability !== undefined) return { ok: true, capability };
  return {
    ok: false,
    rejection: {
      code: 'unsupported_capability',
      capability: label,
      supported: SUPPORTED_CAPABILITY_LABELS,
      message: `Unsupported capability "${label}". Use capability labels continue, resume, ask, exec, or max.`,
    },
  };
}
