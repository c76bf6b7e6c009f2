/** The five states of the report, in the order a reader must act on them. */
export const STATES = ['failing', 'not-run', 'remaining', 'stale', 'covered'] as const;
export type EvidenceState = (typeof STATES)[number];

/** One test (or k6 threshold, smoke case, …) that a selector matched. */
export interface EvidenceLocation {
  /** Repo-relative file with the line when the runner reported one: `packages/x/src/a.test.ts:14`. */
  readonly where: string;
  readonly name: string;
  readonly status: string;
}

/** What one selector found. */
export interface SelectorOutcome {
  readonly selector: string;
  readonly state: EvidenceState;
  readonly reason?: string;
  readonly install?: string;
  /** `workspace#lane` the evidence came from, when it came from a lane. */
  readonly lane?: string;
  readonly startedAt?: string;
  readonly locations: readonly EvidenceLocation[];
  /** Measured figures, e.g. `p(95)`, `p(99)` of a k6 metric or a coverage percentage. */
  readonly figures: Readonly<Record<string, number>>;
}

/** A selector that matched nothing in evidence that exists: an error, never "covered". */
export interface VacuousSelector {
  readonly selector: string;
  readonly problem: string;
}

export type Evaluation =
  | { readonly ok: true; readonly outcome: SelectorOutcome }
  | { readonly ok: false; readonly vacuous: VacuousSelector };

export function outcome(
  selector: string,
  state: EvidenceState,
  extra: Partial<Omit<SelectorOutcome, 'selector' | 'state'>> = {},
): Evaluation {
  return { ok: true, outcome: { selector, state, locations: [], figures: {}, ...extra } };
}

export function vacuous(selector: string, problem: string): Evaluation {
  return { ok: false, vacuous: { selector, problem } };
}

/**
 * An item's state from its selectors' states: the most urgent one wins (failing, then not run,
 * then remaining, then stale); an item without selectors has no evidence and is remaining.
 */
export function combineStates(states: readonly EvidenceState[]): EvidenceState {
  if (states.length === 0) return 'remaining';
  for (const state of STATES) if (states.includes(state)) return state;
  return 'covered';
}
