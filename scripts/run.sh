#!/usr/bin/env bash
# Bootstrap (idempotent, fast when done) and then run one root script with the pinned toolchain:
#   bash scripts/run.sh quality:quick     # the main developer job
#   bash scripts/run.sh quality:ci        # the full suite (what CI runs)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
started=$(date +%s)
# shellcheck source=bootstrap.sh
. "$root/scripts/bootstrap.sh"
cd "$root"
status=0
pnpm run "${1:-quality:quick}" "${@:2}" || status=$?
# On stderr, so the job's own closing summary line stays the last line of stdout.
echo "[run] pnpm run ${1:-quality:quick} finished with exit $status in $(( $(date +%s) - started )) s (bootstrap included)" >&2
exit "$status"
