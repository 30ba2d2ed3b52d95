-- state: hash { t = tokens, a = when counted }
algorithms['token-bucket'] = function(state, _, limit, window, cost, commit)
  local rate = limit / window
  local s = redis.call('HMGET', state, 't', 'a')
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
    allowed = 1
    if commit then tokens = tokens - cost end
  end
  local full = ceil0((limit - tokens) / rate)
  if allowed == 1 and commit then
    redis.call('HSET', state, 't', num(tokens), 'a', num(at))
    redis.call('PEXPIRE', state, full + 1000)
  end
  local retry = 0
  if allowed == 0 then
    if cost > limit then retry = -1 else retry = ceil0((cost - tokens) / rate) end
  end
  return { allowed, math.floor(tokens), full, retry, 0 }
end
