import { afterEach, describe, expect, it } from 'vitest';
import { MemoryStore } from '../store/memory-store.ts';
import {
  eventually,
  postJson,
  readSse,
  settled,
  startControlPlaneServer,
  type ControlPlaneTestServer,
} from './testing/control-plane-server.ts';

/** A store that remembers what each housekeeping pass removed, so the test sees the timers at work. */
class RecordingStore extends MemoryStore {
  readonly swept: number[] = [];
  readonly pruned: number[] = [];

  override async sweepIdempotencyKeys(now: number): Promise<number> {
    const deleted = await super.sweepIdempotencyKeys(now);
    this.swept.push(deleted);
    return deleted;
  }

  override async pruneEvents(now?: number): Promise<number> {
    const deleted = await super.pruneEvents(now);
    this.pruned.push(deleted);
    return deleted;
  }
}

let running: ControlPlaneTestServer | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

const sum = (values: readonly number[]): number => values.reduce((total, value) => total + value, 0);

describe('control-plane housekeeping on its own timers', () => {
  it('sweeps expired idempotency records and prunes events past their age, then says replay_window_exceeded', async () => {
    let store: RecordingStore | undefined;
    running = await startControlPlaneServer(
      {
        controlPlane: {
          idempotency: { retentionMs: 40, sweepIntervalMs: 10 },
          events: { maxAgeMs: 40, pruneIntervalMs: 10 },
        },
      },
      ({ eventRetention }) => (store = new RecordingStore({ eventRetention })),
    );
    const { url } = running;
    const posted = await postJson(
      `${url}/message`,
      { message: 'keep me briefly' },
      { 'idempotency-key': 'k-1' },
    );
    expect(posted.status).toBe(202);
    const sessionId = posted.body['session_id'] as string;
    await settled(url, sessionId);

    // The sweep deleted the expired record and the pruner the aged events: nobody called them but the timers.
    await eventually(
      () => Promise.resolve({ swept: sum(store?.swept ?? []), pruned: sum(store?.pruned ?? []) }),
      ({ swept, pruned }) => swept >= 1 && pruned >= 1,
    );
    await eventually(
      async () => (await running!.store.eventsSince(sessionId, 0)).events.length,
      (left) => left === 0,
    );

    // A client reconnecting from event 1 learns that what it missed is gone, instead of a silent gap.
    const { frames } = await readSse(
      `${url}/events?session_id=${sessionId}`,
      { 'last-event-id': '1' },
      (seen) => seen.length > 0,
    );
    expect(frames[0]?.event).toBe('replay_window_exceeded');
    // The key is free again: the same key with another body is a new request, not a 422.
    const again = await postJson(
      `${url}/message`,
      { session_id: sessionId, message: 'a different body' },
      { 'idempotency-key': 'k-1' },
    );
    expect(again.status).toBe(202);
  });
});
