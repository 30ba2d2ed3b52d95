-- wrk script for bench/load/url-creates.sh: POST /api/urls with a fresh URL each time, signed in
-- with the bearer token in $TOKEN. Each wrk thread numbers its own URLs under its own prefix.
local counter = 0
local prefix = ""

function setup(thread)
  thread:set("prefix", tostring(math.random(1, 2000000000)) .. "-" .. tostring(os.time()))
end

function init(args)
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
end

function request()
  counter = counter + 1
  return wrk.format(nil, "/api/urls", nil, '{"url":"https://load.example/' .. prefix .. '/' .. counter .. '"}')
end
