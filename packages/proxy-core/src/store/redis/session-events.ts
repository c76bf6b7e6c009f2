/**
 * Cross-replica wake-ups for `/events`: every append publishes its session id (inside the COMMIT script,
 * so only committed writes are announced) and each replica relays them to its SessionEventBus. A wake-up
 * carries no event: the stream re-reads the stored log from its cursor, so a lost, late or doubled wake-up
 * never loses, reorders or repeats an event, and the switch from replay to live needs no hand-over.
 */
import type { RedisStoreClient } from './redis-client.ts';
import type { RedisKeys } from './redis-keys.ts';

/** `sessionId` undefined: wake every stream (after a reconnect, when wake-ups may have been missed). */
export type SessionWake = (sessionId: string | undefined) => void;

/** Re-wakes everything this long after a reconnect too, covering appends made while re-subscribing. */
const RESUBSCRIBE_SETTLE_MS = 250;

export async function subscribeSessionEvents(
  client: RedisStoreClient,
  keys: RedisKeys,
  wake: SessionWake,
): Promise<() => Promise<void>> {
  // Pub/sub needs a connection of its own: a subscribed connection accepts no other commands.
  const subscriber = client.duplicate();
  subscriber.on('error', () => undefined);
  let connectedOnce = false;
  subscriber.on('ready', () => {
    if (connectedOnce) {
      wake(undefined);
      setTimeout(() => wake(undefined), RESUBSCRIBE_SETTLE_MS).unref();
    }
    connectedOnce = true;
  });
  await subscriber.connect();
  await subscriber.subscribe(keys.eventsChannel, (sessionId) => wake(sessionId));
  return () => {
    subscriber.destroy();
    return Promise.resolve();
  };
}
