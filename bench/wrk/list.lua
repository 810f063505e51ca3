-- GET /api/v1/domains/ (the whole list) with the Bearer token; percentiles printed exactly.
-- BENCH_ACCEPT_ENCODING=gzip asks for the body gzipped, as browsers do (wrk itself never does).
local token = os.getenv("BENCH_TOKEN") or "sandbox-demo-token"
wrk.method = "GET"
wrk.headers["Authorization"] = "Bearer " .. token
local encoding = os.getenv("BENCH_ACCEPT_ENCODING")
if encoding and encoding ~= "" then
  wrk.headers["Accept-Encoding"] = encoding
end

function done(summary, latency, requests)
  for _, p in ipairs({ 50, 90, 99, 99.9 }) do
    io.write(string.format("PERCENTILE %g %d\n", p, latency:percentile(p)))
  end
  io.write(string.format("MAX %d\n", latency.max))
end
