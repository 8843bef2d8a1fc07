#!/usr/bin/env bash
# Load test of the GraphQL server: serves a copy of a generated bbolt graph
# on loopback and drives it with wrk in two runs (issue #14):
#   mixed    the four reads of api/bench_reads_test.go in turn, for
#            MIXED_DURATION (60s): requests/s, p50, p99, p99.9, errors
#            (there must be none) and the server's peak resident memory;
#   writers  the same reads while WRITERS (48) connections ingest new
#            articles through ingestArticle all along: the reads must keep
#            p99 under 200 ms and get no 503.
# With LOADTEST_EACH=1 it first drives each read alone for DURATION (issue
# #5), and with LOADTEST_INPROCESS=1 it then times the same reads on the
# store in process (graph's BenchmarkReads) and prints the ratio, the API's
# own overhead.
#
#   .ci/loadtest.sh [DB] [DURATION]      (or make loadtest)
#
#   DB        a bbolt store; default graph's benchmark store of
#             NEWSGRAPH_READS (10000) articles, built first when missing
#   DURATION  per read with LOADTEST_EACH=1, as wrk takes it (default 20s, or $DURATION)
#   LOADTEST_DB, LOADTEST_EACH=1, LOADTEST_INPROCESS=1, LOADTEST_THREADS (2),
#   LOADTEST_CONNECTIONS (8), MIXED_DURATION (60s), WRITERS (48),
#   LOADTEST_SERVE_FLAGS (more flags for serve, such as --write-share 1),
#   LOADTEST_KEEP=1 (keep the server log, inputs and wrk output)
set -euo pipefail
cd "$(dirname "$0")/.."
export LC_ALL=C # awk counts bytes below, whichever awk it is

n=${NEWSGRAPH_READS:-10000}
tmp=${TMPDIR:-/tmp}
db=${1:-${LOADTEST_DB:-$tmp/newsgraph-reads-$n-seed1.db}}
duration=${2:-${DURATION:-20s}}
threads=${LOADTEST_THREADS:-2}
conns=${LOADTEST_CONNECTIONS:-8}
mixed_duration=${MIXED_DURATION:-60s}
writers=${WRITERS:-48}
draws=1000 # inputs per read, as graph's scaleQueries
reads=(EntityByID Search Neighborhood2 Path)
token=loadtest-$$-$RANDOM

# swap replaces every from in s with to, for the awk programs below (gsub
# reads the backslashes of its replacement differently in each awk).
swap_awk='
function swap(s, from, to,   out, i) {
	while ((i = index(s, from)) > 0) {
		out = out substr(s, 1, i - 1) to
		s = substr(s, i + length(from))
	}
	return out s
}'

say() { echo "loadtest: $*" >&2; }
die() {
	say "$*"
	exit 1
}

# seconds turns a wrk duration (20, 20s, 2m, 1h) into seconds, to bound
# each wrk run from outside.
seconds() {
	case $1 in
	*[0-9]s | *[0-9]) echo "${1%s}" ;;
	*[0-9]m) echo $((${1%m} * 60)) ;;
	*[0-9]h) echo $((${1%h} * 3600)) ;;
	*) die "duration $1: want a number of seconds, or 30s, 2m, 1h" ;;
	esac
}

need_wrk() {
	command -v wrk >/dev/null 2>&1 && return
	if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
		say "installing wrk from Debian's packages"
		apt-get update -qq >&2
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >&2
		return
	fi
	die "wrk is missing: install it (Debian/Ubuntu: sudo apt-get install wrk; elsewhere https://github.com/wg/wrk)"
}

# build_store makes graph's benchmark build and cache the store of n
# articles where the default db points.
build_store() {
	case $db in
	"$tmp/newsgraph-reads-$n-seed1.db") ;;
	*) die "store $db: no such file (leave DB unset to use graph's benchmark store)" ;;
	esac
	say "building the $n-article store at $db with graph's BenchmarkReads"
	say "(10,000 articles take about 10 minutes on two cores; it is kept for the next run)"
	NEWSGRAPH_READS=$n go test -run '^$' -bench '^BenchmarkReads$' -benchtime 1x -timeout 90m ./graph/ >&2
	[ -f "$db" ] || die "graph's benchmark did not leave a store at $db"
}

