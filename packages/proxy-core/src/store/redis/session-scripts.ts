/**
 * The Lua scripts behind every session write. Each runs atomically in Redis, so a write is whole or absent
 * and no other replica's write interleaves with it. Key layout: redis-keys.ts.
 *
 * Writes are optimistic: the store reads a session snapshot (its version `v`), builds the whole write in
 * TypeScript (with the same payload builders as the other stores) and COMMIT applies it only when `v` is
 * unchanged; otherwise the store re-reads and rebuilds. Every write of a session bumps `v`, so a write built
 * on a stale view of the session (its running turn, status, counters) can never commit.
 */
import { LuaScript } from './lua-script.ts';

/** Deletes a session's events with id <= through and raises its watermark; returns how many were deleted. */
const PRUNE_FUNCTION = `
local function prune(p, sid, through)
  local skey = p .. 'session:' .. sid
  local pruned = tonumber(redis.call('HGET', skey, 'pruned_through') or '0')
  if through <= pruned then return 0 end
  local removed = redis.call('ZREMRANGEBYSCORE', skey .. ':events', '-inf', through)
  -- Retained ids are exactly pruned+1 .. last_event_id, so this loop visits only deleted events.
  local ages = skey .. ':event-ages'
  for id = pruned + 1, through do redis.call('ZREM', ages, id) end
  redis.call('HSET', skey, 'pruned_through', through)
  if redis.call('ZCARD', skey .. ':events') == 0 then redis.call('SREM', p .. 'event-logs', sid) end
  return removed
end
`;

/**
 * ARGV: prefix, session id, expected version (0: the session must not exist yet), the write as JSON, this
 * replica's id. Returns 1 when applied, 0 when the session changed since the snapshot, 2 when the write closes
 * a turn that another live replica runs (it adopted the turn while this one was cut off from Redis).
 */
export const COMMIT = new LuaScript(`${PRUNE_FUNCTION}
local p, sid, expected, replica = ARGV[1], ARGV[2], tonumber(ARGV[3]), ARGV[5]
local skey = p .. 'session:' .. sid
local current = tonumber(redis.call('HGET', skey, 'v') or '0')
if current ~= expected then return 0 end
local w = cjson.decode(ARGV[4])
if w.closesTurn ~= '' then
  local runner = redis.call('HGET', p .. 'turn-runners', w.closesTurn)
  if runner and runner ~= replica and redis.call('EXISTS', p .. 'replica:' .. runner) == 1 then return 2 end
end
redis.call('HSET', skey, 'v', current + 1, 'session', w.session, 'last_event_id', w.lastEventId,
  'running_turn', w.runningTurn)
if current == 0 then redis.call('HSET', skey, 'pruned_through', 0) end
for _, m in ipairs(w.messages) do redis.call('RPUSH', skey .. ':messages', m) end
for _, t in ipairs(w.turns) do
  redis.call('SET', p .. 'turn:' .. t.id, t.json)
  if t.running then
    redis.call('ZADD', p .. 'running-turns', redis.call('INCR', p .. 'turn-seq'), t.id)
    redis.call('HSET', p .. 'turn-runners', t.id, replica)
  else
    redis.call('ZREM', p .. 'running-turns', t.id)
    redis.call('HDEL', p .. 'turn-runners', t.id)
  end
end
for _, e in ipairs(w.events) do
  redis.call('ZADD', skey .. ':events', e.id, e.json)
  redis.call('ZADD', skey .. ':event-ages', e.at, e.id)
end
if #w.events > 0 then
  redis.call('SADD', p .. 'event-logs', sid)
  prune(p, sid, tonumber(w.pruneThrough))
  -- Wakes /events streams on every replica; they re-read the log, so a lost or doubled wake is harmless.
  redis.call('PUBLISH', p .. 'events', sid)
end
return 1
`);

/** ARGV: prefix, session id, events kept per session, age cutoff (ms). Returns how many events were deleted. */
export const PRUNE_SESSION = new LuaScript(`${PRUNE_FUNCTION}
local p, sid, keep, cutoff = ARGV[1], ARGV[2], tonumber(ARGV[3]), ARGV[4]
local skey = p .. 'session:' .. sid
local through = math.max(0, tonumber(redis.call('HGET', skey, 'last_event_id') or '0') - keep)
for _, id in ipairs(redis.call('ZRANGEBYSCORE', skey .. ':event-ages', '-inf', '(' .. cutoff)) do
  through = math.max(through, tonumber(id))
end
return prune(p, sid, through)
`);

/**
 * ARGV: prefix, this replica's id, optional session id. The running turns nobody alive is running, oldest
 * first, as turn JSON: those this replica started and those whose replica's lease expired (it crashed or
 * stopped). A turn another live replica runs is in progress, not interrupted.
 */
export const INTERRUPTED_TURNS = new LuaScript(`
local p, me, only = ARGV[1], ARGV[2], ARGV[3]
local found = {}
for _, id in ipairs(redis.call('ZRANGE', p .. 'running-turns', 0, -1)) do
  local runner = redis.call('HGET', p .. 'turn-runners', id)
  if (not runner) or runner == me or redis.call('EXISTS', p .. 'replica:' .. runner) == 0 then
    local json = redis.call('GET', p .. 'turn:' .. id)
    if json and (only == '' or cjson.decode(json).sessionId == only) then found[#found + 1] = json end
  end
end
return found
`);

/**
 * ARGV: prefix, turn id, this replica's id. Makes this replica the runner of an interrupted turn; 0 when the
 * turn is not running or another live replica already runs it (so two replicas never resume one turn).
 */
export const ADOPT_TURN = new LuaScript(`
local p, id, me = ARGV[1], ARGV[2], ARGV[3]
if not redis.call('ZSCORE', p .. 'running-turns', id) then return 0 end
local runner = redis.call('HGET', p .. 'turn-runners', id)
if runner and runner ~= me and redis.call('EXISTS', p .. 'replica:' .. runner) == 1 then return 0 end
redis.call('HSET', p .. 'turn-runners', id, me)
return 1
`);
