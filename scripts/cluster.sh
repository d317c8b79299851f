#!/usr/bin/env bash
# The dashboard past one machine, on loopback: PostgreSQL, Redis, two app instances behind nginx (sticky per browser)
# and a separate worker process executing model runs. Only existing engines: Debian's postgresql, redis-server, nginx.
#
#   scripts/cluster.sh start    installs what is missing, builds, starts everything, prints the addresses
#   scripts/cluster.sh stop     stops everything it started
#   scripts/cluster.sh status   what is running
#
# Settings (environment): CLUSTER_DIR (state, logs; default /tmp/dashboard-cluster), CLUSTER_PORT (nginx, default 5180;
# the instances take the next two ports, PostgreSQL +10, Redis +11), CLUSTER_CUSTOMERS (demo brand size, default 3000),
# CLUSTER_NO_BUILD=1 (publish the existing Release build without compiling again), CLUSTER_PROVIDER=sqlite (one SQLite file shared by the processes
# instead of PostgreSQL: the same machine only, for trying the layout without a database server).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
DIR=${CLUSTER_DIR:-/tmp/dashboard-cluster}
PORT=${CLUSTER_PORT:-5180}
APP1=$((PORT + 1)); APP2=$((PORT + 2)); PGPORT=$((PORT + 10)); REDISPORT=$((PORT + 11))
CUSTOMERS=${CLUSTER_CUSTOMERS:-3000}
APPDIR="$DIR/app"
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
PROVIDER=${CLUSTER_PROVIDER:-postgres}
if [ "$PROVIDER" = sqlite ]; then
  CONN="Data Source=$DIR/dashboard.db"
else
  CONN="Host=127.0.0.1;Port=$PGPORT;Database=dashboard;Username=dashboard;Password=dashboard"
fi

say() { printf 'cluster: %s\n' "$*"; }

