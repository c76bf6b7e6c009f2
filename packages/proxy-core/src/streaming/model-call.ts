import { performance } from 'node:perf_hooks';
import type { CanonicalRequest } from '../canonical/request.ts';
import {
  isContentPart,
  isTerminalPart,
  type StreamPart,
  type StreamWarning,
} from '../canonical/stream-part.ts';
import type { Usage } from '../canonical/usage.ts';
import { ApiError } from '../http/api-error.ts';
import type { Provider, RequestMetadata } from '../providers/provider.ts';
import { ProviderError } from '../providers/provider-error.ts';
import { CONTEXT_LENGTH_EXCEEDED } from '../providers/shared/context-length.ts';
import { sleep } from '../providers/sleep.ts';
import type { SecretScrubber } from '../secrets/secret-scrubber.ts';
import { backoffDelayMs, hintTooLongToWait } from './backoff.ts';
import type { Deadlines, RetryPolicy } from './call-policy.ts';
import { clientSafeError } from './client-safe-error.ts';
import type { CircuitBreakers } from './circuit-breakers.ts';
import { DeadlineReads, withinDeadline } from './race-signal.ts';
import { ClientGoneError, DeadlineError, TRUNCATED_SPEC, toErrorSpec } from './stream-errors.ts';
import { normalisedParts } from './stream-normaliser.ts';

/** One place a request can be served: a provider, the request as encoded for it, its deadlines. */
export interface CallTarget {
  readonly provider: Provider;
  readonly request: CanonicalRequest;
  readonly deadlines: Deadlines;
  /** What the proxy changed of the client's request for this target, told in the stream's `stream-start`. */
  readonly warnings?: readonly StreamWarning[];
}

export interface ModelCallOptions extends CallTarget {
  readonly retries: RetryPolicy;
  readonly metadata: Omit<RequestMetadata, 'attempt'>;
  /** Owned by the caller, who aborts it on client disconnect or shutdown; the total deadline aborts it too. */
  readonly controller: AbortController;
  /** performance.now() when the request arrived: deadlines and time-to-first-token count from here. */
  readonly startedAt: number;
  readonly random?: () => number;
  /** Every failure leaves the call scrubbed of the plane's secrets (see client-safe-error.ts). */
  readonly scrubber: SecretScrubber;
  /**
   * Tried in order when the target before them fails before anything reached the client: 429 or 5xx after
   * that target's retries, a connect or first-token deadline, a reset, a stream cut or failed before content.
   */
  readonly fallbacks?: readonly CallTarget[];
  /** The plane's circuits: a chain skips a target whose circuit is open (circuit-breakers.ts). */
  readonly circuits?: CircuitBreakers;
  /**
   * Caller-owned stats (see {@link newCallStats}), filled in as the call goes, so a call that throws still
   * reports its attempts and tries to metrics. A fresh object when omitted.
   */
  readonly stats?: CallStats;
}

/** One target of a call as it was tried, for per-target metrics. */
export interface TargetTry {
  readonly provider: string;
  readonly model: string;
  /** Provider calls made on this target (1 + its retries; 0 when skipped). */
  attempts: number;
  /**
   * `served`: it answered; `failed_over`: given up on, the next target was tried; `failed`: the call ended with
   * its failure; `skipped`: its circuit was open.
   */
  outcome: 'served' | 'failed_over' | 'failed' | 'skipped';
}

/** What the call observed, for metrics; filled in while the events are consumed. */
export interface CallStats {
  ttftMs?: number;
  usage?: Usage;
  /** Provider calls made, over every target. */
  attempts: number;
  /** Targets given up on before the one that served (0: the primary served), skipped ones included. */
  fallbacksUsed: number;
  /** Targets a chain skipped because their circuit was open. */
  circuitsSkipped: number;
  /** Every target in the order tried (or skipped). */
  readonly tries: TargetTry[];
  outcome: 'streaming' | 'success' | 'failed' | 'client_gone';
}

export function newCallStats(): CallStats {
  return { attempts: 0, fallbacksUsed: 0, circuitsSkipped: 0, tries: [], outcome: 'streaming' };
}

export interface ModelCall {
  /**
   * Normalised (stream-normaliser.ts): `stream-start` first, parts opened before their deltas and closed once,
   * at most one part open at a time, exactly one `finish` or `error` last — unless the client went away.
   */
  readonly events: AsyncIterable<StreamPart>;
  readonly stats: CallStats;
  /** The target that answered: the primary or a fallback. Encoders and routing headers name this one. */
  readonly served: CallTarget;
}

