-- wrk script of bench/api_bench.sh for the write load: county clerks filing daily reports.
--
--   wrk -t T -c C -d 30s -s write_reports.lua http://127.0.0.1:PORT/api/v1/reports CLERKS T
--
-- CLERKS is a file of "REGION TOKEN" lines: one clerk a line, each signed in as the county clerk
-- of a different reporting unit. The clerks are dealt out to wrk's T threads (clerk i to thread
-- i mod T). Each thread's requests cycle through its clerks; each request is one report for the
-- clerk's own unit, for the next day of that clerk, counting up from 2030-01-01, so no
-- (region, date) is ever sent twice and every write is a first report. A response hook counts
-- the statuses; done() prints the totals as key=value lines after wrk's own report.

local first_day = 21915 -- 2030-01-01, in days since 1970-01-01
local threads = {}

function setup(thread)
  thread:set("thread_index", #threads)
  table.insert(threads, thread)
end

-- "YYYY-MM-DD" of a day count since 1970-01-01 (H. Hinnant's civil_from_days).
local function iso_date(days)
  local z = days + 719468
  local era = math.floor(z / 146097)
  local doe = z - era * 146097
  local yoe = math.floor((doe - math.floor(doe / 1460) + math.floor(doe / 36524)
                          - math.floor(doe / 146096)) / 365)
  local doy = doe - (365 * yoe + math.floor(yoe / 4) - math.floor(yoe / 100))
  local mp = math.floor((5 * doy + 2) / 153)
  local day = doy - math.floor((153 * mp + 2) / 5) + 1
  local month = mp < 10 and mp + 3 or mp - 9
  local year = yoe + era * 400 + (month <= 2 and 1 or 0)
  return string.format("%04d-%02d-%02d", year, month, day)
end

function init(args)
  local path, thread_count = args[1], tonumber(args[2])
  clerks = {}
  local line_index = 0
  for line in io.lines(path) do
    local region, token = line:match("^(%S+)%s+(%S+)$")
    if region then
      if line_index % thread_count == thread_index then
        table.insert(clerks, {region = region, authorization = "Bearer " .. token, next_day = 0})
      end
      line_index = line_index + 1
    end
  end
  if #clerks == 0 then error("write_reports.lua: no clerk for thread " .. thread_index) end
  turn = 0
  sent = 0
  created = 0
  other = 0
  first_other = ""
end

function request()
  turn = turn % #clerks + 1
  local clerk = clerks[turn]
  local day = clerk.next_day
  clerk.next_day = day + 1
  sent = sent + 1
  -- Plausible small counts that vary from day to day.
  local fever = (day * 7 + turn * 3) % 40
  local body = string.format(
    '{"region":"%s","date":"%s","new_fever":%d,"new_recovered":%d,"new_deaths":0,' ..
    '"under_treatment":%d,"tested":%d,"positive":%d}',
    clerk.region, iso_date(first_day + day), fever, fever % 5, fever * 2, fever + 10, fever % 7)
  return wrk.format("POST", nil,
                    {["Authorization"] = clerk.authorization,
                     ["Content-Type"] = "application/json"}, body)
end

function response(status, headers, body)
  if status == 201 then
    created = created + 1
  else
    other = other + 1
    if first_other == "" then first_other = status .. " " .. string.sub(body or "", 1, 300) end
  end
end

function done(summary, latency, requests)
  local sent_total, created_total, other_total, first = 0, 0, 0, ""
  for _, thread in ipairs(threads) do
    sent_total = sent_total + thread:get("sent")
    created_total = created_total + thread:get("created")
    other_total = other_total + thread:get("other")
    if first == "" then first = thread:get("first_other") end
  end
  local seconds = summary.duration / 1e6
  local errors = summary.errors
  io.write(string.format("requests=%d\n", summary.requests))
  io.write(string.format("seconds=%.3f\n", seconds))
  io.write(string.format("rps=%.0f\n", summary.requests / seconds))
  io.write(string.format("p50_ms=%.3f\n", latency:percentile(50) / 1000))
  io.write(string.format("p99_ms=%.3f\n", latency:percentile(99) / 1000))
  io.write(string.format("non2xx=%d\n", errors.status))
  io.write(string.format("socket_errors=%d\n",
                         errors.connect + errors.read + errors.write + errors.timeout))
  io.write(string.format("sent=%d\n", sent_total))
  io.write(string.format("created=%d\n", created_total))
  io.write(string.format("other_status=%d\n", other_total))
  io.write(string.format("first_other=%s\n", (first:gsub("\n", " "))))
end
