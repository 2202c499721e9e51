-- One admission, atomically: check every counter of a key and its project, then count in all of them
-- or in none. Built by RedisLimitCounters from an AdmissionPlan; the checks come in the plan's order.
--
-- ARGV[1] now (epoch ms)   ARGV[2] number of checks   ARGV[3] window length (ms)
-- then 5 ARGV per check: type, limit, a, b, ttl (ms); and 2 KEYS per check:
--   'w' sliding window  a = amount, b = ms into the minute   KEYS: this minute, previous minute
--   'c' concurrency     a = permit id, b = lease expiry (ms)  KEYS: sorted set of permits (score = expiry)
--   't' request cap     a = count the store has recorded      KEYS: counter (twice)
--   'b' budget          a = nano-USD the store has recorded   KEYS: spend of the period (twice)
-- Returns {0} when admitted, else {check number (1-based), observed, observed2}:
--   'w' → this minute, previous minute   'c' → in flight   't' → count   'b' → spent
local now = tonumber(ARGV[1])
local n = tonumber(ARGV[2])
local window = tonumber(ARGV[3])

local function int(x)
  return string.format('%d', x) -- plain digits: Lua would write 1e+15 for large numbers
end

local function count(key)
  return tonumber(redis.call('GET', key) or '0')
end

local observed = {}
for i = 0, n - 1 do
  local a = 4 + i * 5
  local kind, limit = ARGV[a], tonumber(ARGV[a + 1])
  local k1, k2 = KEYS[i * 2 + 1], KEYS[i * 2 + 2]
  if kind == 'w' then
    local amount, elapsed = tonumber(ARGV[a + 2]), tonumber(ARGV[a + 3])
    local current, previous = count(k1), count(k2)
    -- the same operations, in the same order, as SlidingWindow.estimate
    if previous * (window - elapsed) / window + current + amount > limit then
      return {i + 1, current, previous}
    end
  elseif kind == 'c' then
    redis.call('ZREMRANGEBYSCORE', k1, '-inf', now) -- leases of crashed instances run out here
    local inflight = redis.call('ZCARD', k1)
    if inflight >= limit then
      return {i + 1, inflight, 0}
    end
  elseif kind == 't' then
    local c = math.max(count(k1), tonumber(ARGV[a + 2]))
    if c + 1 > limit then
      return {i + 1, c, 0}
    end
    observed[i] = c
  elseif kind == 'b' then
    local stored = redis.call('GET', k1)
    local spent = math.max(tonumber(stored or '0'), tonumber(ARGV[a + 2]))
    if spent >= limit then
      return {i + 1, spent, 0}
    end
    -- seeded from the store when missing or behind it; else settlements keep it (and its TTL)
    if stored == false or tonumber(stored) < spent then
      observed[i] = spent
    end
  end
end

for i = 0, n - 1 do
  local a = 4 + i * 5
  local kind, ttl = ARGV[a], ARGV[a + 4]
  local k1 = KEYS[i * 2 + 1]
  if kind == 'w' then
    -- a minute's key gets its TTL when this write created it (INCRBY answers the amount itself)
    if redis.call('INCRBY', k1, ARGV[a + 2]) == tonumber(ARGV[a + 2]) then
      redis.call('PEXPIRE', k1, ttl)
    end
  elseif kind == 'c' then
    redis.call('ZADD', k1, ARGV[a + 3], ARGV[a + 2])
    redis.call('PEXPIRE', k1, ttl)
  elseif kind == 't' then
    redis.call('SET', k1, int(observed[i] + 1), 'PX', ttl)
  elseif kind == 'b' and observed[i] then
    redis.call('SET', k1, int(observed[i]), 'PX', ttl)
  end
end
return {0}
