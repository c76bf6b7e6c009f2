/**
 * The checker: each scenario's machine checks from anchors.md §5.1, applied to what the client saw and to the
 * attempts the fault upstream recorded. Verdicts, worst first:
 * - fail: a hang (no end within the bound) or a truncated/wrong answer presented as success;
 * - partial: the client was served or cleanly refused, but a catalogue rule was broken (e.g. retried too soon);
 * - safe: no rescue, but a clean error in the dialect within bounds — never a hang or a truncated success;
 * - pass: the catalogue's correct behaviour.
 */
import type { Attempt } from './fault-upstream.ts';
import type { Ingress, Seen } from './ingress-client.ts';
import {
  FALLBACK_MODEL,
  FALLBACK_TEXT,
  LANE_DEADLINES,
  PRIMARY_TEXT,
  SCALED,
  type ScenarioId,
} from './scenarios.ts';

export type Verdict = 'pass' | 'partial' | 'safe' | 'fail';

export interface RunFacts {
  readonly scenario: ScenarioId;
  readonly ingress: Ingress;
  readonly stream: boolean;
  readonly fallback: boolean;
  /** One answer, or S15's sequence (with the time each request was sent). */
  readonly seen: readonly Seen[];
  readonly sentAt: readonly number[];
  readonly primary: readonly Attempt[];
  readonly fallbackAttempts: readonly Attempt[];
}

export interface Checked {
  readonly verdict: Verdict;
  /** The measured figure the scorecard shows. */
  readonly figure: string;
}

/** One try on a target: the first attempt and the proxy's default two retries (modelPlane.retries). */
const ATTEMPTS_PER_TRY = 3;

/** Any answer slower than this is a hang: every scaled scenario ends well within it. */
export const HANG_BOUND_MS = 12_000;

const exact = (seen: Seen): boolean =>
  seen.outcome === 'success' && (seen.text === PRIMARY_TEXT || seen.text === FALLBACK_TEXT);
const byFallback = (seen: Seen): boolean => exact(seen) && seen.text === FALLBACK_TEXT;
const clean = (seen: Seen): boolean => seen.outcome === 'error';
const s = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/** The most attempts inside any window of `windowMs`. */
export function maxInWindow(attempts: readonly Attempt[], windowMs: number): number {
  let most = 0;
  for (const [index, first] of attempts.entries()) {
    const inside = attempts.slice(index).filter((attempt) => attempt.at - first.at <= windowMs).length;
    most = Math.max(most, inside);
  }
  return most;
}

/** What the client got, in a few words. */
function got(seen: Seen): string {
  if (exact(seen)) return `${byFallback(seen) ? 'fallback' : 'primary'} answer in ${s(seen.ms)}`;
  if (clean(seen))
    return `clean ${seen.status === 200 ? 'error event' : String(seen.status)} in ${s(seen.ms)}`;
  return `${seen.outcome} after ${s(seen.ms)}`;
}

/** Fails first: a hang, a truncated or wrong success, or an answer past the hang bound. */
function failed(seen: Seen): string | undefined {
  if (seen.outcome === 'hang' || seen.ms > HANG_BOUND_MS) return `hang (${s(seen.ms)})`;
  if (seen.outcome === 'success' && !exact(seen))
    return `truncated success: ${JSON.stringify(seen.text.slice(0, 40))}…`;
  return undefined;
}

