import { describe, expect, it } from 'vitest';
import { deltaText } from '../upstream/frames.ts';
import { StreamTracker, summarise } from './stream-tracker.ts';

function feed(tracker: StreamTracker, seqs: readonly number[], every = 20): void {
  seqs.forEach((seq, index) => tracker.delta(`data: {"content":"${deltaText(seq)}"}`, 5 + index * every));
}

describe('content-checked stream tracking', () => {
  it('times the first delta and every gap, and counts a complete stream as clean', () => {
    const tracker = new StreamTracker(4, 0);
    feed(tracker, [0, 1, 2, 3]);
    tracker.complete();
    const outcome = tracker.outcome();
    expect(outcome.ttftMs).toBe(5);
    expect(outcome.gapsMs).toEqual([20, 20, 20]);
    expect(outcome).toMatchObject({ received: 4, lost: 0, duplicated: 0, outOfOrder: 0, completed: true });
  });

  it('tells lost, duplicated and reordered frames apart by their sequence tokens', () => {
    const tracker = new StreamTracker(5, 0);
    feed(tracker, [0, 2, 1, 1]);
    tracker.complete();
    expect(tracker.outcome()).toMatchObject({ received: 3, lost: 2, duplicated: 1, outOfOrder: 2 });
  });

  it('counts every token of a delta the proxy merged from two upstream frames', () => {
    const tracker = new StreamTracker(2, 0);
    tracker.delta(`${deltaText(0)}${deltaText(1)}`, 1);
    expect(tracker.outcome()).toMatchObject({ received: 2, lost: 0 });
  });

  it('summarises stalls, errors and frames missing from failed streams separately', () => {
    const stalled = new StreamTracker(3, 0);
    feed(stalled, [0, 1, 2], 250);
    stalled.complete();
    const cut = new StreamTracker(3, 0);
    feed(cut, [0]);
    cut.fail('still open after 100 ms');
    const summary = summarise([stalled.outcome(), cut.outcome()], 200);
    expect(summary).toMatchObject({
      streams: 2,
      completed: 1,
      errors: 1,
      stalledStreams: 1,
      lostFrames: 0,
      missingOnFailed: 2,
      firstErrors: ['still open after 100 ms'],
    });
  });
});
