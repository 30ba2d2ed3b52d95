-- state: sorted set, one member per unit of cost, scored by its time; sequence: member numbers.
algorithms['sliding-log'] = function(state, sequence, limit, window, cost, commit)
  local total = redis.call('ZCOUNT', state, '(' .. num(now - window), '+inf')
  local allowed = 0
  if total + cost <= limit then
    allowed = 1
    if commit then
      redis.call('ZREMRANGEBYSCORE', state, '-inf', num(now - window))
      local last = redis.call('INCRBY', sequence, cost)
      for i = 1, cost do
        redis.call('ZADD', state, num(now), last - cost + i)
      end
      total = total + cost
      redis.call('PEXPIRE', state, ceil0(window) + 1000)
      redis.call('PEXPIRE', sequence, ceil0(window) + 1000)
    end
  end
  -- Members still in the window, oldest first, start after the expired ones.
  local expired = redis.call('ZCOUNT', state, '-inf', num(now - window))
  local reset = 0
  local oldest = redis.call('ZRANGE', state, expired, expired, 'WITHSCORES')
  if #oldest > 0 then reset = ceil0(tonumber(oldest[2]) + window - now) end
  local retry = 0
  if allowed == 0 then
    if cost > limit then
      retry = -1
    else
      -- The (total + cost - limit)-th oldest unit in the window must leave it first.
      local nth = expired + total + cost - limit - 1
      local entry = redis.call('ZRANGE', state, nth, nth, 'WITHSCORES')
      retry = ceil0(tonumber(entry[2]) + window - now)
    end
  end
  return { allowed, limit - total, reset, retry, 0 }
end