seconds "$duration" >/dev/null
command -v curl >/dev/null 2>&1 || die "curl is missing (Debian/Ubuntu: sudo apt-get install curl)"
need_wrk
[ -f "$db" ] || build_store
make --no-print-directory build >&2

work=$(mktemp -d "$tmp/newsgraph-loadtest.XXXXXX")
server=
stop_server() {
	if [ -n "$server" ]; then
		kill "$server" 2>/dev/null || true
		wait "$server" 2>/dev/null || true
		server=
	fi
}
finish() {
	local rc=$?
	stop_server
	rm -f "$work/served.db" # a gigabyte for 10,000 articles; the store it copies stays
	if [ "$rc" -eq 0 ] && [ "${LOADTEST_KEEP:-0}" != 1 ]; then
		rm -rf "$work"
	else
		say "logs kept in $work"
	fi
}
trap finish EXIT
trap 'exit 130' INT TERM

# start_server serves db on a port the kernel picks and waits until the
# store is open (its read index is built at open: a minute or two for
# 10,000 articles) and /healthz answers. It sets url.
start_server() {
	# shellcheck disable=SC2086 # LOADTEST_SERVE_FLAGS is split into flags
	bin/newsgraph serve --db "$served" --addr 127.0.0.1:0 --token "$token" ${LOADTEST_SERVE_FLAGS:-} >"$work/serve.log" 2>&1 &
	server=$!
	say "serving $served, a copy of $db (pid $server, log $work/serve.log); waiting for the store to open"
	local waited=0 addr=
	while :; do
		addr=$(sed -n 's|^  GraphQL:  POST http://\([0-9.:]*\)/graphql$|\1|p' "$work/serve.log")
		[ -n "$addr" ] && break
		kill -0 "$server" 2>/dev/null || {
			tail -n 20 "$work/serve.log" >&2
			die "the server exited before serving"
		}
		[ "$waited" -ge 600 ] && die "the store did not open in 10 minutes"
		if [ "$waited" -gt 0 ] && [ $((waited % 15)) -eq 0 ]; then
			say "still opening the store (${waited}s)"
		fi
		sleep 1
		waited=$((waited + 1))
	done
	url=http://$addr
	curl -fsS --max-time 10 "$url/healthz" >/dev/null || die "$url/healthz does not answer"
	say "server ready at $url after ${waited}s"
}

# graphql posts a query with variables and prints the answer.
graphql() {
	curl -fsS --max-time 60 -H 'Content-Type: application/json' \
		--data-binary "{\"query\":\"$1\",\"variables\":$2}" "$url/graphql"
}

# fetch_entities writes "article<TAB>id<TAB>name" for every entity of every
# article, strings left JSON-escaped, paging through articles 100 at a time.
fetch_entities() {
	local after=null page=0 body
	while :; do
		# shellcheck disable=SC2016 # $after is GraphQL's
		body=$(graphql 'query($after: String) { articles(first: 100, after: $after) { nodes { entities { id name } } pageInfo { endCursor hasNextPage } } }' "{\"after\":$after}")
		case $body in *'"errors"'*) die "fetching articles: $body" ;; esac
		# Split on the quotes that delimit strings (escaped ones are set
		# aside first): even pieces are strings, and a string is a key
		# when the piece after it starts with ':'.
		printf '%s\n' "$body" | awk -v page="$page" "$swap_awk"'
			function esc(s) { return swap(swap(s, "\001", "\\\\"), "\002", "\\\"") }
			{
				gsub(/\\\\/, "\001"); gsub(/\\"/, "\002")
				m = split($0, p, "\"")
				for (i = 2; i <= m; i += 2) {
					key = substr(p[i + 1], 1, 1) == ":"
					if (key && p[i] == "entities") print page * 100 + (++art) "\t\t"
					else if (key) last = p[i]
					else if (last == "id") id = p[i]
					else if (last == "name") print page * 100 + art "\t" esc(id) "\t" esc(p[i])
					else if (last == "endCursor") print "cursor\t" esc(p[i])
				}
			}' >>"$work/entities.tsv"
		case $body in *'"hasNextPage":true'*) ;; *) break ;; esac
		after=\"$(sed -n 's/^cursor\t//p' "$work/entities.tsv" | tail -n 1)\"
		page=$((page + 1))
	done
	sed -i '/^cursor\t/d' "$work/entities.tsv"
}

