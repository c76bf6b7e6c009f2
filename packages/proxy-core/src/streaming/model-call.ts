import { performance } from 'node:perf_hooks';
import type { CanonicalRequest } from '../canonical/request.ts';
import { isContent, isTerminal, type CanonicalStreamEvent } from '../canonical/stream-event.ts';
import type { Usage } from '../canonical/usage.ts';
import { ApiError } from '../http/api-error.ts';
import type { Deadlines, RetriesConfig } from '../model-plane/config-schema.ts';
import type { Provider, RequestMetadata } from '../providers/provider.ts';
import { ProviderError } from '../providers/provider-error.ts';
import { sleep } from '../providers/sleep.ts';
import type { SecretScrubber } from '../secrets/secret-scrubber.ts';
import { backoffDelayMs, hintTooLongToWait } from './backoff.ts';
import { clientSafeError } from './client-safe-error.ts';
import { withinDeadline } from './race-signal.ts';
import { ClientGoneError, DeadlineError, TRUNCATED_SPEC, toErrorSpec } from './stream-errors.ts';

export interface ModelCallOptions {
  readonly provider: Provider;
  readonly request: CanonicalRequest;
  readonly deadlines: Deadlines;
  readonly retries: RetriesConfig;
  readonly metadata: Omit<RequestMetadata, 'attempt'>;
  /** Owned by the caller, who aborts it on client disconnect or shutdown; deadlines abort it too. */
  readonly controller: AbortController;
  /** performance.now() when the request arrived: deadlines and time-to-first-token count from here. */
  readonly startedAt: number;
  readonly random?: () => number;
  /** Every failure leaves the call scrubbed of the plane's secrets (see client-safe-error.ts). */
  readonly scrubber: SecretScrubber;
}

/** What the call observed, for metrics; filled in while the events are consumed. */
export interface CallStats {
  ttftMs?: number;
  usage?: Usage;
  attempts: number;
  outcome: 'streaming' | 'success' | 'failed' | 'client_gone';
}

export interface ModelCall {
  /** Always well formed: ends with exactly one `finish` or `error`, unless the client went away. */
  readonly events: AsyncIterable<CanonicalStreamEvent>;
  readonly stats: CallStats;
}

type EventIterator = AsyncIterator<CanonicalStreamEvent>;

/**
 * Starts the provider call and waits for its first event, retrying retryable failures with jittered
 * backoff. Nothing has been sent to the client yet, so a failure here is thrown as an ApiError with the
 * real status. Once the first event is in hand, no retry ever happens again.
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
  const stats: CallStats = { attempts: 0, outcome: 'streaming' };
  try {
    const { first, iterator } = await firstEventWithRetries(options, stats);
    return { events: guardedEvents(first, iterator, options, stats, totalTimer), stats };
  } catch (error) {
    clearTimeout(totalTimer);
    stats.outcome = 'failed';
    throw asApiError(error, options);
  }
}

async function firstEventWithRetries(
  options: ModelCallOptions,
  stats: CallStats,
): Promise<{ first: CanonicalStreamEvent; iterator: EventIterator }> {
  const { provider, request, controller, deadlines, retries } = options;
  for (let attempt = 1; ; attempt += 1) {
    stats.attempts = attempt;
    try {
      let connected!: () => void;
      const headersIn = new Promise<void>((resolve) => (connected = resolve));
      const events = provider.stream(request, {
        signal: controller.signal,
        metadata: { ...options.metadata, attempt },
        onConnected: () => connected(),
      });
      const iterator = events[Symbol.asyncIterator]();
      const firstEvent = iterator.next();
      // The connect deadline covers the wait for response headers (or a first event, whichever is first);
      // a body that is slow to come after them (a non-streamed generation) is judged as a first token.
      await withinDeadline(
        Promise.race([headersIn, firstEvent]),
        controller,
        deadlines.connectTimeoutMs,
        () => new DeadlineError('connect', deadlines.connectTimeoutMs),
      );
      const first = await withinDeadline(
        firstEvent,
        controller,
        firstTokenBudget(deadlines.firstTokenTimeoutMs, options.startedAt),
        () => new DeadlineError('first_token', deadlines.firstTokenTimeoutMs),
      );
      if (first.done === true) throw new ProviderError(TRUNCATED_SPEC);
      return { first: first.value, iterator };
    } catch (error) {
      const retryable =
        error instanceof ProviderError &&
        error.retryable &&
        !controller.signal.aborted &&
        !hintTooLongToWait(error.retryAfterMs);
      if (!retryable || attempt > retries.maxRetries) throw error;
      const delay = backoffDelayMs(attempt, retries, error.retryAfterMs, options.random);
      // A wait the request's deadlines cannot hold is not waited: the client gets the error and its hint now.
      if (delay >= remainingBudgetMs(deadlines, options.startedAt)) throw error;
      await sleep(delay, controller.signal);
    }
  }
}

function asApiError(error: unknown, options: ModelCallOptions): Error {
  const { signal } = options.controller;
  const reason: unknown = signal.aborted ? signal.reason : error;
  if (reason instanceof ClientGoneError) return reason;
  const spec = toErrorSpec(reason);
  const safe = clientSafeError(spec, options.provider.name, options.scrubber);
  return reason instanceof ApiError && safe === spec ? reason : new ApiError(safe);
}

/** The event as a client may see it: error events pass {@link clientSafeError}. */
function safeEvent(event: CanonicalStreamEvent, options: ModelCallOptions): CanonicalStreamEvent {
  if (event.type !== 'error') return event;
  const error = clientSafeError(event.error, options.provider.name, options.scrubber);
  return error === event.error ? event : { ...event, error };
}