type EventIterator = AsyncIterator<StreamPart>;

/**
 * Non-content events (start, usage) are held back while waiting for the first content, so an early failure can
 * still be retried or failed over — bounded in count and in time: a target that is slow to its first token gets
 * its stream opened (and heartbeats going) after this long rather than a silent connection.
 */
const MAX_HELD_EVENTS = 16;
const MAX_HOLD_MS = 10_000;

/** What was held back, and the read still in flight when the hold ended by time. */
interface Opening {
  readonly held: StreamPart[];
  readonly pending?: Promise<IteratorResult<StreamPart>>;
}

/** Options of one target's attempts: the target's own provider, request, deadlines and abort controller. */
type TargetCall = ModelCallOptions & {
  readonly controller: AbortController;
  /**
   * performance.now() when this target was first tried: its first-token deadline counts from here, so a
   * fallback after a silent primary gets the whole first-token deadline too (the total deadline bounds the
   * chain). For the primary it is the request's arrival.
   */
  readonly targetStartedAt: number;
};

/**
 * Starts the provider call and waits for its first content (or its end), retrying retryable failures with
 * jittered backoff and then moving to the next fallback target. Nothing has been sent to the client yet, so
 * a failure here is thrown as an ApiError with the real status. Once content is in hand, no retry or fallback
 * ever happens again: a later failure is the dialect's error event, never a spliced continuation.
 */
export async function openModelCall(options: ModelCallOptions): Promise<ModelCall> {
  const { controller, deadlines } = options;
  const totalTimer =
    deadlines.totalTimeoutMs > 0
      ? setTimeout(
          () => controller.abort(new DeadlineError('total', deadlines.totalTimeoutMs)),
          deadlines.totalTimeoutMs,
        )
      : undefined;
  const stats = options.stats ?? newCallStats();
  const targets: readonly CallTarget[] = [options, ...(options.fallbacks ?? [])];
  const { circuits } = options;
  for (const [index, target] of targets.entries()) {
    const last = index === targets.length - 1;
    const circuit = circuitKey(target);
    // An open circuit sends the chain on at once; a request's last choice is always tried.
    const state = circuits === undefined || last ? 'closed' : circuits.admit(circuit);
    const tried: TargetTry = {
      provider: target.provider.name,
      model: target.request.target.model,
      attempts: 0,
      outcome: 'failed',
    };
    stats.tries.push(tried);
    if (state === 'open') {
      stats.circuitsSkipped += 1;
      tried.outcome = 'skipped';
      continue;
    }
    // Each target gets its own controller: its deadline ends it, not the request; the request's abort ends both.
    // A probe of an open circuit is one attempt: it asks "back yet?", it does not retry a known-bad target.
    const retries = state === 'probe' ? { ...options.retries, maxRetries: 0 } : options.retries;
    const call: TargetCall = {
      ...options,
      ...target,
      retries,
      controller: linkedController(controller),
      targetStartedAt: index === 0 ? options.startedAt : performance.now(),
    };
    try {
      const { opening, iterator } = await firstContentWithRetries(call, stats, tried);
      tried.outcome = 'served';
      if (targets.length > 1) circuits?.record(circuit, true);
      stats.fallbacksUsed = index;
      // Every consumer gets one part at a time, whatever order the upstream interleaved them in.
      const events = normalisedParts(guardedEvents(opening, iterator, call, stats, totalTimer), {
        warnings: target.warnings ?? [],
        sequential: true,
      });
      return { events, stats, served: target };
    } catch (error) {
      const reason = reasonOf(error, call.controller.signal);
      const failsOver = !controller.signal.aborted && canFailOver(reason);
      // A prompt too long for this target says nothing about its health: its circuit does not count it.
      const targetFault = !(reason instanceof ProviderError && reason.code === CONTEXT_LENGTH_EXCEEDED);
      if (failsOver && targetFault && targets.length > 1) circuits?.record(circuit, false);
      if (!last && failsOver) {
        tried.outcome = 'failed_over';
        continue;
      }
      clearTimeout(totalTimer);
      stats.outcome = 'failed';
      throw asApiError(reason, call);
    }
  }
  throw new Error('unreachable: a model call has at least one target');
}

/** A target's circuit: its provider and upstream model. */
function circuitKey(target: CallTarget): string {
  return `${target.provider.name}/${target.request.target.model}`;
}

