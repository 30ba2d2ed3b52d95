-- state: hash { w = window number since the Unix epoch, c = count in it }
algorithms['fixed-window'] = function(state, _, limit, window, cost, commit)
  local w = math.floor(now / window)
  local s = redis.call('HMGET', state, 'w', 'c')
  local count = 0
  if tonumber(s[1]) == w then count = tonumber(s[2]) end
  local allowed = 0
  if count + cost <= limit then
    allowed = 1
    if commit then count = count + cost end
  end
  local reset = ceil0((w + 1) * window - now)
  if allowed == 1 and commit then
    redis.call('HSET', state, 'w', num(w), 'c', count)
    redis.call('PEXPIRE', state, reset + 1000)
  end
  local retry = 0
  if allowed == 0 then
    if cost > limit then retry = -1 else retry = reset end
  end
  return { allowed, limit - count, reset, retry, 0 }
end
