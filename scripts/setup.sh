# Sourced by dev.sh, test.sh and .ci/run: Node >= 22.12 on PATH, dependencies installed
# (npm ci when node_modules is missing or older than package-lock.json), vendor assets copied.
# shellcheck source=scripts/node22.sh
. "$(dirname "${BASH_SOURCE[0]}")/node22.sh" || return 1

export WRANGLER_SEND_METRICS=false
# wrangler dev would otherwise fetch Request.cf data from the network at every start (and print
# a getaddrinfo stack trace when offline); the local Request.cf placeholder is enough here.
export CLOUDFLARE_CF_FETCH_ENABLED=false

ensure_node_modules() {
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    echo "Installing dependencies (npm ci)" >&2
    npm ci --no-audit --no-fund || return 1
  fi
}

# The face service (containers/face) has its own dependencies (face-api, tfjs + WASM backend).
ensure_face_service() {
  if [ ! -f containers/face/node_modules/.package-lock.json ] || [ containers/face/package-lock.json -nt containers/face/node_modules/.package-lock.json ]; then
    echo "Installing the face service's dependencies (npm ci --prefix containers/face)" >&2
    npm ci --ignore-scripts --no-audit --no-fund --prefix containers/face || return 1
  fi
}

ensure_assets() {
  node scripts/assets.mjs
}

# Debian tools the tests use as independent peers: oathtool (TOTP codes), python3-srp (SRP
# client), chromium (passkey end-to-end test). Installed with apt-get when missing (needs root).
ensure_test_peers() {
  local missing=()
  for pkg in oathtool python3-srp chromium; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "Installing Debian packages: ${missing[*]}" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}
