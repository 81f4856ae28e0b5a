#!/usr/bin/env bash
# Runs every test and ends with one line: "N passed, N failed[, N skipped]".
# It starts what the tests need by itself; nothing has to be running beforehand.
set -uo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

results="$(mktemp -d)"
# Each redis-server, Azurite, silo and gateway process a test starts records its process id here
# (RedisServer, AzuriteServer, PlatformProcess).
export AKADEMIA_TEST_PIDS="$results/pids"
mkdir -p "$AKADEMIA_TEST_PIDS"
cleanup() {
  # Safety net only: each test fixture stops its own servers by process id. This catches servers
  # orphaned by a crashed test host, by the process ids this run's servers recorded.
  for pidfile in "$AKADEMIA_TEST_PIDS"/*.pid; do
    [ -f "$pidfile" ] || continue
    pid="$(cat "$pidfile")"
    if grep -qE "azurite|redis-server|Akademia.Webhooks.Silo|Akademia.Webhooks.ApiGateway" "/proc/$pid/cmdline" 2>/dev/null; then kill -KILL "$pid" 2>/dev/null || true; fi
  done
  rm -rf "$results"
}
trap cleanup EXIT

# What the tests need from the machine: redis-server and Azurite (the durability tests start
# their own servers on free loopback ports) and docker-compose (to validate docker-compose.yml and,
# with its PyYAML, to read it for the image check).
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null 2>&1; then sudo "$@"; else "$@"; fi; }
ensure_package() { # command package
  command -v "$1" >/dev/null 2>&1 && return 0
  echo "==> installing $2"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$2" >/dev/null 2>&1 \
    || { as_root apt-get update -q >/dev/null 2>&1 && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$2" >/dev/null; }
  command -v "$1" >/dev/null 2>&1 || { echo "could not install $2"; echo "0 passed, 1 failed"; exit 1; }
}
ensure_package redis-server redis-server

# docker-compose.yml cannot be run here (no Docker engine), but it must stay valid: counted as one test.
compose_passed=0; compose_failed=0
if bash scripts/check-compose.sh; then compose_passed=1; else compose_failed=1; fi
# Nor can the images be built, so their build stage is emulated and the result started: one more test.
if bash scripts/check-images.sh; then compose_passed=$((compose_passed + 1)); else compose_failed=$((compose_failed + 1)); fi

# Azurite, the Azure Storage emulator, from npm into .tools/ (git-ignored), where the Azure tests
# look for it (AZURITE overrides). Node.js comes from Debian if the machine lacks it.
AZURITE_VERSION=3.35.0
ensure_azurite() {
  local script=".tools/node_modules/azurite/dist/src/azurite.js"
  [ -f "$script" ] && return 0
  ensure_package node nodejs
  ensure_package npm npm
  echo "==> installing azurite $AZURITE_VERSION"
  npm install --no-save --no-audit --no-fund --loglevel=error --prefix .tools "azurite@$AZURITE_VERSION" >/dev/null
  [ -f "$script" ] || { echo "could not install azurite"; echo "0 passed, 1 failed"; exit 1; }
}
ensure_azurite

dotnet build Akademia.Orleans.sln -c Release -nologo -v quiet
build=$?
if [ $build -ne 0 ]; then
  echo "build failed"
  echo "0 passed, 1 failed"
  exit 1
fi

dotnet test Akademia.Orleans.sln -c Release --no-build -nologo \
  --logger "trx;LogFilePrefix=run" --logger "console;verbosity=normal" \
  --results-directory "$results" --blame-hang-timeout 5m
status=$?

passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx")
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  t=$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$counters")
  e=$(sed -n 's/.* executed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${t:-0} - ${e:-0}))
done
if [ $status -ne 0 ] && [ $failed -eq 0 ]; then failed=1; fi
passed=$((passed + compose_passed)); failed=$((failed + compose_failed))

if [ $skipped -gt 0 ]; then
  echo "$passed passed, $failed failed, $skipped skipped"
else
  echo "$passed passed, $failed failed"
fi
[ $failed -eq 0 ]