# draw_inputs picks, as graph's makeQueries does, a random article then a
# random entity it mentions: ids, name prefixes of 3 to 12 characters, and
# pairs; seeded, so a store gives the same inputs every run. It writes them
# as a Lua chunk for loadtest.lua.
draw_inputs() {
	awk -F '\t' -v draws="$draws" "$swap_awk"'
		$2 == "" { arts[++narts] = $1; cnt[$1] = 0; next }
		{ k = ++cnt[$1]; ids[$1, k] = $2; names[$1, k] = $3 }
		# pick sets picked to an article and pickedk to one of its entities.
		function pick() {
			for (;;) {
				picked = arts[int(rand() * narts) + 1]
				if (cnt[picked] > 0) {
					pickedk = int(rand() * cnt[picked]) + 1
					return ids[picked, pickedk]
				}
			}
		}
		# prefix keeps the first k characters of a JSON-escaped name: an
		# escape, or a UTF-8 lead byte and its continuation bytes, is one.
		function prefix(s, k,   i, n) {
			i = 1
			for (n = 0; n < k && i <= length(s); n++) {
				if (substr(s, i, 1) == "\\") {
					i += substr(s, i + 1, 1) == "u" ? 6 : 2
					continue
				}
				i++
				while (i <= length(s) && ord[substr(s, i, 1)] >= 128 && ord[substr(s, i, 1)] < 192)
					i++
			}
			return substr(s, 1, i - 1)
		}
		function lua(s) { return "\"" swap(swap(s, "\\", "\\\\"), "\"", "\\\"") "\"" }
		END {
			if (narts == 0) { print "loadtest: the store has no articles" > "/dev/stderr"; exit 1 }
			for (i = 1; i < 256; i++) ord[sprintf("%c", i)] = i
			srand(1)
			for (i = 1; i <= draws; i++) {
				id[i] = pick()
				pick()
				pre[i] = prefix(names[picked, pickedk], 3 + int(rand() * 10))
				a[i] = pick()
				b[i] = pick()
			}
			print "return {"
			printf "ids = {"; for (i = 1; i <= draws; i++) printf "%s,", lua(id[i]); print "},"
			printf "prefixes = {"; for (i = 1; i <= draws; i++) printf "%s,", lua(pre[i]); print "},"
			printf "pairs = {"; for (i = 1; i <= draws; i++) printf "{%s,%s},", lua(a[i]), lua(b[i]); print "},"
			print "}"
		}' "$work/entities.tsv" >"$work/inputs.lua"
}

# run_read drives one read with wrk for the duration and appends its
# result line to results. timeout bounds a wrk that hangs; --foreground
# leaves wrk in our process group, so that Ctrl-C reaches it.
run_read() {
	local read=$1 bound
	bound=$(($(seconds "$duration") + 60))
	say "$read: wrk -t$threads -c$conns -d$duration"
	LOADTEST_READ=$read LOADTEST_INPUTS=$work/inputs.lua \
		timeout --foreground "$bound" wrk -t"$threads" -c"$conns" -d"$duration" --timeout 10s --latency \
		-s .ci/loadtest.lua "$url/graphql" >"$work/wrk-$read.txt" 2>&1 ||
		{
			cat "$work/wrk-$read.txt" >&2
			die "$read: wrk failed"
		}
	grep '^loadtest first error answer' "$work/wrk-$read.txt" >&2 || true
	grep '^loadtest read=' "$work/wrk-$read.txt" >>"$work/results" ||
		{
			cat "$work/wrk-$read.txt" >&2
			die "$read: no result line from loadtest.lua"
		}
}

# inprocess runs graph's BenchmarkReads on the same store size and writes
# "read ops/s p50-µs p99-µs" lines.
inprocess() {
	say "timing the same reads on the store in process (graph's BenchmarkReads)"
	NEWSGRAPH_READS=$n go test -run '^$' -bench '^BenchmarkReads$' -timeout 30m ./graph/ |
		tee "$work/inprocess.txt" >&2
	awk '/^BenchmarkReads\// {
		name = $1; sub(/^BenchmarkReads\//, "", name); sub(/-[0-9]+$/, "", name)
		for (i = 2; i < NF; i++) v[$(i + 1)] = $i
		print name, v["ops/s"], v["p50-µs"], v["p99-µs"]
	}' "$work/inprocess.txt" >"$work/store"
}

