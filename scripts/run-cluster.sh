#!/usr/bin/env bash
# Durable cluster on this machine: Redis (clustering, grain state, reminders), two silos and the API
# gateway. State survives restarts of the silos and of this script. Ctrl+C (or TERM) stops everything
# this script started, by process id: the gateway and the silos first, then its own redis-server.
#
#   REDIS_URL      host:port of a Redis to use (a StackExchange.Redis connection string); when unset,
#                  a redis-server is started on 127.0.0.1:REDIS_PORT with its data (AOF) in .run/redis
#   REDIS_PORT     first port tried for that redis-server (default 6390; the next free one is used)
#   GATEWAY_URL    where the gateway listens     (default http://127.0.0.1:5080)
#   CONFIGURATION  Release or Debug              (default Release)
#
# Fixed ports: silo1 11111 (gateway 30000, dashboard http://127.0.0.1:8080/dashboard),
#              silo2 11112 (gateway 30001, dashboard http://127.0.0.1:8081/dashboard).
# Logs: .run/logs/{redis,silo1,silo2,gateway}.log
# shellcheck disable=SC2317 # functions called from traps
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"

GATEWAY_URL="${GATEWAY_URL:-http://127.0.0.1:5080}"
CONFIGURATION="${CONFIGURATION:-Release}"
REDIS_PORT="${REDIS_PORT:-6390}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# A development run: the development encryption key (appsettings.Development.json) and loopback receivers.
export DOTNET_ENVIRONMENT="${DOTNET_ENVIRONMENT:-Development}" ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"

logs="$root/.run/logs"
mkdir -p "$logs"

# Is something listening on host:port? (bash's /dev/tcp; no extra tools.)
listening() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

# ---- processes this script started, stopped in reverse dependency order -------------------------------
apps=()      # gateway and silos: stopped first
names=()     # name of each pid, for messages
redis_pid="" # only when this script started redis-server

name_of() { local i; for i in "${!apps[@]}"; do [ "${apps[$i]}" = "$1" ] && { echo "${names[$i]}"; return; }; done; echo "redis-server"; }

