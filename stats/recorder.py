"""The single Redis round trip that records one request.

One Lua script (EVALSHA, falling back to EVAL once after a Redis restart) does, atomically:
the visit window, the per-address caps, the online sets, the unique-visitor HyperLogLog,
the live figures of the day, and the dedup windows and pending increments of the
objects viewed or downloaded. Keys are built inside the script from the prefix
(single Redis server, no cluster).

Redis layout (every key under settings.REDIS_KEY_PREFIX):
- ``stats:pending`` hash, the increments waiting for the flush:
  ``o|<day>|<app_label.model>|<pk>|v`` (views) or ``|d`` (downloads), and
  ``s|<day>|<visits|page_views|bot_hits>`` for the daily figures (the flush sums a day's
  views and downloads from its ``o|`` fields);
- ``stats:day:<day>`` hash, the live figures of a day (shown for today);
- ``stats:uv:<day>`` HyperLogLog of the day's visitors (no expiry: the roll-up deletes it);
- ``stats:online:<bots|guests|users>`` sorted sets scored by last-seen time;
- ``stats:v:<visitor>`` hash, one per visitor seen in the last window: ``l`` (last
  request, the visit window), one field per object spec (its view/download window) and,
  for a fallback id, ``n``: the new visitor id its visit opened as (online, uniques);
- ``stats:a:<address hash>`` hash, the per-address caps: ``visit`` (visits with a cookie),
  ``gate`` (visits without one, a tenth of the cap) and each object spec hold the window's
  start, ``<name>#`` the number counted in it.
A request without a cookie is judged by its fallback id (IP + agent + day), the "gate":
it counts only what the gate has not counted in the window. Its new cookie carries, signed,
what it counted ("marks") and what it could not ("owed"); a browser that comes back with
it starts its own record from the marks and counts what is owed, so a browser is one
visitor from its first request while a client that never keeps cookies writes nothing to
Redis beyond its fallback id's record.
Keys that must survive memory pressure (pending, batches, uv) have no expiry, so a Valkey
under ``maxmemory-policy volatile-lru`` evicts only windows, caches and live figures.
Windows store the second they opened at and are compared with the caller's "now", so an
injected clock travels in time; their Redis TTL only cleans up. Memory is bounded by the
visitors and addresses active in the last window, never by the number of requests.
"""

import hashlib
import logging
from typing import NamedTuple

import redis
from django.conf import settings

from core import redis as portal_redis
from stats import spool

log = logging.getLogger("stats")

DAY_KEY_SECONDS = 3 * 24 * 60 * 60

LUA = """
local p = ARGV[1]
local now = tonumber(ARGV[2])
local day = ARGV[3]
local win = tonumber(ARGV[4])
local online_win = tonumber(ARGV[5])
local kind = ARGV[6]
local id = ARGV[7]
local gate = ARGV[8]
local addr = ARGV[9]
local cap = tonumber(ARGV[10])
local track = ARGV[11] == '1'
local page_view = ARGV[12] == '1'
local day_ttl = tonumber(ARGV[13])
local marks = ARGV[14]
local gate_cap = tonumber(ARGV[15])
local pending = p .. ':stats:pending'
local live = p .. ':stats:day:' .. day

local function add(field, n)
  redis.call('HINCRBY', live, field, n)
  redis.call('HINCRBY', pending, 's|' .. day .. '|' .. field, n)
end

local function online(set_name, member)
  local key = p .. ':stats:online:' .. set_name
  redis.call('ZADD', key, now, member)
  redis.call('ZREMRANGEBYSCORE', key, '-inf', '(' .. (now - online_win))
end

local function fresh(stamp)
  return (not stamp) or (now - tonumber(stamp) >= win)
end

-- One address counts at most `cap` new visits with a cookie, `gate_cap` without one, and
-- `cap` of each object, per window.
local addr_key = p .. ':stats:a:' .. addr
local function take(name, limit)
  if fresh(redis.call('HGET', addr_key, name)) then
    redis.call('HSET', addr_key, name, now, name .. '#', 1)
    redis.call('EXPIRE', addr_key, win)
    return true
  end
  return redis.call('HINCRBY', addr_key, name .. '#', 1) <= limit
end

local counted = {0}
if kind == 'bot' then
  if track then
    add('bot_hits', 1)
    online('bots', id)
    redis.call('EXPIRE', live, day_ttl)
  end
  return counted
end

local gated = gate ~= ''
local judge = p .. ':stats:v:' .. (gated and gate or id)
local opens = false
local touched = false
local refused = false

-- A browser back with the cookie its first request was given: what that request counted
-- (under the fallback id) is carried by the signed cookie, not kept in Redis meanwhile.
if marks ~= '' and not gated and redis.call('EXISTS', judge) == 0 then
  local since = nil
  for part in string.gmatch(marks, '[^;]+') do
    if since then
      redis.call('HSET', judge, part, since)
    else
      since = part
    end
  end
  redis.call('EXPIRE', judge, win)
end

if track then
  local member = id
  if fresh(redis.call('HGET', judge, 'l')) then
    if take(gated and 'gate' or 'visit', gated and gate_cap or cap) then
      add('visits', 1)
      opens = true
      redis.call('HSET', judge, 'l', now)
      if gated then
        redis.call('HSET', judge, 'n', id)
      end
      touched = true
    else
      refused = gated
    end
  else
    redis.call('HSET', judge, 'l', now)
    touched = true
    if gated then
      -- A client without cookies stays the visitor its visit opened as.
      member = redis.call('HGET', judge, 'n') or gate
    end
  end
  if touched then
    if kind == 'user' then
      redis.call('ZREM', p .. ':stats:online:guests', member)
      online('users', member)
    else
      online('guests', member)
    end
    -- No expiry (never evicted under volatile-lru): the roll-up deletes it once the day closed.
    redis.call('PFADD', p .. ':stats:uv:' .. day, member)
  end
end
if page_view then
  add('page_views', 1)
end
counted[1] = opens and 1 or 0

for i = 16, #ARGV do
  local spec = ARGV[i]
  if (not refused) and fresh(redis.call('HGET', judge, spec)) and take(spec, cap) then
    redis.call('HSET', judge, spec, now)
    touched = true
    local what = string.sub(spec, 1, 1)
    redis.call('HINCRBY', pending, 'o|' .. day .. '|' .. string.sub(spec, 3) .. '|' .. what, 1)
    redis.call('HINCRBY', live, what == 'v' and 'views' or 'downloads', 1)
    counted[#counted + 1] = 1
  else
    counted[#counted + 1] = 0
  end
end
if touched then
  redis.call('EXPIRE', judge, win)
end
redis.call('EXPIRE', live, day_ttl)
return counted
"""

