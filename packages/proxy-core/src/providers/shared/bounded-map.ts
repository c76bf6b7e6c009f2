/**
 * Sets `key` as the most recent entry of `map` and evicts the oldest entries beyond `max`. For per-model state
 * (rate-limit cooldowns, circuits) whose keys include model names clients choose (`x-switchyard-fallback`,
 * passed-through models): without a bound, a stream of failing made-up models would grow the map for ever.
 * A Map iterates in insertion order, so deleting before setting makes `key` the newest.
 */
export function setBounded<K, V>(map: Map<K, V>, key: K, value: V, max: number): void {
  map.delete(key);
  map.set(key, value);
  for (const oldest of map.keys()) {
    if (map.size <= max) break;
    map.delete(oldest);
  }
}

/** Per-model entries a process keeps at most, per key pool and per plane's circuits. */
export const MAX_PER_MODEL_ENTRIES = 4096;
