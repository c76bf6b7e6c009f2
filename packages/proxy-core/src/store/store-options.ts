import { DEFAULT_EVENT_RETENTION, type EventRetention } from './event-retention.ts';

/** The model a session runs on when its first message names none. */
export const DEFAULT_SESSION_MODEL = 'mock';

/** Settings every store implementation takes. */
export interface StoreOptions {
  /** Epoch milliseconds; injected so tests control time instead of sleeping. */
  readonly now?: () => number;
  readonly eventRetention?: EventRetention;
}

export interface ResolvedStoreOptions {
  readonly now: () => number;
  readonly eventRetention: EventRetention;
}

export function resolveStoreOptions(options: StoreOptions): ResolvedStoreOptions {
  const eventRetention = options.eventRetention ?? DEFAULT_EVENT_RETENTION;
  if (!Number.isInteger(eventRetention.maxEventsPerSession) || eventRetention.maxEventsPerSession < 1) {
    throw new RangeError('eventRetention.maxEventsPerSession must be a whole number of at least 1');
  }
  if (!(eventRetention.maxEventAgeMs > 0)) {
    throw new RangeError('eventRetention.maxEventAgeMs must be greater than 0');
  }
  return { now: options.now ?? Date.now, eventRetention };
}

/** Event ids are non-negative integers; anything else is a caller bug, not an empty replay. */
export function assertEventId(afterId: number): void {
  if (!Number.isSafeInteger(afterId) || afterId < 0) {
    throw new RangeError(`event id must be a non-negative integer, got ${afterId}`);
  }
}
