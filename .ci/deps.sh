#!/usr/bin/env bash
# Makes sure what newsgraph's tests need is on this machine: on a Debian
# machine as root it installs what is missing; elsewhere it says exactly
# what to install and fails.
set -euo pipefail

missing=()
command -v go >/dev/null 2>&1 || missing+=("go (Go 1.24 or newer: https://go.dev/doc/install)")
command -v node >/dev/null 2>&1 || missing+=("nodejs")
command -v npm >/dev/null 2>&1 || missing+=("npm")

want_debs=()
command -v node >/dev/null 2>&1 || want_debs+=(nodejs)
command -v npm >/dev/null 2>&1 || want_debs+=(npm)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1 || want_debs+=(postgresql)
command -v runuser >/dev/null 2>&1 || want_debs+=(util-linux)
# the GraphiQL browser test (api/graphiql_browser_test.go) drives a headless Chromium
command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 ||
	command -v google-chrome-stable >/dev/null 2>&1 || command -v google-chrome >/dev/null 2>&1 ||
	want_debs+=(chromium)

# the export readers and the notebook (cmd/newsgraph/readers_test.go,
# notebook_test.go) use Debian's Python, its networkx, rdflib and matplotlib,
# and Jupyter's nbconvert with the Python kernel
py=/usr/bin/python3
for mod in networkx:python3-networkx rdflib:python3-rdflib matplotlib:python3-matplotlib ipykernel:python3-ipykernel; do
	"$py" -c "import ${mod%%:*}" >/dev/null 2>&1 || want_debs+=("${mod#*:}")
done
command -v jupyter-nbconvert >/dev/null 2>&1 || want_debs+=(jupyter-nbconvert)

if [ ${#want_debs[@]} -gt 0 ]; then
	if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
		echo "deps: installing ${want_debs[*]} from Debian's packages" >&2
		apt-get update -qq >&2
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${want_debs[@]}" >&2
		missing=()
		command -v go >/dev/null 2>&1 || missing+=("go")
	else
		echo "deps: missing: ${want_debs[*]}; install them (Debian/Ubuntu: sudo apt-get install ${want_debs[*]})" >&2
		exit 1
	fi
fi
if [ ${#missing[@]} -gt 0 ]; then
	echo "deps: missing: ${missing[*]}" >&2
	exit 1
fi
