local charges = (#ARGV - 2) / 4
local function decide(i, commit)
  local at = 2 + (i - 1) * 4
  return algorithms[ARGV[at + 1]](KEYS[2 * i - 1], KEYS[2 * i], tonumber(ARGV[at + 2]), tonumber(ARGV[at + 3]), tonumber(ARGV[at + 4]), commit)
end
local replies = {}
if charges == 1 then
  -- A lone limit spends nothing when it refuses, so one pass is enough.
  replies[1] = decide(1, true)
else
  local all = true
  for i = 1, charges do
    replies[i] = decide(i, false)
    if replies[i][1] == 0 then all = false end
  end
  if all then
    for i = 1, charges do replies[i] = decide(i, true) end
  end
end
local flat = {}
for i = 1, charges do
  for j = 1, 5 do flat[#flat + 1] = replies[i][j] end
end
return flat
