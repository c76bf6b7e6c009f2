/**
 * Runs synchronous store work and hands back a promise: a throw becomes a rejection (the Promise executor
 * catches it), so callers see the same behaviour as from an asynchronous (e.g. Redis) store, never a
 * synchronous throw from an async API. The work itself still runs to completion before this returns.
 */
export function settle<T>(work: () => T): Promise<T> {
  return new Promise<T>((resolve) => resolve(work()));
}
