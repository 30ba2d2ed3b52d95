-- state: hash { w = current window number, c = its count, p = the previous window's count }
algorithms['sliding-window'] = function(state, _, limit, window, cost, commit)
  local w = math.floor(now / window)
  local s = redis.call('HMGET', state, 'w', 'c', 'p')
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
    allowed = 1
    if commit then
      current = current + cost
      estimate = estimate + cost
    end
  end
  local reset = ceil0((w + 1) * window - now)
  if allowed == 1 and commit then
    redis.call('HSET', state, 'w', num(w), 'c', current, 'p', previous)
    redis.call('PEXPIRE', state, ceil0(2 * window) + 1000)
  end
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
end
