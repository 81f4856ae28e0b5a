#!/usr/bin/env bash
# Builds and starts the embedded platform: one silo (memory storage, in-memory reminders, dashboard)
# and the API gateway. Both stay in the foreground until Ctrl+C (or SIGTERM), which stops them by
# process id. Each line either of them writes starts with its name ("silo    | ", "gateway | "), stderr too.
# Rate limits are off: a newcomer trying the API is not answered 429 after 100 calls.
#
#   GATEWAY_URL          where the gateway listens      (default http://127.0.0.1:5080)
#   DASHBOARD_URL        where the silo serves /dashboard (default http://127.0.0.1:8080)
#   CONFIGURATION        Release or Debug               (default Release)
#   RUN_SKIP_BUILD=1     run what is built already, without building
#   Cluster__SiloPort    the silo's silo-to-silo port   (default 11111)
#   Cluster__GatewayPort the silo's port for clients    (default 30000; the gateway is pointed at it)
# Any other setting passes through the environment to both, e.g. Logging__LogLevel__Akademia.Webhooks=Debug
# (env 'Logging__LogLevel__Akademia.Webhooks=Debug' scripts/run.sh: the shell's own syntax takes no dots).
set -euo pipefail
cd "$(dirname "$0")/.."

GATEWAY_URL="${GATEWAY_URL:-http://127.0.0.1:5080}"
DASHBOARD_URL="${DASHBOARD_URL:-http://127.0.0.1:8080}"
CONFIGURATION="${CONFIGURATION:-Release}"
# The embedded run is a development run: a fixed development encryption key and loopback receivers allowed.
export DOTNET_ENVIRONMENT="${DOTNET_ENVIRONMENT:-Development}" ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"

SILO_GATEWAY_PORT="${Cluster__GatewayPort:-30000}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

if [ "${RUN_SKIP_BUILD:-}" = 1 ]; then
  echo "==> not building (RUN_SKIP_BUILD=1)"
else
  echo "==> building ($CONFIGURATION)"
  dotnet build Akademia.Orleans.sln -c "$CONFIGURATION" -v quiet -nologo
fi

pids=()
stop() {
  trap - INT TERM EXIT
  echo
  echo "==> stopping ${pids[*]:-nothing}"
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap stop INT TERM EXIT

# Answers once the URL does. Without curl (a machine with only the .NET SDK), an open port is the
# signal: both processes start their HTTP server only after joining the cluster.
answers() { # url
  if command -v curl >/dev/null 2>&1; then
    curl -fsS -o /dev/null "$1" 2>/dev/null
  else
    local hostport="${1#http://}"; hostport="${hostport%%/*}"
    (exec 3<>"/dev/tcp/${hostport%:*}/${hostport##*:}") 2>/dev/null
  fi
}

wait_for() { # url, name, pid
  for _ in $(seq 1 120); do
    if answers "$1"; then return 0; fi
    if ! kill -0 "$3" 2>/dev/null; then echo "$2 exited during start-up" >&2; exit 1; fi
    sleep 0.5
  done
  echo "$2 did not answer on $1" >&2
  exit 1
}

# Writes each line it reads with the prefix in front; a last line without a newline too. Deaf to
# Ctrl+C, which reaches the whole process group: it reads on until its process exits, so that the
# process's shutdown lines are still shown (and its writes do not fail on a closed pipe).
prefix() { # prefix
  trap '' INT
  local line
  while IFS= read -r line || [ -n "$line" ]; do printf '%s%s\n' "$1" "$line"; done
}

bin="bin/$CONFIGURATION/net10.0"
echo "==> starting silo (dashboard on $DASHBOARD_URL/dashboard)"
# Each process runs from its output folder so that its appsettings.json is its configuration. The
# address goes in as Urls (ASPNETCORE_URLS would do as well). The output goes to the prefixers by
# process substitution, not a pipe: the background job is then the subshell that execs dotnet, so $!
# is dotnet's own pid, the one stop() signals and `wait -n` waits for.
(cd "src/Silo/$bin" && Urls="$DASHBOARD_URL" exec dotnet Akademia.Webhooks.Silo.dll) \
  > >(prefix "silo    | ") 2> >(prefix "silo    | " >&2) &
pids+=($!)
wait_for "$DASHBOARD_URL/healthz" silo "${pids[0]}"

echo "==> starting gateway on $GATEWAY_URL"
(cd "src/ApiGateway/$bin" && Urls="$GATEWAY_URL" RateLimiting__Enabled="${RateLimiting__Enabled:-false}" \
  Cluster__GatewayPorts__0="${Cluster__GatewayPorts__0:-$SILO_GATEWAY_PORT}" exec dotnet Akademia.Webhooks.ApiGateway.dll) \
  > >(prefix "gateway | ") 2> >(prefix "gateway | " >&2) &
pids+=($!)
wait_for "$GATEWAY_URL/api/health" gateway "${pids[1]}"

echo "==> ready: API $GATEWAY_URL (its reference at $GATEWAY_URL/)  dashboard $DASHBOARD_URL/dashboard  (Ctrl+C to stop)"
echo "    development admin API key: akademia-dev-admin-key  (send it as X-API-Key or Authorization: Bearer)"
echo "    rate limits are off here (RateLimiting__Enabled=false), so trying the API is never answered 429"
echo "    pids: silo ${pids[0]}, gateway ${pids[1]}"
wait -n "${pids[@]}"