# peak_rss prints the server's peak resident memory in MiB since the last
# reset_peak.
reset_peak() { echo 5 >"/proc/$server/clear_refs" 2>/dev/null || say "cannot reset the peak RSS; it counts from the start"; }
peak_rss() { awk '/^VmHWM:/ { printf "%.0f", $2 / 1024 }' "/proc/$server/status"; }

# run_mixed drives the four reads in turn for mixed_duration, with writer
# connections ingesting articles beside them when $1 is above zero, and
# appends "<run> <result line> peak_rss_mb=... [writer line]" to mixed.
run_mixed() {
	local nwriters=$1 run=mixed bound wpid=
	bound=$(($(seconds "$mixed_duration") + 60))
	[ "$nwriters" -gt 0 ] && run=writers
	reset_peak
	if [ "$nwriters" -gt 0 ]; then
		say "writers: wrk -t1 -c$nwriters -d$mixed_duration ingesting $(wc -l <"$work/articles") articles in turn"
		LOADTEST_ARTICLES=$work/articles LOADTEST_TOKEN=$token \
			timeout --foreground "$bound" wrk -t1 -c"$nwriters" -d"$mixed_duration" --timeout 30s --latency \
			-s .ci/loadtest-write.lua "$url/graphql" >"$work/wrk-writers.txt" 2>&1 &
		wpid=$!
	fi
	say "$run: reads in turn, wrk -t$threads -c$conns -d$mixed_duration"
	LOADTEST_READ=Mixed LOADTEST_INPUTS=$work/inputs.lua \
		timeout --foreground "$bound" wrk -t"$threads" -c"$conns" -d"$mixed_duration" --timeout 10s --latency \
		-s .ci/loadtest.lua "$url/graphql" >"$work/wrk-reads-$run.txt" 2>&1 ||
		die "$run: wrk failed: $(cat "$work/wrk-reads-$run.txt")"
	local line wline=
	line=$(grep '^loadtest read=' "$work/wrk-reads-$run.txt") || die "$run: no result line: $(cat "$work/wrk-reads-$run.txt")"
	grep '^loadtest first error answer' "$work/wrk-reads-$run.txt" >&2 || true
	if [ -n "$wpid" ]; then
		wait "$wpid" || die "writers: wrk failed: $(cat "$work/wrk-writers.txt")"
		wline=$(grep '^loadtest writers' "$work/wrk-writers.txt" | sed 's/^loadtest writers /w_/; s/ / w_/g') ||
			die "writers: no result line: $(cat "$work/wrk-writers.txt")"
		grep '^loadtest first writer error' "$work/wrk-writers.txt" >&2 || true
	fi
	echo "$run ${line#loadtest } peak_rss_mb=$(peak_rss) $wline" >>"$work/mixed"
}

