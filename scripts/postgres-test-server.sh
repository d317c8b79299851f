#!/usr/bin/env bash
# Starts (or reuses) a throw-away PostgreSQL server for the store tests, on loopback, and prints the connection
# string the tests read from DASHBOARD_TEST_POSTGRES. Installs Debian's postgresql when it is missing.
# Idempotent: a second run finds the running server (same data folder and port) and prints the same string.
#   eval "$(bash scripts/postgres-test-server.sh)"      # exports DASHBOARD_TEST_POSTGRES
#   bash scripts/postgres-test-server.sh --stop          # stops it
# Settings: PGTEST_DIR (data folder, default /tmp/dashboard-test-pg), PGTEST_PORT (default 55432).
set -euo pipefail

DIR="${PGTEST_DIR:-/tmp/dashboard-test-pg}"
PORT="${PGTEST_PORT:-55432}"
ROLE=dashboard_test
PASSWORD=dashboard_test
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"

pg_bin() {
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -n "$bin" ] && echo "$bin"
}

# Runs a command as the postgres system user (the server refuses to run as root).
as_postgres() {
  if [ "$(id -un)" = postgres ]; then "$@"; elif [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi
}

if [ "${1:-}" = "--stop" ]; then
  BIN=$(pg_bin) || exit 0
  [ -f "$DIR/data/postmaster.pid" ] && as_postgres "$BIN/pg_ctl" -D "$DIR/data" -m fast stop >&2
  exit 0
fi

if [ -z "$(pg_bin)" ]; then
  echo "Installing Debian's postgresql for the store tests..." >&2
  $SUDO apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >/dev/null \
    || DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >/dev/null \
    || { echo "postgresql install failed" >&2; exit 1; }
fi
BIN=$(pg_bin)

if [ ! -f "$DIR/data/PG_VERSION" ]; then
  $SUDO mkdir -p "$DIR"
  $SUDO chown postgres:postgres "$DIR"
  as_postgres "$BIN/initdb" -D "$DIR/data" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
    --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  # Loopback only, a private socket folder (no clash with a system cluster), settings for a test server:
  # durability is not needed (fsync off), the data is thrown away.
  cat >>"$DIR/data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $PORT
unix_socket_directories = '$DIR'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 200
shared_buffers = 256MB
timezone = 'UTC'
CONF
fi

if ! as_postgres "$BIN/pg_ctl" -D "$DIR/data" status >/dev/null 2>&1; then
  as_postgres "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 start >/dev/null \
    || { echo "PostgreSQL did not start; see $DIR/server.log" >&2; tail -n 20 "$DIR/server.log" >&2; exit 1; }
fi

# The tests' role may create (and drop) one database per test class.
as_postgres "$BIN/psql" -h "$DIR" -p "$PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -qtA >/dev/null <<SQL
SET client_min_messages = warning;
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$ROLE') THEN
    CREATE ROLE $ROLE LOGIN CREATEDB PASSWORD '$PASSWORD';
  END IF;
END \$\$;
-- DROP DATABASE … WITH (FORCE) of a test database may have to end an autovacuum worker in it.
GRANT pg_signal_backend TO $ROLE;
SQL

echo "export DASHBOARD_TEST_POSTGRES='Host=127.0.0.1;Port=$PORT;Username=$ROLE;Password=$PASSWORD;Database=postgres'"
