#!/usr/bin/env bash
# Installs Debian's redis-server (the Redis store's contract tests and the multi-replica e2e start their own
# throwaway server from it) when it is missing. Idempotent: does nothing when redis-server is on PATH.
# Needs root (or sudo) and apt-get; otherwise says so and exits 1, and the lanes needing it say "not run".
# The package's own service is not used (nor started: containers have no init); tests run their own server.
set -euo pipefail
if command -v redis-server >/dev/null 2>&1; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "[ensure-redis-server] apt-get not found: install Redis yourself (Debian/Ubuntu: apt-get install -y redis-server)" >&2
  exit 1
fi
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo_cmd=(sudo -n); else
    echo "[ensure-redis-server] not root: run as root: apt-get update && apt-get install -y redis-server" >&2
    exit 1
  fi
fi
echo "[ensure-redis-server] installing redis-server with apt-get (one time)" >&2
"${sudo_cmd[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends redis-server >/dev/null
command -v redis-server >/dev/null
