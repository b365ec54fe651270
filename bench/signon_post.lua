-- wrk script: POST one sign-on form over and over, as fast as the server answers.
-- Arguments (after `--`): the Cookie header, the form's fields already URL-encoded (CSRF
-- token included), an email prefix and, for a form whose "started" token serves one POST
-- only, a file of such tokens, one a line, and the number of threads (each thread takes every
-- n-th line). Every request adds a unique email,
-- <prefix>-<thread>-<n>@org<thread>-<n>-example.org, so every valid POST stores a new row.
-- Counts 302/303 answers (accepted) apart from every other answer, and prints both at the end
-- with the highest other status, to tell a refused CSRF token (403) from a crash (500).

local threads = {}

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  cookie, fields, prefix = args[1], args[2], args[3]
  n, redirects, others, last_other = 0, 0, 0, 0
  headers = {["Content-Type"] = "application/x-www-form-urlencoded", ["Cookie"] = cookie}
  tokens = {}
  if args[4] and args[4] ~= "" then
    local count, line = tonumber(args[5]), 0
    for token in io.lines(args[4]) do
      if line % count == id - 1 then table.insert(tokens, token) end
      line = line + 1
    end
  end
end

function request()
  n = n + 1
  local email = string.format("%s-%d-%d%%40org%d-%d-example.org", prefix, id, n, id, n)
  local body = fields .. "&email=" .. email
  if #tokens > 0 then
    -- Past the last token they are used again, and refused: counted as other answers.
    body = body .. "&started=" .. tokens[(n - 1) % #tokens + 1]
  end
  return wrk.format("POST", nil, headers, body)
end

function response(status, response_headers, body)
  if status == 302 or status == 303 then
    redirects = redirects + 1
  else
    others = others + 1
    last_other = status
  end
end

function done(summary, latency, requests)
  local accepted, refused, status = 0, 0, 0
  for _, thread in ipairs(threads) do
    accepted = accepted + thread:get("redirects")
    refused = refused + thread:get("others")
    status = math.max(status, thread:get("last_other"))
  end
  io.write(string.format("Redirects: %d\nOther answers: %d (highest status %d)\n", accepted, refused, status))
end
