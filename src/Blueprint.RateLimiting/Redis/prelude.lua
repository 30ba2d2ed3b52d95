-- Shared by every algorithm. ARGV: limit, window (ms), cost, canWait (1/0), now (Unix ms, or
-- empty to use the Redis server's clock, which every host then shares).
-- Replies: { allowed (1/0), remaining, reset ms, retry-after ms (-1: never), delay ms }.
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local cost = tonumber(ARGV[3])
local canWait = ARGV[4] == '1'
local now = tonumber(ARGV[5])
if now == nil then
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
end
local function ceil0(x)
  if x < 0 then return 0 end
  return math.ceil(x)
end
local function num(x)
  return string.format('%.17g', x)
end
