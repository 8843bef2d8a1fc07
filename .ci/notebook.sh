#!/usr/bin/env bash
# Executes examples/explore.ipynb against a server of its own over the
# store DB on a free loopback port: `make notebook`.
#
#   .ci/notebook.sh BIN DB
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$1 db=$2
command -v jupyter-nbconvert >/dev/null 2>&1 || {
	echo "notebook: jupyter-nbconvert is missing: apt-get install jupyter-nbconvert python3-ipykernel python3-networkx python3-matplotlib (or run .ci/deps.sh as root)" >&2
	exit 1
}
port=$(/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
log=$(mktemp)
"$bin" serve --db "$db" --addr "127.0.0.1:$port" >"$log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -f "$log"' EXIT
for _ in $(seq 100); do
	curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
	kill -0 "$server" 2>/dev/null || { cat "$log" >&2; exit 1; }
	sleep 0.1
done
NEWSGRAPH_URL="http://127.0.0.1:$port" PYDEVD_DISABLE_FILE_VALIDATION=1 \
	jupyter-nbconvert --to notebook --execute --ExecutePreprocessor.timeout=300 \
	--output explore.executed.ipynb examples/explore.ipynb
echo "notebook: executed against http://127.0.0.1:$port; see examples/explore.executed.ipynb"
