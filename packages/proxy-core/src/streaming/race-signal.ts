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
