#!/usr/bin/env bash
# Starts or stops a throw-away PostgreSQL server for newsgraph's tests.
#
#   .ci/postgres.sh start DIR   init a cluster in DIR, start it on a free port
#                               of 127.0.0.1 (socket in DIR), create database
#                               newsgraph_test and print its URL, one line
#   .ci/postgres.sh stop DIR    stop it
#   .ci/postgres.sh restart DIR start a stopped cluster of DIR again, on its
#                               port, with its data
#
# NEWSGRAPH_PG_OPTIONS adds server settings to start and restart, e.g.
# "-c shared_buffers=4GB -c max_wal_size=16GB" for a long scale load.
#
# Everything but the URL goes to stderr. PostgreSQL refuses to run as root,
# so as root the cluster belongs to the user postgres.
set -euo pipefail

usage() { echo "usage: $0 start|stop|restart DIR" >&2; exit 2; }
[ $# -eq 2 ] || usage
cmd=$1
dir=$2

find_bin() {
	local d
	if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
		dirname "$(readlink -f "$(command -v initdb)")"
		return 0
	fi
	for d in /usr/lib/postgresql/*/bin /usr/local/pgsql/bin; do
		if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then
			echo "$d"
			return 0
		fi
	done
	return 1
}

# as_owner runs a command as the owner of the cluster.
as_owner() {
	if [ "$(id -u)" -eq 0 ]; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}

free_port() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()' 2>/dev/null && return 0
	local p
	for p in $(seq 55432 55632); do
		if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
			echo "$p"
			return 0
		fi
	done
	echo "postgres.sh: no free port found" >&2
	return 1
}

start() {
	local bin
	exec 3>&1 1>&2 # only the URL goes to stdout
	if ! bin=$(find_bin); then
		if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
			echo "postgres.sh: installing PostgreSQL with apt-get" >&2
			apt-get update >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql >&2
			bin=$(find_bin) || { echo "postgres.sh: initdb still missing after installing postgresql" >&2; exit 1; }
		else
			echo "postgres.sh: initdb not found; install PostgreSQL (Debian/Ubuntu: sudo apt-get install postgresql) and retry" >&2
			exit 1
		fi
	fi
	mkdir -p "$dir"
	dir=$(cd "$dir" && pwd)
	if [ "$(id -u)" -eq 0 ]; then
		id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
		chown postgres "$dir"
		# the owner must be able to reach DIR
		chmod o+x "$(dirname "$dir")" 2>/dev/null || true
	fi
	if [ -f "$dir/data/postmaster.pid" ]; then
		echo "postgres.sh: a server already runs in $dir/data; stop it first" >&2
		exit 1
	fi
	rm -rf "$dir/data"
	as_owner "$bin/initdb" -D "$dir/data" -U postgres -A trust --no-sync -E UTF8 >"$dir/initdb.log" 2>&1 ||
		{ cat "$dir/initdb.log" >&2; exit 1; }
	local port
	port=$(free_port)
	as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
		-o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200 ${NEWSGRAPH_PG_OPTIONS:-}" start >&2 3>&- ||
		{ cat "$dir/server.log" >&2; exit 1; }
	echo "$port" >"$dir/port"
	as_owner "$bin/createdb" -h "$dir" -p "$port" -U postgres newsgraph_test >&2
	echo "postgres://postgres@127.0.0.1:$port/newsgraph_test?sslmode=disable" >&3
}

stop() {
	local bin
	bin=$(find_bin) || { echo "postgres.sh: pg_ctl not found" >&2; exit 1; }
	if [ ! -f "$dir/data/postmaster.pid" ]; then
		echo "postgres.sh: no server running in $dir" >&2
		return 0
	fi
	as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >&2
}

restart() {
	local bin port
	bin=$(find_bin) || { echo "postgres.sh: pg_ctl not found" >&2; exit 1; }
	dir=$(cd "$dir" && pwd)
	[ -f "$dir/port" ] && [ -d "$dir/data" ] || { echo "postgres.sh: no cluster in $dir to restart" >&2; exit 1; }
	port=$(cat "$dir/port")
	as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
		-o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200 ${NEWSGRAPH_PG_OPTIONS:-}" start >&2 ||
		{ cat "$dir/server.log" >&2; exit 1; }
}

case $cmd in
start) start ;;
stop) stop ;;
restart) restart ;;
*) usage ;;
esac
