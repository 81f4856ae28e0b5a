#!/usr/bin/env bash
# Builds and starts the embedded platform: one silo (memory storage, in-memory reminders, dashboard)
# and the API gateway. Both stay in the foreground until Ctrl+C, which stops them by process id.
#
#   GATEWAY_URL    where the gateway listens      (default http://127.0.0.1:5080)
#   DASHBOARD_URL  where the silo serves /dashboard (default http://127.0.0.1:8080)
#   CONFIGURATION  Release or Debug               (default Release)
set -euo pipefail
cd "$(dirname "$0")/.."

GATEWAY_URL="${GATEWAY_URL:-http://127.0.0.1:5080}"
DASHBOARD_URL="${DASHBOARD_URL:-http://127.0.0.1:8080}"
CONFIGURATION="${CONFIGURATION:-Release}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# The embedded run is a development run: a fixed development encryption key and loopback receivers allowed.
export DOTNET_ENVIRONMENT="${DOTNET_ENVIRONMENT:-Development}" ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"

echo "==> building ($CONFIGURATION)"
dotnet build Akademia.Orleans.sln -c "$CONFIGURATION" -v quiet -nologo

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

bin="bin/$CONFIGURATION/net10.0"
echo "==> starting silo (dashboard on $DASHBOARD_URL/dashboard)"
# Each process runs from its output folder so that its appsettings.json is its configuration. The
# address goes in as Urls (ASPNETCORE_URLS would do as well).
(cd "src/Silo/$bin" && Urls="$DASHBOARD_URL" exec dotnet Akademia.Webhooks.Silo.dll) &
pids+=($!)
wait_for "$DASHBOARD_URL/healthz" silo "${pids[0]}"

echo "==> starting gateway on $GATEWAY_URL"
(cd "src/ApiGateway/$bin" && Urls="$GATEWAY_URL" exec dotnet Akademia.Webhooks.ApiGateway.dll) &
pids+=($!)
wait_for "$GATEWAY_URL/api/health" gateway "${pids[1]}"

echo "==> ready: API $GATEWAY_URL  dashboard $DASHBOARD_URL/dashboard  (Ctrl+C to stop)"
echo "    development admin API key: akademia-dev-admin-key  (send it as X-API-Key or Authorization: Bearer)"
wait -n "${pids[@]}"
