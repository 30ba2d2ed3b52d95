-- One decision over one or more limits, all or nothing: every charge is checked first and only when
-- all admit is any spent, so a refusal by one limit consumes nothing from the others. Redis runs
-- the script atomically, so no other client sees or changes the state in between.
-- ARGV: now (Unix ms, or empty to use the Redis server's clock, which every host then shares),
--       canWait (1/0), then per charge: algorithm, limit, window (ms), cost.
-- KEYS: per charge, the state and a member sequence (used by the sliding log).
-- Reply: per charge { allowed (1/0), remaining, reset ms, retry-after ms (-1: never), delay ms }, flattened.
local now = tonumber(ARGV[1])
if now == nil then
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
end
local canWait = ARGV[2] == '1'
local function ceil0(x)
  if x < 0 then return 0 end
  return math.ceil(x)
end
local function num(x)
  return string.format('%.17g', x)
end
-- Each algorithm: function(state key, sequence key, limit, window, cost, commit) -> reply.
-- With commit false it writes nothing.
local algorithms = {}