/**
 * Relays provider events, enforcing the first-token and idle deadlines, and turns every way a stream
 * can go wrong (deadline, thrown error, silent end) into one terminal `error` event.
 */
async function* guardedEvents(
  first: CanonicalStreamEvent,
  iterator: EventIterator,
  options: ModelCallOptions,
  stats: CallStats,
  totalTimer: NodeJS.Timeout | undefined,
): AsyncGenerator<CanonicalStreamEvent> {
  const { controller, deadlines, startedAt } = options;
  let event = first;
  let finished = false;
  try {
    for (;;) {
      event = safeEvent(event, options);
      observe(event, stats, startedAt);
      if (isTerminal(event)) {
        finished = true;
        yield event;
        return;
      }
      yield event;
      const waitingForFirstToken = stats.ttftMs === undefined;
      const limit = waitingForFirstToken
        ? firstTokenBudget(deadlines.firstTokenTimeoutMs, startedAt)
        : deadlines.idleTimeoutMs;
      const next = await withinDeadline(iterator.next(), controller, limit, () =>
        waitingForFirstToken
          ? new DeadlineError('first_token', deadlines.firstTokenTimeoutMs)
          : new DeadlineError('idle', deadlines.idleTimeoutMs),
      );
      event = next.done === true ? { type: 'error', error: TRUNCATED_SPEC } : next.value;
    }
  } catch (error) {
    const reason: unknown = controller.signal.aborted ? controller.signal.reason : error;
    if (reason instanceof ClientGoneError) {
      stats.outcome = 'client_gone';
      return;
    }
    finished = true;
    stats.outcome = 'failed';
    yield safeEvent({ type: 'error', error: toErrorSpec(reason) }, options);
  } finally {
    clearTimeout(totalTimer);
    // The consumer stopped early (client gone): make sure the upstream call stops too.
    if (!finished && !controller.signal.aborted) {
      stats.outcome = 'client_gone';
      controller.abort(new ClientGoneError());
    }
  }
}

/** Time left before the first-token or total deadline fires, whichever is sooner (Infinity when both are off). */
function remainingBudgetMs(deadlines: Deadlines, startedAt: number): number {
  const elapsed = performance.now() - startedAt;
  const limits = [deadlines.firstTokenTimeoutMs, deadlines.totalTimeoutMs].filter((limit) => limit > 0);
  return limits.length === 0 ? Infinity : Math.min(...limits) - elapsed;
}

function firstTokenBudget(timeoutMs: number, startedAt: number): number {
  if (timeoutMs <= 0) return 0;
  return Math.max(1, timeoutMs - (performance.now() - startedAt));
}

function observe(event: CanonicalStreamEvent, stats: CallStats, startedAt: number): void {
  if (stats.ttftMs === undefined && isContent(event)) stats.ttftMs = performance.now() - startedAt;
  if (event.type === 'usage' || event.type === 'finish') stats.usage = event.usage;
  if (event.type === 'finish') stats.outcome = 'success';
  if (event.type === 'error') stats.outcome = 'failed';
}
