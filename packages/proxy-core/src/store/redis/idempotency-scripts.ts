/**
 * The idempotency records' Lua scripts. A record is a HASH named by the hash of the client's key (never the
 * key); Redis expires it by itself (PEXPIRE), and the index `idem-expiry` lets the periodic sweep count and
 * delete what went stale by the caller's clock. Staleness is always judged against the caller's `now`, as in
 * the SQLite store: the Redis TTL is a garbage collector with a grace period, never the authority.
 */
import { LuaScript } from './lua-script.ts';

const IS_STALE = `
local function is_stale(rec, now)
  local state, exp, lease = unpack(redis.call('HMGET', rec, 'state', 'expires_at', 'lease_expires_at'))
  return tonumber(exp) <= now or (state == 'in_flight' and tonumber(lease) <= now)
end
`;

/**
 * KEYS: record, index. ARGV: now, fingerprint, claim id, expires at, lease expires at, ttl ms, stale at.
 * Returns an empty array when claimed, else the existing live record (HGETALL).
 */
export const CLAIM = new LuaScript(`${IS_STALE}
local rec, index, now = KEYS[1], KEYS[2], tonumber(ARGV[1])
if redis.call('EXISTS', rec) == 1 then
  if not is_stale(rec, now) then return redis.call('HGETALL', rec) end
  redis.call('DEL', rec)
end
redis.call('HSET', rec, 'fingerprint', ARGV[2], 'state', 'in_flight', 'claim_id', ARGV[3],
  'created_at', ARGV[1], 'expires_at', ARGV[4], 'lease_expires_at', ARGV[5])
redis.call('PEXPIRE', rec, ARGV[6])
redis.call('ZADD', index, ARGV[7], rec)
return {}
`);

/** KEYS: record, index. ARGV: claim id, status, headers JSON, body, expires at, ttl ms. Returns 1 or 0. */
export const COMPLETE = new LuaScript(`
local rec, index = KEYS[1], KEYS[2]
local state, holder = unpack(redis.call('HMGET', rec, 'state', 'claim_id'))
if state ~= 'in_flight' or holder ~= ARGV[1] then return 0 end
redis.call('HSET', rec, 'state', 'completed', 'status', ARGV[2], 'headers', ARGV[3], 'body', ARGV[4],
  'expires_at', ARGV[5])
redis.call('PEXPIRE', rec, ARGV[6])
redis.call('ZADD', index, ARGV[5], rec)
return 1
`);

/** KEYS: record, index. ARGV: claim id. Returns 1 when the holder's in-flight claim was dropped, else 0. */
export const RELEASE = new LuaScript(`
local rec, index = KEYS[1], KEYS[2]
local state, holder = unpack(redis.call('HMGET', rec, 'state', 'claim_id'))
if state ~= 'in_flight' or holder ~= ARGV[1] then return 0 end
redis.call('DEL', rec)
redis.call('ZREM', index, rec)
return 1
`);

/**
 * KEYS: index. ARGV: now. Deletes every record that went stale at or before now (Redis may already have
 * expired some: they count too, as records this sweep retired) and returns how many.
 */
export const SWEEP = new LuaScript(`
local index, now = KEYS[1], ARGV[1]
local stale = redis.call('ZRANGEBYSCORE', index, '-inf', now)
for _, rec in ipairs(stale) do redis.call('DEL', rec) end
redis.call('ZREMRANGEBYSCORE', index, '-inf', now)
return #stale
`);
