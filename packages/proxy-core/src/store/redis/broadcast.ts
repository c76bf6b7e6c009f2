/**
 * A topic every replica on one Redis hears (pub/sub on `<prefix>broadcast:<topic>`): messages are JSON, each
 * tagged with the sending replica so a replica never hears itself. Used for routing state the model plane
 * shares (key cooldowns). Best effort by design: a message published while a replica is disconnected is not
 * replayed to it, which for a cooldown means that replica learns it from its own next failure.
 */
import type { RedisStoreClient } from './redis-client.ts';
import type { RedisKeys } from './redis-keys.ts';

export interface Broadcast {
  publish(message: unknown): void;
  close(): Promise<void>;
}

export async function openBroadcast(
  client: RedisStoreClient,
  keys: RedisKeys,
  replicaId: string,
  topic: string,
  receive: (message: unknown) => void,
): Promise<Broadcast> {
  const channel = keys.broadcast(topic);
  // A subscribed connection accepts no other commands: listen on a connection of its own.
  const subscriber = client.duplicate();
  subscriber.on('error', () => undefined);
  await subscriber.connect();
  await subscriber.subscribe(channel, (raw) => {
    try {
      const { from, message } = JSON.parse(raw) as { from?: unknown; message?: unknown };
      if (from !== replicaId) receive(message);
    } catch {
      // Not ours (or not JSON): ignore rather than let a stranger on the channel crash the replica.
    }
  });
  return {
    publish(message) {
      // Fire and forget: while Redis is down the announcement is lost, never queued or thrown into the caller.
      client.publish(channel, JSON.stringify({ from: replicaId, message })).catch(() => undefined);
    },
    close() {
      subscriber.destroy();
      return Promise.resolve();
    },
  };
}
