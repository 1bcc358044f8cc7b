# Sourced by dev.sh, test.sh and .ci/run: Node >= 22.12 on PATH, dependencies installed
# (npm ci when node_modules is missing or older than package-lock.json), vendor assets copied.
# shellcheck source=scripts/node22.sh
. "$(dirname "${BASH_SOURCE[0]}")/node22.sh" || return 1

export WRANGLER_SEND_METRICS=false

ensure_node_modules() {
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    echo "Installing dependencies (npm ci)" >&2
    npm ci --no-audit --no-fund || return 1
  fi
}

ensure_assets() {
  node scripts/assets.mjs
}
