#!/usr/bin/env bash
# The benchmark in one command (see bench/README.md):
#
#   bench/run.sh            full run: every scenario, 3 runs each (about 15 minutes on 2 cores)
#   bench/run.sh --quick    tiny load, 1 run each (under 2 minutes): proves it works, asserts nothing
#   bench/run.sh --help     the options
#
# It installs what it needs (nginx and redis-server from apt), builds the platform and the benchmark
# in Release, then runs the benchmark, which starts its own redis-servers, nginx, silos and gateways
# on free loopback ports and stops each of them by pid when it ends (also on Ctrl+C).
# Results: bench/results/bench-<date>-<time>[-quick].json and .png.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null 2>&1; then sudo "$@"; else "$@"; fi; }
ensure_package() { # command package
  command -v "$1" >/dev/null 2>&1 && return 0
  echo "==> installing $2"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$2" >/dev/null 2>&1 \
    || { as_root apt-get update -q >/dev/null 2>&1 && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$2" >/dev/null; }
  command -v "$1" >/dev/null 2>&1 || { echo "could not install $2" >&2; exit 1; }
}
for arg in "$@"; do
  if [ "$arg" = "--help" ] || [ "$arg" = "-h" ]; then
    exec dotnet run --project bench/Akademia.Webhooks.Bench -c Release -- --help
  fi
done
ensure_package redis-server redis-server
# nginx's package may try to start a system nginx on port 80; the benchmark never uses that one.
ensure_package nginx nginx

echo "==> building (Release)"
dotnet build Akademia.Orleans.sln -c Release -nologo -v quiet

exec dotnet bench/Akademia.Webhooks.Bench/bin/Release/net10.0/Akademia.Webhooks.Bench.dll "$@"