/** A controller aborted whenever `parent` is (with its reason), and also on its own. */
function linkedController(parent: AbortController): AbortController {
  const child = new AbortController();
  if (parent.signal.aborted) child.abort(parent.signal.reason);
  else parent.signal.addEventListener('abort', () => child.abort(parent.signal.reason), { once: true });
  return child;
}

function reasonOf(error: unknown, signal: AbortSignal): unknown {
  return signal.aborted ? signal.reason : error;
}

/**
 * A failure another target may not share: overload, rate limit, server faults, a silent or slow target, and a
 * prompt too long for this target's context window (the next may be larger: S12).
 */
function canFailOver(reason: unknown): boolean {
  if (reason instanceof ProviderError)
    return reason.status === 429 || reason.status >= 500 || reason.code === CONTEXT_LENGTH_EXCEEDED;
  if (reason instanceof DeadlineError) return reason.kind === 'connect' || reason.kind === 'first_token';
  return false;
}

async function firstContentWithRetries(
  call: TargetCall,
  stats: CallStats,
  tried: TargetTry,
): Promise<{ opening: Opening; iterator: EventIterator }> {
  const { provider, request, controller, deadlines, retries } = call;
  for (let attempt = 1; ; attempt += 1) {
    stats.attempts += 1;
    tried.attempts += 1;
    try {
      let connected!: () => void;
      const headersIn = new Promise<void>((resolve) => (connected = resolve));
      const events = provider.stream(request, {
        signal: controller.signal,
        metadata: { ...call.metadata, attempt },
        onConnected: () => connected(),
      });
      const iterator = events[Symbol.asyncIterator]();
      const firstEvent = iterator.next();
      // The connect deadline covers connecting (TCP and TLS; see StreamOptions.onConnected) or a first event,
      // whichever is first; the wait for the answer after that — headers an upstream may hold until a
      // non-streamed generation is done, then the body — is judged by the first-token deadline.
      await withinDeadline(
        Promise.race([headersIn, firstEvent]),
        controller,
        deadlines.connectTimeoutMs,
        () => new DeadlineError('connect', deadlines.connectTimeoutMs),
      );
      return { opening: await heldUntilContent(firstEvent, iterator, call), iterator };
    } catch (error) {
      const retryable =
        error instanceof ProviderError &&
        error.retryable &&
        !controller.signal.aborted &&
        !hintTooLongToWait(error.retryAfterMs);
      if (!retryable || attempt > retries.maxRetries) throw error;
      const delay = backoffDelayMs(attempt, retries, error.retryAfterMs, call.random);
      // A wait the request's deadlines cannot hold is not waited: the client gets the error and its hint now.
      if (delay >= remainingBudgetMs(deadlines, call)) throw error;
      await sleep(delay, controller.signal);
    }
  }
}

/**
 * The events up to and including the first content event or the end, under the first-token deadline. An
 * `error` event or a stream that ends before any content is thrown, so it is retried or failed over like a
 * failure before the headers: nothing of it has reached the client.
 */
async function heldUntilContent(
  firstEvent: Promise<IteratorResult<StreamPart>>,
  iterator: EventIterator,
  call: TargetCall,
): Promise<Opening> {
  const { controller, deadlines, targetStartedAt } = call;
  const held: StreamPart[] = [];
  const holdEnds = performance.now() + MAX_HOLD_MS;
  let next = firstEvent;
  for (;;) {
    const read = withinDeadline(
      next,
      controller,
      firstTokenBudget(deadlines.firstTokenTimeoutMs, targetStartedAt),
      () => new DeadlineError('first_token', deadlines.firstTokenTimeoutMs),
    );
    const result = held.length === 0 ? await read : await beforeHoldEnds(read, holdEnds);
    if (result === 'hold-ended') return { held, pending: next };
    if (result.done === true) throw new ProviderError(TRUNCATED_SPEC);
    const event = result.value;
    if (event.type === 'error') throw new ProviderError(event.error);
    held.push(event);
    if (isContentPart(event) || isTerminalPart(event) || held.length >= MAX_HELD_EVENTS) return { held };
    next = iterator.next();
  }
}

/** `read`, or 'hold-ended' if it is still pending when the hold runs out (the read stays in flight). */
async function beforeHoldEnds<T>(read: Promise<T>, holdEnds: number): Promise<T | 'hold-ended'> {
  let timer: NodeJS.Timeout | undefined;
  const ended = new Promise<'hold-ended'>((resolve) => {
    timer = setTimeout(() => resolve('hold-ended'), Math.max(0, holdEnds - performance.now()));
  });
  try {
    return await Promise.race([read, ended]);
  } finally {
    clearTimeout(timer);
  }
}

