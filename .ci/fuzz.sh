#!/usr/bin/env bash
# Runs every Go fuzz target of the module for a bounded time each
# (make fuzz; .ci/run runs them for 15 s), one after the other, and prints
# one line per target: its package, name, time, executions and result.
# A target that fails leaves its input under the package's testdata/fuzz,
# where `go test` runs it from then on as a regression case; commit it with
# the fix.
#
#   .ci/fuzz.sh [FUZZTIME]      (default 60s, or $FUZZTIME)
set -euo pipefail
cd "$(dirname "$0")/.."
fuzztime=${1:-${FUZZTIME:-60s}}
work=$(mktemp -d "${TMPDIR:-/tmp}/newsgraph-fuzz.XXXXXX")
trap 'rm -rf "$work"' EXIT

summary=()
failed=0
for pkg in $(go list ./...); do
	targets=$(go test -list '^Fuzz' "$pkg" 2>/dev/null | grep '^Fuzz' || true)
	for target in $targets; do
		echo "fuzz: $pkg $target for $fuzztime" >&2
		log="$work/$target.log"
		if go test -run '^$' -fuzz "^$target\$" -fuzztime "$fuzztime" "$pkg" >"$log" 2>&1; then
			result=ok
		else
			result=FAILED
			failed=1
			cat "$log" >&2
		fi
		execs=$(sed -n 's/^fuzz: elapsed: .*, execs: \([0-9]*\) .*/\1/p' "$log" | tail -n 1)
		summary+=("$(printf '%-45s %-22s %6s %10s execs  %s' "$pkg" "$target" "$fuzztime" "${execs:-0}" "$result")")
	done
done
[ ${#summary[@]} -gt 0 ] || { echo "fuzz: no fuzz targets found" >&2; exit 1; }
echo
printf '%s\n' "${summary[@]}"
exit "$failed"