# the served copy takes the writers' articles; the store stays as built
served=$work/served.db
say "copying $db to $served"
cp --sparse=always "$db" "$served"
ls seeds/*.txt >"$work/articles"
if [ -d "${EVAL_DIR:-../shared/eval}/articles" ]; then
	ls "${EVAL_DIR:-../shared/eval}"/articles/*.txt >>"$work/articles" 2>/dev/null || true
fi
start_server
fetch_entities
say "$(cut -f1 "$work/entities.tsv" | sort -u | wc -l) articles, $(awk -F '\t' '$2 != ""' "$work/entities.tsv" | wc -l) mentions; drawing $draws inputs per read"
draw_inputs
: >"$work/results"
: >"$work/mixed"
if [ "${LOADTEST_EACH:-0}" = 1 ]; then
	for r in "${reads[@]}"; do
		run_read "$r"
	done
fi
run_mixed 0
run_mixed "$writers"
stop_server # the in-process benchmark opens the same file

store_cmd="NEWSGRAPH_READS=$n go test -run '^\$' -bench '^BenchmarkReads\$' ./graph/"
: >"$work/store"
if [ "${LOADTEST_INPROCESS:-0}" = 1 ]; then
	if [ "$db" = "$tmp/newsgraph-reads-$n-seed1.db" ]; then
		inprocess
	else
		say "LOADTEST_INPROCESS: $db is not graph's benchmark store; skipped"
	fi
fi

if [ -s "$work/results" ]; then
echo
	echo "newsgraph load test: $db, wrk -t$threads -c$conns -d$duration on loopback"
	awk -v storefile="$work/store" '
		BEGIN { while ((getline l < storefile) > 0) { split(l, f, " "); nstore++; ops[f[1]] = f[2]; p50[f[1]] = f[3]; p99[f[1]] = f[4] } }
		{ for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
		  errs = v["non2xx"] + v["socket_errors"] + v["gql_errors"]
		  if (v["checked"] == 0) errs++
		  bad += errs
		  row[NR] = sprintf("%-14s %9.1f %9.3f %9.3f %7d", v["read"], v["rps"], v["p50_ms"], v["p99_ms"], errs)
		  if (v["read"] in ops) row[NR] = row[NR] sprintf(" %11.1f %9.3f %9.3f %7.1f", ops[v["read"]],
			p50[v["read"]] / 1000, p99[v["read"]] / 1000, v["rps"] > 0 ? ops[v["read"]] / v["rps"] : 0)
		  n = NR }
		END {
			h = sprintf("%-14s %9s %9s %9s %7s", "read", "req/s", "p50 ms", "p99 ms", "errors")
			if (nstore > 0) h = h sprintf(" %11s %9s %9s %7s", "store op/s", "store p50", "store p99", "ratio")
			print h
			for (i = 1; i <= n; i++) print row[i]
			if (nstore > 0) {
				print "ratio: store ops/s / API req/s. The store is timed on one goroutine, the API under"
				print "the connections of wrk on the same cores; the inputs are drawn alike, not the same ones."
			}
			exit (bad > 0)
		}' "$work/results" || {
		echo
		die "some requests failed or answered errors (wrk output in $work); the figures above do not count"
	}
fi

echo
echo "newsgraph mixed load: $db ($n articles), reads wrk -t$threads -c$conns -d$mixed_duration on loopback; writers -c$writers"
awk '
	{ delete v; for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
	  errs = v["non2xx"] + v["socket_errors"] + v["gql_errors"]
	  if (v["checked"] == 0) errs++
	  printf "%-8s %9.1f %9.3f %9.3f %9.3f %7d %6d %9s", $1, v["rps"], v["p50_ms"], v["p99_ms"], v["p999_ms"], errs, v["busy"], v["peak_rss_mb"]
	  # a writer refused with 503 (it waited its time for the write slot)
	  # is busy, not an error; its answer has errors too
	  if ("w_requests" in v) printf "   writers: %d ingested, %d refused busy (503), %d errors; p50 %.0f ms, p99 %.0f ms", \
		v["w_checked"] - v["w_gql_errors"], v["w_busy"], v["w_socket_errors"] + v["w_gql_errors"] - v["w_busy"], v["w_p50_ms"], v["w_p99_ms"]
	  printf "\n"
	  if (errs > 0) { bad = bad "\n  " $1 ": " errs " read errors" }
	  if ($1 == "writers" && v["p99_ms"] >= 200) { bad = bad "\n  writers: read p99 " v["p99_ms"] " ms, over 200 ms" }
	  if ($1 == "writers" && v["busy"] > 0) { bad = bad "\n  writers: " v["busy"] " reads answered 503" }
	}
	BEGIN { printf "%-8s %9s %9s %9s %9s %7s %6s %9s\n", "run", "req/s", "p50 ms", "p99 ms", "p99.9 ms", "errors", "503", "peak MiB" }
	END { if (bad != "") { print "short of the targets:" bad; exit 1 } }' "$work/mixed" || {
	echo
	die "the mixed load missed its targets (wrk output in $work)"
}
if [ ! -s "$work/store" ]; then
	echo
	echo "In-process store figures for the ratio: $store_cmd"
	echo "(or rerun with LOADTEST_INPROCESS=1)"
fi
echo "The API's handler in process, without the network (it builds its own copy of the store):"
echo "  NEWSGRAPH_READS=$n go test -run '^\$' -bench '^BenchmarkHandlerReads\$' ./api/"
