-- wrk script for .ci/loadtest.sh: POSTs one of the four reads of
-- api/bench_reads_test.go's BenchmarkHandlerReads, cycling through inputs
-- drawn from the live graph, and checks that the answers are answers.
--
--   LOADTEST_READ=EntityByID|Search|Neighborhood2|Path|Mixed (the four in turn)
--   LOADTEST_INPUTS=file   a Lua chunk returning {ids=, prefixes=, pairs=};
--                          its strings are already JSON-escaped
--
-- done() prints one line for the shell to read:
--   loadtest read=... requests=... rps=... p50_ms=... p99_ms=... p999_ms=...
--            non2xx=... busy=... socket_errors=... gql_errors=... checked=...

-- The query texts are BenchmarkHandlerReads's, byte for byte, so its
-- in-process requests/s compare with these.
local queries = {
	EntityByID = "query($id: ID!) { entity(id: $id) { id name type degree\n\t\t\t" ..
		"relations(first: 20) { totalCount nodes { subject { id name } predicate object { id name } value confidence } } } }",
	Search = "query($q: String!) { search(query: $q) { nodes { score matched entity { id name type } } } }",
	Neighborhood2 = "query($id: ID!) { neighborhood(id: $id, depth: 2, limit: 200) { truncated\n\t\t\t" ..
		"nodes { id type name } edges { subject { id } predicate object { id } } } }",
	Path = "query($a: ID!, $b: ID!) { path(from: $a, to: $b, maxDepth: 4) {\n\t\t\t" ..
		"nodes { id name } edges { subject { id } predicate object { id } } } }",
}

local function jsonString(s)
	return '"' .. s:gsub('\\', '\\\\'):gsub('"', '\\"'):gsub('\n', '\\n'):gsub('\t', '\\t') .. '"'
end

-- variables turns input i of the chosen read into the JSON of its variables.
local variables = {
	EntityByID = function(q, i) return '{"id":"' .. q.ids[i] .. '"}' end,
	Search = function(q, i) return '{"q":"' .. q.prefixes[i] .. '"}' end,
	Neighborhood2 = function(q, i) return '{"id":"' .. q.ids[i] .. '"}' end,
	Path = function(q, i) return '{"a":"' .. q.pairs[i][1] .. '","b":"' .. q.pairs[i][2] .. '"}' end,
}

local read = os.getenv("LOADTEST_READ") or ""
local kinds = {read}
if read == "Mixed" then
	kinds = {"EntityByID", "Search", "Neighborhood2", "Path"}
elseif not queries[read] then
	error("loadtest.lua: LOADTEST_READ=" .. read .. ": want EntityByID, Search, Neighborhood2, Path or Mixed")
end

-- setup runs in the main state, once per thread; done reads the threads'
-- counters back through this list.
local threads = {}

function setup(thread)
	thread:set("index", #threads)
	table.insert(threads, thread)
end

-- Per-thread state: the bodies, prebuilt, and where this thread is in them.
local bodies, next_body = {}, 1
responses, gql_errors, busy, sample = 0, 0, 0, nil

function init(args)
	local q = dofile(os.getenv("LOADTEST_INPUTS"))
	local n = #q.ids
	for i = 1, n do
		local kind = kinds[(i - 1) % #kinds + 1]
		bodies[i] = '{"query":' .. jsonString(queries[kind]) .. ',"variables":' .. variables[kind](q, i) .. '}'
	end
	-- threads start at different places so they do not ask the same thing
	-- at once
	next_body = 1 + (index * math.floor(n / 2)) % n
	wrk.method = "POST"
	wrk.headers["Content-Type"] = "application/json"
end

function request()
	local body = bodies[next_body]
	next_body = next_body % #bodies + 1
	return wrk.format(nil, "/graphql", nil, body)
end

-- Defining response() makes wrk parse every body, which costs it a little
-- of its throughput; without it a run of error answers would pass for a
-- fast one.
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
		"loadtest read=%s requests=%d rps=%.1f p50_ms=%.3f p99_ms=%.3f p999_ms=%.3f non2xx=%d busy=%d socket_errors=%d gql_errors=%d checked=%d\n",
		read, summary.requests, summary.requests / (summary.duration / 1e6),
		latency:percentile(50) / 1e3, latency:percentile(99) / 1e3, latency:percentile(99.9) / 1e3,
		e.status, nbusy, e.connect + e.read + e.write + e.timeout, gerr, checked))
	if first then
		io.write("loadtest first error answer: " .. first .. "\n")
	end
end
