#!/usr/bin/env bash
# Installs Debian's chromium (used by the gap report's headless HTML test) when it is missing.
# Idempotent: does nothing when /usr/bin/chromium exists. Needs root (or sudo) and apt-get.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "[ensure-chromium] apt-get not found: install Chromium yourself (Debian/Ubuntu: apt-get install -y chromium)" >&2
  exit 1
fi
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then sudo_cmd=(sudo); else
    echo "[ensure-chromium] not root and no sudo: run as root: apt-get update && apt-get install -y chromium" >&2
    exit 1
  fi
fi
echo "[ensure-chromium] installing chromium with apt-get (one time)" >&2
"${sudo_cmd[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends chromium >/dev/null
test -x /usr/bin/chromium
echo "[ensure-chromium] installed: $(/usr/bin/chromium --version 2>/dev/null || echo chromium)" >&2
