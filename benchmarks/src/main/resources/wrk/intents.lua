-- wrk script: POSTs pre-signed Parley intents, each at most once per run.
-- Usage: wrk -t T -c C -d D -s intents.lua http://127.0.0.1:PORT -- FILE T
-- FILE holds one JWS per line; thread k of T sends the lines i with i % T == k - 1, in order.
-- A thread that runs out of lines starts again; the node refuses those as replays, and wrk
-- counts them as non-2xx responses, so a run that needed more intents says so.

local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("id", threads)
end

function init(args)
  local path = args[1]
  local total = tonumber(args[2])
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/jose"
  -- whole requests, formatted here once: formatting one per request cost wrk more CPU than it saved the node
  requests = {}
  local i = 0
  for line in io.lines(path) do
    if i % total == id - 1 then
      requests[#requests + 1] = wrk.format(nil, "/parley/messages", nil, line)
    end
    i = i + 1
  end
  sent = 0
end

function request()
  sent = sent + 1
  return requests[(sent - 1) % #requests + 1]
end
