#!/usr/bin/env bash
# Container entry point of the silo: advertise this container's own address to the cluster (other
# silos and the gateway reach it there) unless Cluster__AdvertisedIP is set already, e.g. to a pod IP.
# exec, so that dotnet is PID 1 and gets the SIGTERM of `docker stop` and leaves the cluster cleanly.
set -eu
if [ -z "${Cluster__AdvertisedIP:-}" ]; then
  ip="$(hostname -i 2>/dev/null | cut -d' ' -f1)" || ip=""
  if [ -z "$ip" ]; then
    ip="$(getent hosts "$(cat /etc/hostname)" | cut -d' ' -f1 | head -n 1)" || ip=""
  fi
  if [ -n "$ip" ]; then
    Cluster__AdvertisedIP="$ip"
    export Cluster__AdvertisedIP
  else
    echo "warning: could not find this container's address; the silo advertises loopback" >&2
  fi
fi
exec dotnet Akademia.Webhooks.Silo.dll "$@"