install_missing() {
  local missing=()
  [ -n "$PGBIN" ] && [ -x "$PGBIN/initdb" ] || missing+=(postgresql)
  command -v redis-server >/dev/null || missing+=(redis-server)
  command -v nginx >/dev/null || missing+=(nginx-light)
  if [ ${#missing[@]} -gt 0 ]; then
    say "installing ${missing[*]}"
    local sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
    PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  fi
}

# Runs a command as the postgres user when we are root (PostgreSQL refuses to run as root).
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

start_postgres() {
  mkdir -p "$DIR/pg" "$DIR/pglog"
  [ "$(id -u)" -eq 0 ] && chown postgres "$DIR/pg" "$DIR/pglog"
  if [ ! -f "$DIR/pg/PG_VERSION" ]; then
    as_pg "$PGBIN/initdb" -D "$DIR/pg" -A trust -U postgres >/dev/null
  fi
  as_pg "$PGBIN/pg_ctl" -D "$DIR/pg" -l "$DIR/pglog/postgres.log" -w -o "-p $PGPORT -k /tmp -c listen_addresses=127.0.0.1" start >/dev/null
  as_pg "$PGBIN/psql" -h 127.0.0.1 -p "$PGPORT" -U postgres -tAc "SELECT 1 FROM pg_roles WHERE rolname='dashboard'" | grep -q 1 \
    || as_pg "$PGBIN/psql" -h 127.0.0.1 -p "$PGPORT" -U postgres -qc "CREATE ROLE dashboard LOGIN PASSWORD 'dashboard' CREATEDB"
  as_pg "$PGBIN/psql" -h 127.0.0.1 -p "$PGPORT" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='dashboard'" | grep -q 1 \
    || as_pg "$PGBIN/psql" -h 127.0.0.1 -p "$PGPORT" -U postgres -qc "CREATE DATABASE dashboard OWNER dashboard"
  say "postgresql on 127.0.0.1:$PGPORT"
}

start_redis() {
  redis-server --port "$REDISPORT" --bind 127.0.0.1 --daemonize yes --dir "$DIR" --pidfile "$DIR/redis.pid" \
    --logfile "$DIR/redis.log" --save "" --appendonly no
  say "redis on 127.0.0.1:$REDISPORT"
}

# The same executable in three roles (plain http on loopback, hence cookies without the Secure flag; put TLS in front
# of nginx and drop Security__SecureCookies for anything users reach); everything they share is in PostgreSQL (data, queued runs, data-protection keys)
# and Redis (SignalR backplane).
run_dashboard() {
  local name=$1; shift
  env ASPNETCORE_ENVIRONMENT=Production \
    Database__Provider="$PROVIDER" ConnectionStrings__Dashboard="$CONN" \
    Redis__Configuration="127.0.0.1:$REDISPORT" Jobs__RunInProcess=false Instance__Name="$name" \
    Security__SecureCookies=false \
    Demo__Customers="$CUSTOMERS" \
    nohup bash -c 'cd "$0" && exec dotnet Dashboard.dll "$@"' "$APPDIR" "$@" >"$DIR/$name.log" 2>&1 &
  echo $! >"$DIR/$name.pid"
}

wait_http() {
  local url=$1
  for _ in $(seq 1 600); do
    curl -fsS -o /dev/null "$url" 2>/dev/null && return 0
    sleep 0.5
  done
  say "no answer from $url; see the logs in $DIR"; return 1
}

start_nginx() {
  cat >"$DIR/nginx.conf" <<EOF
worker_processes 1;
pid $DIR/nginx.pid;
error_log $DIR/nginx-error.log warn;
events { worker_connections 1024; }
http {
  access_log $DIR/nginx-access.log;
  client_body_temp_path $DIR/nginx-body;
  proxy_temp_path $DIR/nginx-proxy;
  fastcgi_temp_path $DIR/nginx-fastcgi;
  uwsgi_temp_path $DIR/nginx-uwsgi;
  scgi_temp_path $DIR/nginx-scgi;
  client_max_body_size 512m;
  # Sticky sessions: a Blazor circuit lives in one instance, so every request of a browser goes to the same one.
  # Open-source nginx has no sticky cookie, so the affinity key is a cookie nginx sets itself on the first response.
  map \$cookie_dashboard_affinity \$affinity { "" \$request_id; default \$cookie_dashboard_affinity; }
  map \$cookie_dashboard_affinity \$affinity_cookie { "" "dashboard_affinity=\$request_id; Path=/; HttpOnly; SameSite=Lax"; default ""; }
  map \$http_upgrade \$connection_upgrade { default upgrade; "" close; }
  upstream dashboard {
    hash \$affinity consistent;
    server 127.0.0.1:$APP1 max_fails=1 fail_timeout=5s;
    server 127.0.0.1:$APP2 max_fails=1 fail_timeout=5s;
  }
  server {
    listen 127.0.0.1:$PORT;
    location / {
      proxy_pass http://dashboard;
      proxy_http_version 1.1;
      proxy_set_header Upgrade \$http_upgrade;
      proxy_set_header Connection \$connection_upgrade;
      proxy_set_header Host \$host:\$server_port;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto \$scheme;
      proxy_read_timeout 1h;
      proxy_next_upstream error timeout http_502 http_503;
      add_header Set-Cookie \$affinity_cookie;
    }
  }
}
EOF
  nginx -c "$DIR/nginx.conf" -p "$DIR"
  say "nginx on http://127.0.0.1:$PORT (instances on $APP1 and $APP2)"
}

# SIGTERM, then wait for the process to finish its shutdown (a worker hands its run back) before Redis goes away.
stop_pid() {
  [ -f "$DIR/$1.pid" ] || return 0
  local pid; pid=$(cat "$DIR/$1.pid")
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  rm -f "$DIR/$1.pid"
}

stop_all() {
  [ -f "$DIR/nginx.pid" ] && nginx -c "$DIR/nginx.conf" -p "$DIR" -s stop 2>/dev/null || true
  for p in worker app2 app1; do stop_pid "$p"; done
  [ -f "$DIR/redis.pid" ] && kill "$(cat "$DIR/redis.pid")" 2>/dev/null || true
  if [ -n "$PGBIN" ] && [ -f "$DIR/pg/postmaster.pid" ]; then as_pg "$PGBIN/pg_ctl" -D "$DIR/pg" -m fast stop >/dev/null || true; fi
  say "stopped"
}

case "${1:-}" in
  start)
    install_missing
    mkdir -p "$DIR"
    stop_all >/dev/null
    # A published folder: outside Development, static files (Blazor's script, MudBlazor's) are served from wwwroot only.
    build=""; [ "${CLUSTER_NO_BUILD:-0}" = 1 ] && build="--no-build"
    dotnet publish Dashboard/Dashboard.csproj -c Release $build -o "$APPDIR" -nologo -v quiet >/dev/null
    [ "$PROVIDER" = sqlite ] || start_postgres
    start_redis
    # The first instance migrates and seeds; the second and the worker start once it answers.
    run_dashboard app1 --urls "http://127.0.0.1:$APP1"
    wait_http "http://127.0.0.1:$APP1/healthz"
    run_dashboard app2 --urls "http://127.0.0.1:$APP2"
    run_dashboard worker worker
    wait_http "http://127.0.0.1:$APP2/healthz"
    start_nginx
    wait_http "http://127.0.0.1:$PORT/healthz"
    say "ready: http://127.0.0.1:$PORT"
    ;;
  stop) stop_all ;;
  status)
    for p in app1 app2 worker; do
      if [ -f "$DIR/$p.pid" ] && kill -0 "$(cat "$DIR/$p.pid")" 2>/dev/null; then say "$p running (pid $(cat "$DIR/$p.pid"))"; else say "$p stopped"; fi
    done
    ;;
  *) echo "usage: scripts/cluster.sh start|stop|status"; exit 2 ;;
esac
