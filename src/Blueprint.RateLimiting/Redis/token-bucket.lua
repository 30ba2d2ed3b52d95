-- KEYS[1]: hash { t = tokens, a = when counted }
local rate = limit / window
local s = redis.call('HMGET', KEYS[1], 't', 'a')
local tokens = tonumber(s[1])
local at = tonumber(s[2])
if tokens == nil then
  tokens = limit
  at = now
end
if now > at then
  tokens = math.min(limit, tokens + (now - at) * rate)
  at = now
end
local allowed = 0
if cost <= tokens then
  tokens = tokens - cost
  allowed = 1
end
local full = ceil0((limit - tokens) / rate)
redis.call('HSET', KEYS[1], 't', num(tokens), 'a', num(at))
redis.call('PEXPIRE', KEYS[1], full + 1000)
local retry = 0
if allowed == 0 then
  if cost > limit then retry = -1 else retry = ceil0((cost - tokens) / rate) end
end
return { allowed, math.floor(tokens), full, retry, 0 }
