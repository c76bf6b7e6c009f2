/** Reads that must see one consistent moment of a session (a script runs atomically, like a snapshot). */
import { LuaScript } from './lua-script.ts';

/**
 * ARGV: prefix, session id, after id, limit (-1: all). Returns {exists, last_event_id, pruned_through,
 * event JSON…}: the window and the rows from the same instant, so a concurrent prune cannot slip between.
 */
export const EVENTS_SINCE = new LuaScript(`
local skey = ARGV[1] .. 'session:' .. ARGV[2]
local last, pruned = unpack(redis.call('HMGET', skey, 'last_event_id', 'pruned_through'))
if not last then return {0, 0, 0} end
local rows = redis.call('ZRANGEBYSCORE', skey .. ':events', '(' .. ARGV[3], '+inf', 'LIMIT', 0, ARGV[4])
local reply = {1, tonumber(last), tonumber(pruned)}
for _, row in ipairs(rows) do reply[#reply + 1] = row end
return reply
`);
