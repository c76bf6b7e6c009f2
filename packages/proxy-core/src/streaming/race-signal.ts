/**
 * Settles with `promise`, or rejects with the signal's reason as soon as it aborts, so a provider that
 * ignores its signal still cannot hold a request past a deadline or a disconnect.
 */
export function raceSignal<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

/** Like raceSignal, but also aborts `controller` with `onTimeout()` after `ms` (0 = no limit). */
export async function withinDeadline<T>(
  promise: Promise<T>,
  controller: AbortController,
  ms: number,
  onTimeout: () => Error,
): Promise<T> {
  if (ms <= 0) return raceSignal(promise, controller.signal);
  const timer = setTimeout(() => controller.abort(onTimeout()), ms);
  try {
    return await raceSignal(promise, controller.signal);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * {@link withinDeadline} for every read of one stream, with one abort listener and one timer for the whole
 * stream instead of a listener, a timer and their removal per event: on a fan-out of thousands of streams the
 * per-event version showed up in CPU profiles (EventTarget bookkeeping and timer churn). Semantics per read are
 * the same: the read rejects with the signal's reason once it aborts, and `controller` is aborted with
 * `onTimeout()` when the read takes longer than `ms` (0 = no limit). Time between reads does not count.
 */
export class DeadlineReads {
  readonly #controller: AbortController;
  #timer: NodeJS.Timeout | undefined;
  #timerMs = 0;
  #onTimeout: () => Error = () => new Error('deadline');
  #rejectPending: ((error: Error) => void) | undefined;

  constructor(controller: AbortController) {
    this.#controller = controller;
    controller.signal.addEventListener('abort', this.#onAbort, { once: true });
  }

  read<T>(promise: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
    const { signal } = this.#controller;
    if (signal.aborted) return Promise.reject(signal.reason as Error);
    this.#onTimeout = onTimeout;
    this.#arm(ms);
    return new Promise<T>((resolve, reject) => {
      this.#rejectPending = reject;
      const settled = (): void => {
        if (this.#rejectPending === reject) this.#rejectPending = undefined;
      };
      promise.then(
        (value) => {
          settled();
          resolve(value);
        },
        (error: unknown) => {
          settled();
          reject(error instanceof Error ? error : new Error(String(error)));
        },
      );
    });
  }

  dispose(): void {
    clearTimeout(this.#timer);
    this.#controller.signal.removeEventListener('abort', this.#onAbort);
  }

  readonly #onAbort = (): void => this.#rejectPending?.(this.#controller.signal.reason as Error);

  /** Fires only during a read: a timer that runs out between reads is re-armed by the next one. */
  readonly #onTimer = (): void => {
    if (this.#rejectPending !== undefined) this.#controller.abort(this.#onTimeout());
  };

  #arm(ms: number): void {
    if (ms > 0 && this.#timer !== undefined && this.#timerMs === ms) {
      this.#timer.refresh();
      return;
    }
    clearTimeout(this.#timer);
    this.#timer = ms > 0 ? setTimeout(this.#onTimer, ms) : undefined;
    this.#timerMs = ms;
  }
}
