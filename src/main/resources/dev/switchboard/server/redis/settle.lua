-- Settles one permit: frees its concurrency slots, corrects the token estimate, charges the cost.
--
-- ARGV[1] permit id   ARGV[2] number of operations; then 3 ARGV per operation: type, amount, ttl (ms)
-- and 1 KEY per operation:
--   'z' remove the permit from a concurrency set
--   'w' add amount (may be negative) to a minute's token count, if that minute is still kept
--   'b' add amount (nano-USD) to a budget period's spend
local n = tonumber(ARGV[2])
for i = 0, n - 1 do
  local a = 3 + i * 3
  local kind, amount, ttl = ARGV[a], ARGV[a + 1], ARGV[a + 2]
  local k = KEYS[i + 1]
  if kind == 'z' then
    redis.call('ZREM', k, ARGV[1])
  elseif kind == 'w' then
    if redis.call('EXISTS', k) == 1 and redis.call('INCRBY', k, amount) < 0 then
      redis.call('SET', k, '0', 'KEEPTTL')
    end
  elseif kind == 'b' then
    -- a period's key keeps the TTL it was made with; one this charge creates gets it now
    if redis.call('INCRBY', k, amount) == tonumber(amount) then
      redis.call('PEXPIRE', k, ttl)
    end
  end
end
return 0
