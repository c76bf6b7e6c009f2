/**
 * The few Redis commands the store uses, with one translation: a failure because Redis cannot be reached
 * (offline, connection closed or timed out, still loading its data after a restart) becomes the StoreError
 * `store_unavailable`, which the server answers as 503 with Retry-After. Anything else (a bug, a Lua error)
 * propagates unchanged. A write that fails this way was not applied: each write is one script, and a script
 * either ran whole or not at all.
 */
import {
  ClientClosedError,
  ClientOfflineError,
  ConnectionTimeoutError,
  DisconnectsClientError,
  ErrorReply,
  ReconnectStrategyError,
  SocketClosedUnexpectedlyError,
  SocketTimeoutError,
} from '@redis/client';
import { storeUnavailable } from '../errors.ts';
import type { RedisStoreClient } from './redis-client.ts';

const CONNECTION_ERRORS = [
  ClientClosedError,
  ClientOfflineError,
  ConnectionTimeoutError,
  DisconnectsClientError,
  ReconnectStrategyError,
  SocketClosedUnexpectedlyError,
  SocketTimeoutError,
];

export function isUnavailable(error: unknown): error is Error {
  if (CONNECTION_ERRORS.some((kind) => error instanceof kind)) return true;
  // A restarted Redis answers LOADING until its data is back in memory.
  return error instanceof ErrorReply && error.message.startsWith('LOADING');
}

async function guard<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    throw isUnavailable(error) ? storeUnavailable(error.message) : error;
  }
}

export class GuardedRedis {
  readonly client: RedisStoreClient;

  constructor(client: RedisStoreClient) {
    this.client = client;
  }

  sendCommand(args: string[]): Promise<unknown> {
    return guard(this.client.sendCommand(args));
  }
  hGetAll(key: string): Promise<Record<string, string>> {
    return guard(this.client.hGetAll(key));
  }
  get(key: string): Promise<string | null> {
    return guard(this.client.get(key));
  }
  lRange(key: string, start: number, stop: number): Promise<string[]> {
    return guard(this.client.lRange(key, start, stop));
  }
  sMembers(key: string): Promise<string[]> {
    return guard(this.client.sMembers(key));
  }
  setWithExpiry(key: string, value: string, ttlMs: number): Promise<unknown> {
    return guard(this.client.set(key, value, { PX: ttlMs }));
  }
  del(key: string): Promise<number> {
    return guard(this.client.del(key));
  }
}
