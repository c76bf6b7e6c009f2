/**
 * Routing state shared between replicas (key cooldowns, circuits): the part of the model plane that learns
 * something announces it here, and applies what other replicas announced. The relay only carries messages; a
 * shared store (Redis pub/sub) connects it to the other replicas. Unconnected, it is a no-op and every replica
 * keeps its own state.
 */
export class Relay<T> {
  readonly #listeners = new Set<(message: T) => void>();
  #outbox: ((message: T) => void) | undefined;

  /** Something changed here: tell the other replicas (when connected). */
  announce(message: T): void {
    this.#outbox?.(message);
  }

  /** Applies other replicas' announcements. */
  listen(apply: (message: T) => void): void {
    this.#listeners.add(apply);
  }

  /** Connects the relay to the other replicas: `send` carries announcements out. */
  connect(send: (message: T) => void): void {
    this.#outbox = send;
  }

  disconnect(): void {
    this.#outbox = undefined;
  }

  /** Another replica's announcement arrived. */
  receive(message: T): void {
    for (const apply of this.#listeners) apply(message);
  }
}