function single(run: RunFacts): Checked {
  const seen = run.seen[0];
  if (seen === undefined) return { verdict: 'fail', figure: 'no request ran' };
  const failure = failed(seen);
  if (failure !== undefined) return { verdict: 'fail', figure: failure };
  // A stream that ended with neither its terminal nor an error event is not a success, but not clean either.
  if (seen.outcome === 'cut')
    return { verdict: 'partial', figure: `stream cut without an error event after ${s(seen.ms)}` };
  const primaries = run.primary.length;
  const figure = `${got(seen)}; ${primaries} primary attempt(s)`;
  const rescued = exact(seen);
  switch (run.scenario) {
    case 's01': {
      const gap = primaries >= 2 ? (run.primary[1]?.at ?? 0) - (run.primary[0]?.at ?? 0) : undefined;
      const bounded = maxInWindow(run.primary, 1_500) <= 2;
      const detail = `${figure}${gap === undefined ? '' : `, retry after ${s(gap)}`}`;
      if (!bounded || (gap !== undefined && gap < 1_800))
        return { verdict: 'partial', figure: `${detail} (before Retry-After)` };
      return { verdict: rescued ? 'pass' : 'safe', figure: detail };
    }
    case 's02': {
      const bounded = maxInWindow(run.primary, 3_000) <= 4 && primaries <= 6;
      if (!bounded) return { verdict: 'partial', figure: `${figure} (retry storm)` };
      return { verdict: rescued ? 'pass' : 'safe', figure };
    }
    case 's03':
      if (rescued && seen.text === PRIMARY_TEXT && primaries >= 2) return { verdict: 'pass', figure };
      return {
        verdict: rescued ? 'partial' : 'safe',
        figure: `${figure}${rescued ? ' (no same-provider retry)' : ''}`,
      };
    case 's04':
    case 's05':
    case 's07':
      return { verdict: rescued ? 'pass' : 'safe', figure };
    case 's06':
      if (primaries > 1) return { verdict: 'partial', figure: `${figure} (retried a silent route)` };
      return { verdict: rescued ? 'pass' : 'safe', figure };
    case 's07t':
      if (byFallback(seen) && seen.ms < SCALED.slowFirstTokenDelayMs) return { verdict: 'pass', figure };
      return { verdict: rescued ? 'partial' : 'safe', figure };
    case 's08':
    case 's10':
      // Fail over, skip, or a clean error: never a truncated success (already ruled out above).
      return { verdict: 'pass', figure };
    case 's09': {
      const bound = SCALED.stallMs - 1_000; // the stall must be detected well before the upstream gives up
      if (rescued || seen.ms <= bound) return { verdict: 'pass', figure };
      return { verdict: 'partial', figure: `${figure} (stall detected late)` };
    }
    case 's11':
      if (rescued && seen.ms <= 8_000 && seen.usage)
        return { verdict: 'pass', figure: `${figure}, usage reported` };
      if (rescued) return { verdict: 'partial', figure: `${figure}${seen.usage ? '' : ', no usage'}` };
      return { verdict: 'safe', figure };
    case 's12':
      if (primaries !== 1) return { verdict: 'partial', figure: `${figure} (retried a deterministic 400)` };
      if (rescued) return { verdict: 'pass', figure };
      {
        // Messages has no error code field: its message must still say it was the context length.
        const reason = /context[_ ]length/i.test(seen.error ?? '');
        return {
          verdict: reason ? 'safe' : 'partial',
          figure: `${figure}, reason ${reason ? 'propagated' : 'lost'}, no larger-model route`,
        };
      }
    case 's13': {
      const reason = seen.error?.includes('content_policy') === true;
      if (primaries === 1 && clean(seen) && reason)
        return { verdict: 'pass', figure: `${figure}, reason propagated` };
      return { verdict: 'partial', figure: `${figure}${reason ? '' : ', reason lost'}` };
    }
    case 's14': {
      if (rescued) return { verdict: 'pass', figure };
      // After the first byte the proxy ends with a clean error; the text must be the primary's own prefix.
      const noSplice = PRIMARY_TEXT.startsWith(seen.text);
      return {
        verdict: noSplice ? 'safe' : 'fail',
        figure: `${figure}, ${noSplice ? 'no spliced continuation' : 'spliced'}`,
      };
    }
    case 's16': {
      if (!rescued) return { verdict: 'safe', figure };
      const facts = [
        seen.model?.includes(FALLBACK_MODEL) === true ? '' : `model ${seen.model ?? 'absent'}`,
        seen.provider === 'kimi' ? '' : `x-switchyard-provider ${seen.provider ?? 'absent'}`,
        seen.usage ? '' : 'no usage',
      ].filter((fact) => fact !== '');
      if (facts.length === 0)
        return { verdict: 'pass', figure: `${figure}; model, provider and usage name the fallback` };
      return { verdict: 'partial', figure: `${figure}; ${facts.join(', ')}` };
    }
    case 's15':
      return outage(run);
  }
}

/** S15: a 6 s outage with a request every 0.5 s: who served, how often the primary was hit, when it came back. */
function outage(run: RunFacts): Checked {
  for (const seen of run.seen) {
    const failure = failed(seen);
    if (failure !== undefined) return { verdict: 'fail', figure: failure };
  }
  const outageStart = run.primary[0]?.at ?? 0;
  const recovered = outageStart + SCALED.outageMs;
  const inOutage = run.primary.filter((attempt) => attempt.at < recovered).length;
  const duringRequests = run.seen.filter((_, index) => (run.sentAt[index] ?? 0) < recovered);
  const servedDuring = duringRequests.filter(exact).length;
  const afterIndex = run.sentAt.findIndex(
    (at, index) => at >= recovered && run.seen[index]?.text === PRIMARY_TEXT,
  );
  const backAfter = afterIndex === -1 ? undefined : (run.sentAt[afterIndex] ?? 0) - recovered;
  const figure =
    `served ${servedDuring}/${duringRequests.length} during the outage, ${inOutage} primary attempts in it, ` +
    `primary again ${backAfter === undefined ? 'never' : `${s(Math.max(0, backAfter))} after recovery`}`;
  const allServed = run.seen.every(exact);
  const returned = backAfter !== undefined && backAfter <= SCALED.returnWithinMs;
  // With a circuit the failing primary takes a few tries and single-attempt probes, not every request's retries:
  // at most half of what the requests sent during the outage would cost it with none (each try is 3 attempts).
  const withoutCircuit = duringRequests.length * ATTEMPTS_PER_TRY;
  const circuit = inOutage <= withoutCircuit / 2;
  if (allServed && returned && circuit)
    return { verdict: 'pass', figure: `${figure} (of ${withoutCircuit} without a circuit)` };
  if (allServed && returned)
    return { verdict: 'partial', figure: `${figure} (no circuit: ${withoutCircuit} possible)` };
  const cleanOtherwise = run.seen.every((seen) => exact(seen) || clean(seen));
  return { verdict: cleanOtherwise && returned ? 'safe' : 'partial', figure };
}

export function check(run: RunFacts): Checked {
  return single(run);
}

/** The deadlines, for the report: what "within bounds" was measured against. */
export const BOUNDS = { ...LANE_DEADLINES, hangBoundMs: HANG_BOUND_MS } as const;
