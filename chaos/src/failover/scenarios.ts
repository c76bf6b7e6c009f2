/**
 * The S01–S16 fault catalogue (anchors.md §5.1, failoverbench), written from its facts and scaled down so the
 * whole lane runs in about a minute: every long wait is divided by 10 or more, and the proxy's deadlines are set
 * small to match (see SCALED below and chaos/README.md).
 */

export const SCENARIO_IDS = [
  's01',
  's02',
  's03',
  's04',
  's05',
  's06',
  's07',
  's07t',
  's08',
  's09',
  's10',
  's11',
  's12',
  's13',
  's14',
  's15',
  's16',
] as const;
export type ScenarioId = (typeof SCENARIO_IDS)[number];

/** What each scenario injects, as one line for the scorecard. */
export const FAULTS: Readonly<Record<ScenarioId, string>> = {
  s01: '429 + Retry-After: 2 once',
  s02: '429 persistent, no Retry-After',
  s03: '500 once',
  s04: '503 persistent',
  s05: 'TCP reset before headers, once',
  s06: 'accepts, never answers',
  s07: 'first token after 3 s (deadline 4 s)',
  s07t: 'first token after 6 s (deadline 4 s)',
  s08: 'stream cut after 8 tokens, no terminator',
  s09: 'stream stalls after 8 tokens (idle deadline 2 s)',
  s10: 'one malformed SSE chunk',
  s11: 'no [DONE] (finish reason sent, connection held)',
  s12: '400 context_length_exceeded',
  s13: '400 content_policy_violation',
  s14: 'cut after 8 tokens; fallback rejects assistant prefill',
  s15: 'primary 503 for 6 s, a request every 0.5 s',
  s16: 'accounting after a fallback (primary 503)',
};

/** The scaled figures: the catalogue's value on the left of each comment. */
export const SCALED = {
  retryAfterS: 2, // S01: 2 s, as in the catalogue
  firstTokenDelayMs: 3_000, // S07: 20 s → 3 s, under the 4 s first-token deadline
  slowFirstTokenDelayMs: 6_000, // S07t: a first token later than the deadline (TTFT failover)
  cutAfterTokens: 8, // S08/S14: 40–60 tokens → 8 of 24
  stallAfterTokens: 8, // S09: 20 tokens → 8
  stallMs: 8_000, // S09: 30 s → 8 s (then the socket is dropped), against a 2 s idle deadline
  holdWithoutDoneMs: 8_000, // S11: the connection stays open 8 s after the last chunk
  outageMs: 6_000, // S15: 60 s → 6 s
  requestEveryMs: 500, // S15: 4 s → 0.5 s
  requests: 20, // S15: 20 requests, as in the catalogue
  returnWithinMs: 3_000, // S15: back on the primary ≤ 30 s after recovery → 3 s
  circuitOpenMs: 1_000, // the proxy's circuit stays open 10 s by default → 1 s
} as const;

/** The proxy's circuit per fallback target in this lane (modelPlane.circuit), scaled with the faults. */
export const LANE_CIRCUIT = { failureThreshold: 3, openMs: SCALED.circuitOpenMs } as const;

/** The proxy's deadlines in this lane (modelPlane.deadlines), scaled with the faults. */
export const LANE_DEADLINES = {
  connectTimeoutMs: 2_000,
  firstTokenTimeoutMs: 4_000,
  idleTimeoutMs: 2_000,
  totalTimeoutMs: 20_000,
} as const;

/** The primary's exact healthy answer, in 24 word tokens: anything shorter is a truncation, not a success. */
export const PRIMARY_TOKENS: readonly string[] = (
  'Switchyard primary answer: one two three four five six seven eight nine ten eleven twelve ' +
  'thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty twenty-one end.'
)
  .split(' ')
  .map((word, index, all) => (index === all.length - 1 ? word : `${word} `));
export const PRIMARY_TEXT = PRIMARY_TOKENS.join('');

/** The fallback's exact healthy answer: different words, so a splice of the two can never look whole. */
export const FALLBACK_TOKENS: readonly string[] = 'Fallback kimi answer, complete and whole.'
  .split(' ')
  .map((word, index, all) => (index === all.length - 1 ? word : `${word} `));
export const FALLBACK_TEXT = FALLBACK_TOKENS.join('');

export const FALLBACK_MODEL = 'kimi-healthy';
export const HEALTHY_PRIMARY_MODEL = 'deepseek-healthy';

/** The upstream model name of one run: the scenario and the run's key, so every run has its own state. */
export function primaryModel(scenario: ScenarioId, runKey: string): string {
  return `deepseek-${scenario}-${runKey}`;
}

/** The scenario an upstream model name asks for (undefined: healthy). */
export function scenarioOf(model: string): ScenarioId | undefined {
  const match = /^deepseek-(s\d\dt?)-/.exec(model);
  const id = match?.[1];
  return (SCENARIO_IDS as readonly string[]).includes(id ?? '') ? (id as ScenarioId) : undefined;
}
