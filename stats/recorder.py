"""The single Redis round trip that records one request.

One Lua script (EVALSHA, falling back to EVAL once after a Redis restart) does, atomically:
the cookie alias, the visit window, the online sets, the unique-visitor HyperLogLog,
the live figures of the day, and the dedup windows and pending increments of the
objects viewed or downloaded. Keys are built inside the script from the prefix
(single Redis server, no cluster).

Redis layout (every key under settings.REDIS_KEY_PREFIX):
- ``stats:pending`` hash, the increments waiting for the flush:
  ``o|<day>|<app_label.model>|<pk>|v`` (views) or ``|d`` (downloads), and
  ``s|<day>|<visits|page_views|bot_hits>`` for the daily figures (the flush sums a day's
  views and downloads from its ``o|`` fields);
- ``stats:day:<day>`` hash, the live figures of a day (shown for today);
- ``stats:uv:<day>`` HyperLogLog of the day's visitors;
- ``stats:online:<bots|guests|users>`` sorted sets scored by last-seen time;
- ``stats:last:<visitor>`` (visit window), ``stats:seen:<visitor>:<v|d>|<obj>``
  (view/download windows), ``stats:alias:<new cookie>`` -> fallback id.
Windows store the timestamp they opened at and are compared with the caller's "now",
so an injected clock travels in time; their Redis TTL only cleans up.
"""

import hashlib
import logging

import redis
from django.conf import settings

from portal import redis as portal_redis

log = logging.getLogger("stats")

DAY_KEY_SECONDS = 3 * 24 * 60 * 60

LUA = """
local p = ARGV[1]
local now_s = ARGV[2]
local now = tonumber(now_s)
local day = ARGV[3]
local win = tonumber(ARGV[4])
local online_win = tonumber(ARGV[5])
local kind = ARGV[6]
local id = ARGV[7]
local new_cookie = ARGV[8]
local track = ARGV[9] == '1'
local page_view = ARGV[10] == '1'
local day_ttl = tonumber(ARGV[11])
local pending = p .. ':stats:pending'
local live = p .. ':stats:day:' .. day

local function add(field, n)
  redis.call('HINCRBY', live, field, n)
  redis.call('HINCRBY', pending, 's|' .. day .. '|' .. field, n)
end

local function online(set_name)
  local key = p .. ':stats:online:' .. set_name
  redis.call('ZADD', key, now_s, id)
  redis.call('ZREMRANGEBYSCORE', key, '-inf', '(' .. (now - online_win))
end

local counted = {}
if kind == 'bot' then
  if track then
    add('bot_hits', 1)
    online('bots')
    redis.call('EXPIRE', live, day_ttl)
  end
  return counted
end

-- A browser's first request is known by its fallback id; its new cookie is an alias
-- of that id while the visitor stays active, so the next requests are the same visitor.
if new_cookie ~= '' then
  redis.call('SET', p .. ':stats:alias:' .. new_cookie, id, 'EX', win)
else
  local alias_key = p .. ':stats:alias:' .. id
  local original = redis.call('GET', alias_key)
  if original then
    redis.call('EXPIRE', alias_key, win)
    id = original
  end
end

if track then
  local last_key = p .. ':stats:last:' .. id
  local last = redis.call('GET', last_key)
  if (not last) or (now - tonumber(last) >= win) then
    add('visits', 1)
  end
  redis.call('SET', last_key, now_s, 'EX', win)
  if kind == 'user' then
    redis.call('ZREM', p .. ':stats:online:guests', id)
    online('users')
  else
    online('guests')
  end
  local uv = p .. ':stats:uv:' .. day
  redis.call('PFADD', uv, id)
  redis.call('EXPIRE', uv, day_ttl)
end
if page_view then
  add('page_views', 1)
end

for i = 12, #ARGV do
  local spec = ARGV[i]
  local seen_key = p .. ':stats:seen:' .. id .. ':' .. spec
  local seen = redis.call('GET', seen_key)
  if (not seen) or (now - tonumber(seen) >= win) then
    redis.call('SET', seen_key, now_s, 'EX', win)
    local what = string.sub(spec, 1, 1)
    redis.call('HINCRBY', pending, 'o|' .. day .. '|' .. string.sub(spec, 3) .. '|' .. what, 1)
    redis.call('HINCRBY', live, what == 'v' and 'views' or 'downloads', 1)
    counted[#counted + 1] = 1
  else
    counted[#counted + 1] = 0
  end
end
redis.call('EXPIRE', live, day_ttl)
return counted
"""

_sha = hashlib.sha1(LUA.encode()).hexdigest()


def _run_script(client, args):
    try:
        return client.evalsha(_sha, 0, *args)
    except redis.exceptions.NoScriptError:
        # Once after a Redis restart: EVAL also caches the script for the next EVALSHA.
        return client.eval(LUA, 0, *args)


def record(
    *,
    moment,
    day,
    kind,
    visitor,
    new_cookie="",
    track=False,
    page_view=False,
    objects=(),
):
    """Record in one round trip; returns one 0/1 per object (1 = counted), or None on failure.

    ``kind`` is "bot", "guest" or "user"; ``objects`` are specs "v|app_label.model|pk"
    (view) or "d|app_label.model|pk" (download).
    """
    if portal_redis.is_backing_off():
        return None
    args = [
        settings.REDIS_KEY_PREFIX,
        repr(moment.timestamp()),
        day.isoformat(),
        settings.STATS_DEDUP_SECONDS,
        settings.STATS_ONLINE_SECONDS,
        kind,
        visitor,
        new_cookie or "",
        "1" if track else "0",
        "1" if page_view else "0",
        DAY_KEY_SECONDS,
        *objects,
    ]
    try:
        result = _run_script(portal_redis.get_client(), args)
    except portal_redis.REDIS_ERRORS as exc:
        portal_redis.record_failure(exc, "stats.record")
        return None
    except redis.exceptions.RedisError:
        log.exception("stats: recording script failed")
        return None
    portal_redis.record_success()
    return [int(x) for x in result]
