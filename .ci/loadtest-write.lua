-- wrk script for .ci/loadtest.sh's run with writers: each request is an
-- ingestArticle mutation of one of the articles listed, under an id no
-- other request uses, so that every one is a new article the server
-- extracts and stores.
--
--   LOADTEST_ARTICLES=file  the article files, one path a line
--   LOADTEST_TOKEN=token    the server's bearer token
--
-- done() prints one line for the shell to read:
--   loadtest writers requests=... rps=... p50_ms=... p99_ms=... non2xx=...
--            busy=... socket_errors=... gql_errors=... checked=...

local threads = {}

function setup(thread)
	thread:set("index", #threads)
	table.insert(threads, thread)
end

-- jsonString quotes s for JSON: backslash, quote and every control
-- character escaped.
local function jsonString(s)
	s = s:gsub('\\', '\\\\'):gsub('"', '\\"')
	s = s:gsub('%c', function(c) return string.format('\\u%04x', c:byte()) end)
	return '"' .. s .. '"'
end

local mutation = jsonString("mutation($in: IngestArticleInput!) { ingestArticle(input: $in) { status quads } }")
local texts, n = {}, 0
responses, gql_errors, busy, sample = 0, 0, 0, nil

function init(args)
	for path in io.lines(os.getenv("LOADTEST_ARTICLES")) do
		local f = assert(io.open(path, "rb"))
		table.insert(texts, jsonString(f:read("*a")))
		f:close()
	end
	wrk.method = "POST"
	wrk.headers["Content-Type"] = "application/json"
	wrk.headers["Authorization"] = "Bearer " .. os.getenv("LOADTEST_TOKEN")
end

function request()
	n = n + 1
	local id = string.format('"loadtest-%d-%d-%d"', os.time(), index, n)
	local body = '{"query":' .. mutation .. ',"variables":{"in":{"id":' .. id ..
		',"text":' .. texts[n % #texts + 1] .. '}}}'
	return wrk.format(nil, "/graphql", nil, body)
end

function response(status, headers, body)
	responses = responses + 1
	if status == 503 then
		busy = busy + 1
	end
	if body:find('"errors"', 1, true) then
		gql_errors = gql_errors + 1
		if not sample then sample = body:sub(1, 300) end
	end
end

function done(summary, latency, requests)
	local checked, gerr, nbusy, first = 0, 0, 0, nil
	for _, t in ipairs(threads) do
		checked = checked + t:get("responses")
		gerr = gerr + t:get("gql_errors")
		nbusy = nbusy + t:get("busy")
		first = first or t:get("sample")
	end
	local e = summary.errors
	io.write(string.format(
		"loadtest writers requests=%d rps=%.2f p50_ms=%.1f p99_ms=%.1f non2xx=%d busy=%d socket_errors=%d gql_errors=%d checked=%d\n",
		summary.requests, summary.requests / (summary.duration / 1e6),
		latency:percentile(50) / 1e3, latency:percentile(99) / 1e3,
		e.status, nbusy, e.connect + e.read + e.write + e.timeout, gerr, checked))
	if first then
		io.write("loadtest first writer error answer: " .. first .. "\n")
	end
end
