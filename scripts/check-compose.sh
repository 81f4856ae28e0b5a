#!/usr/bin/env bash
# Validates docker-compose.yml (syntax, interpolation, service references) without a Docker engine:
# `docker-compose config -q` with a dummy AKADEMIA_ENCRYPTION_KEY, alone and with the grain-port override. Installs docker-compose from
# Debian's packages when it is missing. Exits non-zero when the file does not validate.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v docker-compose >/dev/null; then
  echo "==> installing docker-compose"
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get install -y -q docker-compose >/dev/null \
    || { $sudo apt-get update -q >/dev/null && $sudo apt-get install -y -q docker-compose >/dev/null; } \
    || { echo "error: could not install docker-compose" >&2; exit 1; }
fi

# Not a real key: 32 zero bytes, only so that the required variable is set.
export AKADEMIA_ENCRYPTION_KEY="AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="
export AKADEMIA_ADMIN_KEY_HASH="0000000000000000000000000000000000000000000000000000000000000000"
status=0
if docker-compose -f docker-compose.yml config -q; then
  echo "docker-compose.yml: valid"
else
  echo "docker-compose.yml: INVALID" >&2; status=1
fi
# The optional override that publishes the silos' grain port, as it is used: on top of the base file.
if docker-compose -f docker-compose.yml -f docker-compose.grain-port.yml config -q; then
  echo "docker-compose.yml + docker-compose.grain-port.yml: valid"
else
  echo "docker-compose.yml + docker-compose.grain-port.yml: INVALID" >&2; status=1
fi
exit $status
