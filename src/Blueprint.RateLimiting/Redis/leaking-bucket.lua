-- state: hash { l = queue level, a = when measured }
algorithms['leaking-bucket'] = function(state, _, limit, window, cost, commit)
  local rate = limit / window
  local s = redis.call('HMGET', state, 'l', 'a')
  local level = tonumber(s[1]) or 0
  local at = tonumber(s[2]) or 0
  if now > at then
    level = math.max(0, level - (now - at) * rate)
    at = now
  end
  local wait = level / rate
  local allowed = 0
  -- Without waiting, only a request whose turn is now (under a millisecond away) gets through.
  if level + cost <= limit and (canWait or wait < 1) then
    allowed = 1
    if commit then level = level + cost end
  end
  local empty = ceil0(level / rate)
  if allowed == 1 and commit then
    redis.call('HSET', state, 'l', num(level), 'a', num(at))
    redis.call('PEXPIRE', state, empty + 1000)
  end
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
end
