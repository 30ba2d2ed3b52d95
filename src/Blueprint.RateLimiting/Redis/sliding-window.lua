-- KEYS[1]: hash { w = current window number, c = its count, p = the previous window's count }
local w = math.floor(now / window)
local s = redis.call('HMGET', KEYS[1], 'w', 'c', 'p')
local sw = tonumber(s[1])
local current = tonumber(s[2]) or 0
local previous = tonumber(s[3]) or 0
if sw ~= w then
  if sw ~= nil and w == sw + 1 then previous = current else previous = 0 end
  current = 0
end
local elapsed = (now - w * window) / window
local estimate = previous * (1 - elapsed) + current
local allowed = 0
if estimate + cost <= limit then
  current = current + cost
  estimate = estimate + cost
  allowed = 1
end
local reset = ceil0((w + 1) * window - now)
redis.call('HSET', KEYS[1], 'w', num(w), 'c', current, 'p', previous)
redis.call('PEXPIRE', KEYS[1], ceil0(2 * window) + 1000)
local retry = 0
if allowed == 0 then
  if cost > limit then
    retry = -1
  else
    local over = previous * (1 - elapsed) + current + cost - limit
    if previous > 0 and over <= previous * (1 - elapsed) then
      retry = ceil0(over / previous * window)
    else
      retry = ceil0((1 - elapsed) * window)
    end
  end
end
return { allowed, math.floor(limit - estimate), reset, retry, 0 }
