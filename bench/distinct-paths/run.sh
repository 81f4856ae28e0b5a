#!/usr/bin/env bash
# Silo memory under distinct anonymous paths: starts one silo (memory storage) and the gateway from a
# Release build, sends N anonymous GETs to /api/webhooks/<new id> (each a path never seen before, all
# from 127.0.0.1, default rate limits), and reads the silo's VmRSS from /proc before and after.
#
#   bench/distinct-paths/run.sh [PLATFORM_ROOT] [COUNT]
#     PLATFORM_ROOT  a checkout with src/*/bin/Release/net10.0 built (default: this one)
#     COUNT          requests (default 100000)
#
# Extra settings pass through the environment, e.g. RateLimiting__Tiers__standard__Limit=10000000 (every
# request then reaches authentication and answers 401), or DISTINCT_CLIENTS=1 with
# RateLimiting__TrustedProxies__0=127.0.0.1 (each request also a new client, from X-Forwarded-For).
#
# It uses free loopback ports and a fresh cluster id, and stops what it started by pid.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "${1:-$here/../..}" && pwd)"
count="${2:-100000}"
bin="bin/Release/net10.0"
for p in "src/Silo/$bin/Akademia.Webhooks.Silo.dll" "src/ApiGateway/$bin/Akademia.Webhooks.ApiGateway.dll"; do
  [[ -f "$root/$p" ]] || { echo "missing $root/$p: build it first (dotnet build -c Release)" >&2; exit 1; }
done

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
silo_http=$(free_port); silo_port=$(free_port); gateway_port=$(free_port); api_port=$(free_port)
cluster="distinct-paths-$$"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_ENVIRONMENT=Development ASPNETCORE_ENVIRONMENT=Development
export Cluster__ClusterId="$cluster" Cluster__ServiceId="$cluster"
logs="$(mktemp -d)"

pids=()
stop() {
  trap - INT TERM EXIT
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap stop INT TERM EXIT

wait_for() { # url pid name
  for _ in $(seq 1 240); do
    curl -fsS -o /dev/null "$1" 2>/dev/null && return 0
    kill -0 "$2" 2>/dev/null || { echo "$3 exited; log: $logs" >&2; exit 1; }
    sleep 0.5
  done
  echo "$3 did not answer on $1" >&2; exit 1
}

(cd "$root/src/Silo/$bin" && Urls="http://127.0.0.1:$silo_http" Cluster__SiloPort=$silo_port Cluster__GatewayPort=$gateway_port \
  exec dotnet Akademia.Webhooks.Silo.dll >"$logs/silo.log" 2>&1) &
pids+=($!)
wait_for "http://127.0.0.1:$silo_http/healthz" "${pids[0]}" silo
(cd "$root/src/ApiGateway/$bin" && Urls="http://127.0.0.1:$api_port" Cluster__GatewayPorts__0=$gateway_port \
  exec dotnet Akademia.Webhooks.ApiGateway.dll >"$logs/gateway.log" 2>&1) &
pids+=($!)
wait_for "http://127.0.0.1:$api_port/api/health" "${pids[1]}" gateway

# The dotnet host is the process itself (exec), so the pid is the silo's.
silo_pid=${pids[0]}
rss() { awk '/^VmRSS/ {print $2}' "/proc/$silo_pid/status"; }

echo "root: $root ($(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?'))"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
# A short warm-up of the same kind, so start-up allocations are not counted as growth.
python3 "$here/send.py" "http://127.0.0.1:$api_port" 2000 warmup >/dev/null
sleep 5
before=$(rss)
started=$(date +%s)
python3 "$here/send.py" "http://127.0.0.1:$api_port" "$count" run
took=$(( $(date +%s) - started ))
# Let the monitor's once-a-second reports and any queued work settle, as a user would see it.
sleep 10
after=$(rss)
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "silo VmRSS before: $before kB, after: $after kB, growth: $(( after - before )) kB for $count distinct paths ($(( (after - before) * 1024 / count )) B per path), $took s"
