/**
 * How much of each session's event log is kept for replay (`Last-Event-ID`, `?since=`). The count limit is
 * applied on every append, so a log can never grow without bound between sweeps; the age limit is applied by
 * `pruneEvents`, which the server runs periodically.
 */
export interface EventRetention {
  /** Events kept per session (the newest ones). */
  readonly maxEventsPerSession: number;
  /** Events older than this are pruned. */
  readonly maxEventAgeMs: number;
}

export const DEFAULT_EVENT_RETENTION: EventRetention = {
  maxEventsPerSession: 1_000,
  maxEventAgeMs: 24 * 60 * 60 * 1_000,
};

/** The highest event id the count limit allows to be deleted after appending `lastEventId` (0: none). */
export function countPruneThrough(lastEventId: number, retention: EventRetention): number {
  return Math.max(0, lastEventId - retention.maxEventsPerSession);
}
