-- KEYS[1]: hash { l = queue level, a = when measured }
local rate = limit / window
local s = redis.call('HMGET', KEYS[1], 'l', 'a')
local level = tonumber(s[1]) or 0
local at = tonumber(s[2]) or 0
if now > at then
  level = math.max(0, level - (now - at) * rate)
  at = now
end
local wait = level / rate
local allowed = 0
if level + cost <= limit and (canWait or wait < 1) then
  level = level + cost
  allowed = 1
end
local empty = ceil0(level / rate)
redis.call('HSET', KEYS[1], 'l', num(level), 'a', num(at))
redis.call('PEXPIRE', KEYS[1], empty + 1000)
local retry = 0
local delay = 0
if allowed == 0 then
  if cost > limit then retry = -1
  elseif canWait then retry = ceil0((level + cost - limit) / rate)
  else retry = ceil0(wait) end
else
  delay = ceil0(wait)
end
return { allowed, math.floor(limit - level), empty, retry, delay }