_sha = hashlib.sha1(LUA.encode()).hexdigest()


def script():
    """The recording script as a redis-py Script (for pipelines: loaded when missing)."""
    return portal_redis.get_client().register_script(LUA)


def _run_script(client, args):
    try:
        return client.evalsha(_sha, 0, *args)
    except redis.exceptions.NoScriptError:
        # Once after a Redis restart: EVAL also caches the script for the next EVALSHA.
        return client.eval(LUA, 0, *args)


class Recorded(NamedTuple):
    opened: bool  # this request opened a counted visit
    counted: list  # one 0/1 per object spec (1 = counted)
    objects: list  # the object specs sent


def arguments(
    *,
    moment,
    day,
    kind,
    visitor,
    gate="",
    address="",
    marks=None,
    track=False,
    page_view=False,
    objects=(),
):
    """The recording script's arguments (see ``record``)."""
    since, names = marks or (None, ())
    return [
        settings.REDIS_KEY_PREFIX,
        str(int(moment.timestamp())),
        day.isoformat(),
        settings.STATS_DEDUP_SECONDS,
        settings.STATS_ONLINE_SECONDS,
        kind,
        visitor,
        gate or "",
        address or "",
        settings.STATS_ADDRESS_CAP,
        "1" if track else "0",
        "1" if page_view else "0",
        DAY_KEY_SECONDS,
        ";".join([str(since), *names]) if since and names else "",
        max(1, settings.STATS_ADDRESS_CAP // 10),
        *objects,
    ]


def record(**fields):
    """Record in one round trip; returns a Recorded, or None on failure (then the counts
    are spooled locally and replayed later, see stats.spool).

    Fields: ``moment``, ``day``; ``kind`` "bot", "guest" or "user"; ``visitor`` the id
    counted under; ``gate`` the fallback id of a request that came without a cookie (it
    decides what counts); ``address`` the keyed hash of the client's address (the
    per-address caps); ``marks`` (second, names): what this visitor's first request counted
    under its fallback id ("l" for the visit, object specs), from its cookie; ``track``
    (a visit and the online sets), ``page_view``; ``objects``: specs
    "v|app_label.model|pk" (view) or "d|app_label.model|pk" (download).
    """
    args = arguments(**fields)
    objects = fields.get("objects", ())
    if portal_redis.is_backing_off():
        spool.keep(args)
        return None
    try:
        result = _run_script(portal_redis.get_client(), args)
    except portal_redis.REDIS_ERRORS as exc:
        portal_redis.record_failure(exc, "stats.record")
        spool.keep(args)
        return None
    except redis.exceptions.RedisError:
        # e.g. OOM when Redis is full: kept and replayed, never lost.
        log.exception("stats: recording script failed")
        spool.keep(args)
        return None
    portal_redis.record_success()
    if spool.has_pending():
        try:
            spool.replay_own()
        except Exception:  # the spool is replayed by the flush task too
            log.exception("stats: replaying the spool failed")
    return Recorded(bool(result[0]), [int(x) for x in result[1:]], list(objects))