/** Time left before the first-token or total deadline fires, whichever is sooner (Infinity when both are off). */
function remainingBudgetMs(deadlines: Deadlines, call: TargetCall): number {
  const now = performance.now();
  const left = [
    deadlines.firstTokenTimeoutMs > 0
      ? deadlines.firstTokenTimeoutMs - (now - call.targetStartedAt)
      : Infinity,
    deadlines.totalTimeoutMs > 0 ? deadlines.totalTimeoutMs - (now - call.startedAt) : Infinity,
  ];
  return Math.min(...left);
}

function asApiError(reason: unknown, call: TargetCall): Error {
  if (reason instanceof ClientGoneError) return reason;
  const spec = toErrorSpec(reason);
  const safe = clientSafeError(spec, call.provider.name, call.scrubber);
  return reason instanceof ApiError && safe === spec ? reason : new ApiError(safe);
}

/** The event as a client may see it: error events pass {@link clientSafeError}. */
function safeEvent(event: StreamPart, call: TargetCall): StreamPart {
  if (event.type !== 'error') return event;
  const error = clientSafeError(event.error, call.provider.name, call.scrubber);
  return error === event.error ? event : { ...event, error };
}

/**
 * Relays provider events, enforcing the first-token and idle deadlines, and turns every way a stream
 * can go wrong (deadline, thrown error, silent end) into one terminal `error` event.
 */
async function* guardedEvents(
  opening: Opening,
  iterator: EventIterator,
  call: TargetCall,
  stats: CallStats,
  totalTimer: NodeJS.Timeout | undefined,
): AsyncGenerator<StreamPart> {
  const { controller, deadlines, startedAt, targetStartedAt } = call;
  const buffered = [...opening.held];
  // A read the hold left in flight is the next one; calling iterator.next() again would skip its event.
  let inFlight = opening.pending;
  let finished = false;
  const reads = new DeadlineReads(controller);
  // Made once, not per event: this loop runs for every frame of every stream.
  const firstTokenMissed = (): Error => new DeadlineError('first_token', deadlines.firstTokenTimeoutMs);
  const wentIdle = (): Error => new DeadlineError('idle', deadlines.idleTimeoutMs);
  try {
    for (;;) {
      let event: StreamPart;
      const held = buffered.shift();
      if (held !== undefined) {
        event = held;
      } else {
        const waitingForFirstToken = stats.ttftMs === undefined;
        const limit = waitingForFirstToken
          ? firstTokenBudget(deadlines.firstTokenTimeoutMs, targetStartedAt)
          : deadlines.idleTimeoutMs;
        const read = inFlight ?? iterator.next();
        inFlight = undefined;
        const next = await reads.read(read, limit, waitingForFirstToken ? firstTokenMissed : wentIdle);
        event = next.done === true ? { type: 'error', error: TRUNCATED_SPEC } : next.value;
      }
      event = safeEvent(event, call);
      observe(event, stats, startedAt);
      yield event;
      if (isTerminalPart(event)) {
        finished = true;
        return;
      }
    }
  } catch (error) {
    const reason = reasonOf(error, controller.signal);
    if (reason instanceof ClientGoneError) {
      stats.outcome = 'client_gone';
      return;
    }
    finished = true;
    stats.outcome = 'failed';
    yield safeEvent({ type: 'error', error: toErrorSpec(reason) }, call);
  } finally {
    reads.dispose();
    clearTimeout(totalTimer);
    // The consumer stopped early (client gone): make sure the upstream call stops too.
    if (!finished && !controller.signal.aborted) {
      stats.outcome = 'client_gone';
      controller.abort(new ClientGoneError());
    }
  }
}

function firstTokenBudget(timeoutMs: number, startedAt: number): number {
  if (timeoutMs <= 0) return 0;
  return Math.max(1, timeoutMs - (performance.now() - startedAt));
}

function observe(event: StreamPart, stats: CallStats, startedAt: number): void {
  if (stats.ttftMs === undefined && isContentPart(event)) stats.ttftMs = performance.now() - startedAt;
  if (event.type === 'usage' || event.type === 'finish') stats.usage = event.usage;
  if (event.type === 'finish') stats.outcome = 'success';
  if (event.type === 'error') stats.outcome = 'failed';
}
