#!/usr/bin/env bash
# Runs every test of the solution: installs what is missing (Debian's chromium for the browser tests, Debian's
# postgresql for the PostgreSQL store tests), starts a throw-away PostgreSQL server on loopback
# (scripts/postgres-test-server.sh), restores the local tools, builds in Release and runs `dotnet test` twice,
# writing TRX files to TestResults/:
#   1. every test on the embedded default (SQLite), plus the Category=Postgres tests against the server, and the
#      Category=Load test (browser users at once; it runs alone, after the others, and writes its figures to
#      TestResults/load.json). Here it runs 20 users (ramp-up 20 s, steady 45 s, charts drawn): 2.5 minutes, where the
#      200-user run (docs/performance.md has its command and figures) takes 6 and needs the whole machine; set the
#      DASHBOARD_LOAD_* variables to change it, --filter "Category!=Load" leaves it out;
#   2. the store tests again (Data, Features, Jobs, Cli, Integration) with DASHBOARD_TEST_PROVIDER=postgres, each
#      test class on its own fresh PostgreSQL database.
# Arguments go to the first run (e.g. --filter "Category!=E2E").
set -uo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1 && [ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
  echo "Installing Debian's chromium for the browser tests..."
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  # The first install on a busy machine can fail half way (dpkg temp folder); one retry completes it.
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null \
    || DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null \
    || { echo "chromium install failed"; exit 1; }
fi

# A server of your own: set DASHBOARD_TEST_POSTGRES (a role that may CREATE DATABASE) and none is started.
if [ -z "${DASHBOARD_TEST_POSTGRES:-}" ]; then
  PG_ENV=$(bash scripts/postgres-test-server.sh) || { echo "could not start the PostgreSQL test server"; exit 1; }
  eval "$PG_ENV"
fi

dotnet tool restore >/dev/null || exit 1
dotnet build Dashboard.sln -c Release -nologo -v quiet || exit 1

export DASHBOARD_LOAD_USERS="${DASHBOARD_LOAD_USERS:-20}" DASHBOARD_LOAD_RAMP_SECONDS="${DASHBOARD_LOAD_RAMP_SECONDS:-20}" \
  DASHBOARD_LOAD_SECONDS="${DASHBOARD_LOAD_SECONDS:-45}"
rm -rf TestResults
dotnet test Dashboard.sln -c Release --no-build --logger "trx;LogFileName=sqlite.trx" --results-directory TestResults "$@"
sqlite_rc=$?

echo "Store tests on PostgreSQL..."
STORE_TESTS="(FullyQualifiedName~Dashboard.Tests.Data|FullyQualifiedName~Dashboard.Tests.Features|FullyQualifiedName~Dashboard.Tests.Jobs|FullyQualifiedName~Dashboard.Tests.Cli|FullyQualifiedName~Dashboard.Tests.Integration)"
DASHBOARD_TEST_PROVIDER=postgres dotnet test Dashboard.sln -c Release --no-build \
  --filter "$STORE_TESTS&Category!=E2E&Category!=Postgres" --logger "trx;LogFileName=postgres.trx" --results-directory TestResults
postgres_rc=$?

[ "$sqlite_rc" -eq 0 ] && [ "$postgres_rc" -eq 0 ]
