/**
 * Wakes live `/events` streams when a session's log grows. It carries no events itself: the store's log is
 * the single source of truth, so a listener re-reads `eventsSince(lastSentId)` and can never miss or
 * reorder an event, whatever interleaving of writes and notifications happens. One bus per server.
 */
export type Wake = () => void;

export class SessionEventBus {
  readonly #listeners = new Map<string, Set<Wake>>();

  /** Returns the unsubscribe function. */
  subscribe(sessionId: string, wake: Wake): () => void {
    let set = this.#listeners.get(sessionId);
    if (set === undefined) {
      set = new Set();
      this.#listeners.set(sessionId, set);
    }
    set.add(wake);
    return () => {
      set.delete(wake);
      if (set.size === 0) this.#listeners.delete(sessionId);
    };
  }

  /** Call after every committed write that appended events to the session's log. */
  notify(sessionId: string): void {
    for (const wake of this.#listeners.get(sessionId) ?? []) wake();
  }

  /** Wakes every listener (shutdown: streams notice the server is closing and end). */
  notifyAll(): void {
    for (const set of this.#listeners.values()) for (const wake of set) wake();
  }
}
