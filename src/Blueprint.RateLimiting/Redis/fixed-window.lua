-- KEYS[1]: hash { w = window number since the Unix epoch, c = count in it }
local w = math.floor(now / window)
local s = redis.call('HMGET', KEYS[1], 'w', 'c')
local count = 0
if tonumber(s[1]) == w then count = tonumber(s[2]) end
local allowed = 0
if count + cost <= limit then
  count = count + cost
  allowed = 1
end
local reset = ceil0((w + 1) * window - now)
redis.call('HSET', KEYS[1], 'w', num(w), 'c', count)
redis.call('PEXPIRE', KEYS[1], reset + 1000)
local retry = 0
if allowed == 0 then
  if cost > limit then retry = -1 else retry = reset end
end
return { allowed, limit - count, reset, retry, 0 }
