-- KEYS[1]: sorted set, one member per unit of cost, scored by its time; KEYS[2]: member sequence.
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', num(now - window))
local total = redis.call('ZCARD', KEYS[1])
local allowed = 0
if total + cost <= limit then
  local last = redis.call('INCRBY', KEYS[2], cost)
  for i = 1, cost do
    redis.call('ZADD', KEYS[1], num(now), last - cost + i)
  end
  total = total + cost
  allowed = 1
end
local reset = 0
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if #oldest > 0 then reset = ceil0(tonumber(oldest[2]) + window - now) end
local retry = 0
if allowed == 0 then
  if cost > limit then
    retry = -1
  else
    -- The (total + cost - limit)-th oldest unit must leave the window first.
    local nth = redis.call('ZRANGE', KEYS[1], total + cost - limit - 1, total + cost - limit - 1, 'WITHSCORES')
    retry = ceil0(tonumber(nth[2]) + window - now)
  end
end
redis.call('PEXPIRE', KEYS[1], ceil0(window) + 1000)
redis.call('PEXPIRE', KEYS[2], ceil0(window) + 1000)
return { allowed, limit - total, reset, retry, 0 }
