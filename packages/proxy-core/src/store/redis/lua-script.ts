/**
 * One Lua script run by its SHA-1 (EVALSHA), loaded with EVAL the first time a server has not seen it (after
 * a Redis restart its script cache is empty). A script runs atomically: no other command, from this replica or
 * another, executes between its first and last step — the property every RedisStore write relies on.
 */
import { createHash } from 'node:crypto';
import type { GuardedRedis } from './guarded-redis.ts';

export class LuaScript {
  readonly #source: string;
  readonly #sha: string;

  constructor(source: string) {
    this.#source = source;
    this.#sha = createHash('sha1').update(source).digest('hex');
  }

  async run(client: GuardedRedis, keys: readonly string[], args: readonly string[]): Promise<unknown> {
    const tail = [String(keys.length), ...keys, ...args];
    try {
      return await client.sendCommand(['EVALSHA', this.#sha, ...tail]);
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      return await client.sendCommand(['EVAL', this.#source, ...tail]);
    }
  }
}
