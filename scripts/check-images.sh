#!/usr/bin/env bash
# Builds the images of docker-compose.yml without a Docker engine and starts them: for each Dockerfile,
# a context staged with exactly what it COPYs (honouring .dockerignore), its build-stage RUN lines
# (dotnet restore, dotnet publish) run there as written, the entrypoint's assembly checked, the entrypoint
# started and its compose health route probed. Only the build stage is emulated: the final stage's RUN
# lines need the base image. Details: scripts/check-images.py. Exits non-zero when an image would not build
# or start. Needs docker-compose (scripts/check-compose.sh installs it) and python3 with PyYAML (which
# docker-compose brings).
set -euo pipefail
cd "$(dirname "$0")/.."
started=$SECONDS
if python3 scripts/check-images.py "$@"; then
  echo "images: build and start ($((SECONDS - started)) s)"
else
  echo "images: FAILED ($((SECONDS - started)) s)" >&2
  exit 1
fi
