-- A mix of detail reads and registrations: four GET /api/v1/domains/{id}/ of the account's own
-- domains (ids from BENCH_IDS_FILE) for each POST /api/v1/domains/ of a fresh, unique name
-- (run nonce, thread number and a counter). Counts every status; prints exact percentiles.
local token = os.getenv("BENCH_TOKEN") or "sandbox-demo-token"
local nonce = os.getenv("BENCH_NONCE") or tostring(os.time())
local every = tonumber(os.getenv("BENCH_WRITE_EVERY") or "5")
local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("tid", #threads)
end

function init(args)
  ids = {}
  for line in io.lines(os.getenv("BENCH_IDS_FILE")) do
    ids[#ids + 1] = line
  end
  statuses = {}
  counter = 0
  math.randomseed(tid * 7919 + os.time())
  auth = "Bearer " .. token
end

function request()
  counter = counter + 1
  if counter % every == 0 then
    local body = string.format('{"domain_name": "wrk-%s-%d-%d.com"}', nonce, tid, counter)
    return wrk.format("POST", "/api/v1/domains/", { ["Authorization"] = auth, ["Content-Type"] = "application/json" }, body)
  end
  return wrk.format("GET", "/api/v1/domains/" .. ids[math.random(#ids)] .. "/", { ["Authorization"] = auth })
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses")) do
      total[status] = (total[status] or 0) + count
    end
  end
  for status, count in pairs(total) do
    io.write(string.format("STATUS %d %d\n", status, count))
  end
  for _, p in ipairs({ 50, 90, 99, 99.9 }) do
    io.write(string.format("PERCENTILE %g %d\n", p, latency:percentile(p)))
  end
  io.write(string.format("MAX %d\n", latency.max))
end