# TERM each pid, wait up to $1 seconds for all of them, then KILL what is left; reap them all.
terminate() {
  local grace="$1"; shift
  [ $# -gt 0 ] || return 0
  local pid deadline=$((SECONDS + grace))
  for pid in "$@"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "$@"; do
    while kill -0 "$pid" 2>/dev/null && [ "$SECONDS" -lt "$deadline" ]; do sleep 0.2; done
    if kill -0 "$pid" 2>/dev/null; then
      echo "    $(name_of "$pid") (pid $pid) did not stop in ${grace}s: killing it" >&2
      kill -KILL "$pid" 2>/dev/null || true
    fi
    wait "$pid" 2>/dev/null || true
  done
}

stopping=""
stop() {
  [ -z "$stopping" ] || return 0
  stopping=1
  # No errexit from here on: in a trap that interrupted `wait`, bash 5.2 reports a command
  # substitution's status as the signal's (143), which would end the script before it stops anything.
  set +e
  trap - INT TERM HUP EXIT
  [ ${#apps[@]} -gt 0 ] || [ -n "$redis_pid" ] || return 0
  local pid running=() listed=()
  for pid in "${apps[@]}"; do kill -0 "$pid" 2>/dev/null && running+=("$pid") && listed+=("$(name_of "$pid") ($pid)"); done
  [ -z "$redis_pid" ] || listed+=("redis-server ($redis_pid)")
  echo
  local joined; joined="$(printf '%s, ' "${listed[@]}")"
  echo "==> stopping ${joined%, }"
  # Silos leave the cluster gracefully (membership is written to Redis), so Redis goes last.
  terminate 45 "${running[@]}"
  if [ -n "$redis_pid" ]; then terminate 15 "$redis_pid"; fi
  echo "==> stopped"
}
trap 'stop; exit 130' INT
trap 'stop; exit 143' TERM
trap 'stop; exit 129' HUP
trap stop EXIT

# Background processes get their own process group (set -m while starting them), so a Ctrl+C in the
# terminal reaches only this script, which then stops them in order: redis-server would otherwise
# quit at once on SIGINT while the silos still need it to leave the cluster.
start_bg() { # name, log, directory, command...
  local name="$1" log="$2" dir="$3"; shift 3
  set -m
  (cd "$dir" && exec "$@") >"$log" 2>&1 &
  local pid=$!
  set +m
  if [ "$name" = redis-server ]; then redis_pid=$pid; else apps+=("$pid"); names+=("$name"); fi
  echo "    $name: pid $pid, log ${log#"$root"/}"
}

fail() { # message, log
  echo "error: $1" >&2
  if [ -n "${2:-}" ] && [ -f "$2" ]; then echo "---- last lines of ${2#"$root"/}" >&2; tail -n 25 "$2" >&2; fi
  exit 1
}

wait_for() { # url, name, pid, log
  for _ in $(seq 1 240); do
    if curl -fsS -o /dev/null --max-time 5 "$1" 2>/dev/null; then return 0; fi
    kill -0 "$3" 2>/dev/null || fail "$2 exited during start-up" "$4"
    sleep 0.5
  done
  fail "$2 did not answer on $1" "$4"
}

# ---- ports -----------------------------------------------------------------------------------------------
gateway_hostport="${GATEWAY_URL#*://}"; gateway_hostport="${gateway_hostport%%/*}"
for hp in 127.0.0.1:11111 127.0.0.1:11112 127.0.0.1:30000 127.0.0.1:30001 127.0.0.1:8080 127.0.0.1:8081 "$gateway_hostport"; do
  if listening "${hp%:*}" "${hp##*:}"; then
    fail "port ${hp##*:} is already in use (is another run still going? scripts/run.sh uses 11111, 30000, 8080 and 5080)"
  fi
done

# ---- Redis -----------------------------------------------------------------------------------------------
if [ -n "${REDIS_URL:-}" ]; then
  redis="${REDIS_URL#redis://}"
  redis_hostport="${redis%%,*}"
  listening "${redis_hostport%:*}" "${redis_hostport##*:}" || fail "no Redis answers on $redis_hostport (REDIS_URL)"
  echo "==> using Redis at $redis"
else
  if ! command -v redis-server >/dev/null; then
    echo "==> installing redis-server"
    sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get install -y -q redis-server >/dev/null \
      || { $sudo apt-get update -q >/dev/null && $sudo apt-get install -y -q redis-server >/dev/null; } \
      || fail "could not install redis-server; install it, or set REDIS_URL=host:port"
  fi
  port="$REDIS_PORT"
  while listening 127.0.0.1 "$port"; do port=$((port + 1)); done
  redis="127.0.0.1:$port"
  data="$root/.run/redis"
  mkdir -p "$data"
  echo "==> starting redis-server on $redis (AOF in ${data#"$root"/})"
  start_bg redis-server "$logs/redis.log" "$data" \
    redis-server --bind 127.0.0.1 --port "$port" --dir "$data" \
      --appendonly yes --appendfsync everysec --daemonize no --save ""
  for _ in $(seq 1 100); do
    listening 127.0.0.1 "$port" && break
    kill -0 "$redis_pid" 2>/dev/null || fail "redis-server exited during start-up" "$logs/redis.log"
    sleep 0.1
  done
  listening 127.0.0.1 "$port" || fail "redis-server did not listen on $redis" "$logs/redis.log"
fi

# ---- build -----------------------------------------------------------------------------------------------
echo "==> building ($CONFIGURATION)"
dotnet build Akademia.Orleans.sln -c "$CONFIGURATION" -v quiet -nologo

# ---- silos and gateway -------------------------------------------------------------------------------------
bin="bin/$CONFIGURATION/net10.0"
cluster=(Cluster__Clustering=Redis Cluster__Storage=Redis "Cluster__RedisConnectionString=$redis")

# Each process runs from its output folder so that its appsettings.json is its configuration. The
# address goes in as `Urls` (ASPNETCORE_URLS would do as well).
start_silo() { # name, silo port, gateway port, dashboard url
  echo "==> starting $1 (silo port $2, gateway port $3, dashboard $4/dashboard)"
  start_bg "$1" "$logs/$1.log" "src/Silo/$bin" env "${cluster[@]}" \
    Cluster__SiloPort="$2" Cluster__GatewayPort="$3" Urls="$4" ASPNETCORE_URLS="$4" \
    dotnet Akademia.Webhooks.Silo.dll
  wait_for "$4/healthz" "$1" "${apps[-1]}" "$logs/$1.log"
}
start_silo silo1 11111 30000 http://127.0.0.1:8080
start_silo silo2 11112 30001 http://127.0.0.1:8081

echo "==> starting gateway on $GATEWAY_URL"
start_bg gateway "$logs/gateway.log" "src/ApiGateway/$bin" env \
  Cluster__Clustering=Redis "Cluster__RedisConnectionString=$redis" Urls="$GATEWAY_URL" ASPNETCORE_URLS="$GATEWAY_URL" \
  dotnet Akademia.Webhooks.ApiGateway.dll
wait_for "$GATEWAY_URL/api/health" gateway "${apps[-1]}" "$logs/gateway.log"

cat <<EOF
==> ready (Ctrl+C to stop)
    API        $GATEWAY_URL  (health: $GATEWAY_URL/api/health)
    dashboards http://127.0.0.1:8080/dashboard  http://127.0.0.1:8081/dashboard
    Redis      $redis${redis_pid:+  (data: .run/redis)}
    logs       .run/logs/
EOF

# A silo that exits leaves the other serving (stop one to watch the cluster fail over); the run ends
# when the gateway, the last silo or this script's redis-server exits.
gateway_pid="${apps[2]}"
live=("${apps[@]}" ${redis_pid:+"$redis_pid"})
silos_left=2
while true; do
  exited=""
  status=0
  wait -n -p exited "${live[@]}" || status=$?
  [ -n "$exited" ] || continue
  echo "==> $(name_of "$exited") (pid $exited) exited with status $status"
  if [ "$exited" = "$gateway_pid" ] || [ "$exited" = "$redis_pid" ]; then break; fi
  silos_left=$((silos_left - 1))
  [ $silos_left -gt 0 ] || break
  echo "    the cluster goes on with the other silo"
  still=()
  for pid in "${live[@]}"; do [ "$pid" = "$exited" ] || still+=("$pid"); done
  live=("${still[@]}")
done
exit 1
