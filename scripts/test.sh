#!/usr/bin/env bash
# Runs every test of the solution: installs what is missing (Debian's chromium for the browser tests),
# restores the local tools, builds in Release and runs `dotnet test`, writing TRX files to TestResults/.
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

dotnet tool restore >/dev/null || exit 1
dotnet build Dashboard.sln -c Release -nologo -v quiet || exit 1

rm -rf TestResults
dotnet test Dashboard.sln -c Release --no-build --logger trx --results-directory TestResults "$@"
