/**
 * Content-checked bookkeeping for one paced stream: every delta the lean upstream sends carries a sequence
 * token `#<n>;` (0-based), so the client can tell a lost frame from a late one and spot duplicates or
 * reordering, whatever the proxy does to the framing (it may split or merge deltas).
 */
import { percentiles, type Percentiles } from '../stats.ts';

const TOKEN = /#(\d+);/g;

export interface StreamOutcome {
  /** Request start → first delta, ms. */
  readonly ttftMs: number | undefined;
  /** Every gap between consecutive delta arrivals, ms. */
  readonly gapsMs: readonly number[];
  readonly received: number;
  readonly lost: number;
  readonly duplicated: number;
  readonly outOfOrder: number;
  /** The stream reached its terminal event (stream end / `response.completed`). */
  readonly completed: boolean;
  readonly error: string | undefined;
}

export class StreamTracker {
  readonly #expected: number;
  readonly #startedAt: number;
  readonly #seen = new Set<number>();
  readonly #gaps: number[] = [];
  #firstAt: number | undefined;
  #lastAt: number | undefined;
  #last = -1;
  #duplicated = 0;
  #outOfOrder = 0;
  #completed = false;
  #error: string | undefined;

  constructor(expectedDeltas: number, startedAt: number) {
    this.#expected = expectedDeltas;
    this.#startedAt = startedAt;
  }

  /** One delta's text as it arrived at `now` (ms, monotonic clock). */
  delta(text: string, now: number): void {
    let tokens = 0;
    for (const match of text.matchAll(TOKEN)) {
      tokens += 1;
      const seq = Number(match[1]);
      if (this.#seen.has(seq)) this.#duplicated += 1;
      else this.#seen.add(seq);
      if (seq < this.#last) this.#outOfOrder += 1;
      this.#last = Math.max(this.#last, seq);
    }
    if (tokens === 0) return;
    if (this.#firstAt === undefined) this.#firstAt = now;
    if (this.#lastAt !== undefined) this.#gaps.push(now - this.#lastAt);
    this.#lastAt = now;
  }

  complete(): void {
    this.#completed = true;
  }

  fail(message: string): void {
    this.#error ??= message;
  }

  outcome(): StreamOutcome {
    return {
      ttftMs: this.#firstAt === undefined ? undefined : this.#firstAt - this.#startedAt,
      gapsMs: this.#gaps,
      received: this.#seen.size,
      lost: this.#expected - this.#seen.size,
      duplicated: this.#duplicated,
      outOfOrder: this.#outOfOrder,
      completed: this.#completed,
      error: this.#error,
    };
  }
}

/** What one fan-out run reports: per-stream TTFT and every inter-frame gap, pooled over its streams. */
export interface FanoutSummary {
  readonly streams: number;
  readonly completed: number;
  readonly errors: number;
  readonly ttftMs: Percentiles;
  readonly gapMs: Percentiles;
  /** Frames never received by streams that completed (a truncation presented as success). */
  readonly lostFrames: number;
  /** Frames missing from streams that ended in an error or timed out. */
  readonly missingOnFailed: number;
  readonly duplicatedFrames: number;
  readonly outOfOrderFrames: number;
  /** Streams with at least one gap above the stall bound. */
  readonly stalledStreams: number;
  readonly firstErrors: readonly string[];
}

export function summarise(outcomes: readonly StreamOutcome[], stallMs: number): FanoutSummary {
  const ttfts = outcomes.flatMap((o) => (o.ttftMs === undefined ? [] : [o.ttftMs]));
  const gaps = outcomes.flatMap((o) => o.gapsMs);
  const failed = outcomes.filter((o) => !o.completed || o.error !== undefined);
  const ok = outcomes.filter((o) => o.completed && o.error === undefined);
  return {
    streams: outcomes.length,
    completed: ok.length,
    errors: failed.length,
    ttftMs: percentiles(ttfts),
    gapMs: percentiles(gaps),
    lostFrames: ok.reduce((sum, o) => sum + Math.max(0, o.lost), 0),
    missingOnFailed: failed.reduce((sum, o) => sum + Math.max(0, o.lost), 0),
    duplicatedFrames: outcomes.reduce((sum, o) => sum + o.duplicated, 0),
    outOfOrderFrames: outcomes.reduce((sum, o) => sum + o.outOfOrder, 0),
    stalledStreams: outcomes.filter((o) => o.gapsMs.some((gap) => gap > stallMs)).length,
    firstErrors: [...new Set(failed.map((o) => o.error ?? 'ended before its terminal event'))].slice(0, 3),
  };
}
