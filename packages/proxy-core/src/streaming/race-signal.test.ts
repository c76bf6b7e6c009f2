import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DeadlineReads } from './race-signal.ts';

function later<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((settle) => (resolve = settle));
  return { promise, resolve };
}

const timeout = (): Error => new Error('idle deadline');

describe('DeadlineReads: one timer and one abort listener for every read of a stream', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('a read slower than its limit aborts the controller with the deadline error and rejects', async () => {
    const controller = new AbortController();
    const reads = new DeadlineReads(controller);
    const read = reads.read(later<number>().promise, 100, timeout);
    const outcome = expect(read).rejects.toThrow('idle deadline');
    await vi.advanceTimersByTimeAsync(101);
    await outcome;
    expect(controller.signal.reason).toEqual(new Error('idle deadline'));
    reads.dispose();
  });

  it('each read gets the whole limit, and time spent between reads does not count', async () => {
    const controller = new AbortController();
    const reads = new DeadlineReads(controller);
    for (let i = 0; i < 5; i += 1) {
      const next = later<number>();
      const read = reads.read(next.promise, 100, timeout);
      await vi.advanceTimersByTimeAsync(90);
      next.resolve(i);
      await expect(read).resolves.toBe(i);
      await vi.advanceTimersByTimeAsync(500); // the consumer is busy (a slow client): no deadline runs
    }
    expect(controller.signal.aborted).toBe(false);
    reads.dispose();
  });

  it('an abort from elsewhere (client gone) rejects the pending read with its reason', async () => {
    const controller = new AbortController();
    const reads = new DeadlineReads(controller);
    const read = reads.read(later<number>().promise, 0, timeout);
    controller.abort(new Error('client gone'));
    await expect(read).rejects.toThrow('client gone');
    await expect(reads.read(Promise.resolve(1), 0, timeout)).rejects.toThrow('client gone');
  });

  it('a changed limit (the first-token budget shrinking) re-arms the timer at the new limit', async () => {
    const controller = new AbortController();
    const reads = new DeadlineReads(controller);
    const first = later<number>();
    const read = reads.read(first.promise, 100, timeout);
    first.resolve(1);
    await read;
    const slow = reads.read(later<number>().promise, 30, () => new Error('first token'));
    const outcome = expect(slow).rejects.toThrow('first token');
    await vi.advanceTimersByTimeAsync(31);
    await outcome;
    reads.dispose();
  });

  it('after dispose nothing fires', async () => {
    const controller = new AbortController();
    const reads = new DeadlineReads(controller);
    void reads.read(later<number>().promise, 50, timeout).catch(() => undefined);
    reads.dispose();
    await vi.advanceTimersByTimeAsync(100);
    expect(controller.signal.aborted).toBe(false);
  });
});
