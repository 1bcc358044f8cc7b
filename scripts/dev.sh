#!/usr/bin/env bash
# Runs the service locally on http://127.0.0.1:8787 (wrangler dev, local D1 and Durable Objects).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/setup.sh

random_secret() {
  node -e 'process.stdout.write(require("node:crypto").randomBytes(32).toString("base64url"))'
}

ensure_dev_vars() {
  [ -f .dev.vars ] && return 0
  (
    umask 077
    printf 'AUTH_JWT_SECRET=%s\nDATA_ENCRYPTION_KEY=%s\n' "$(random_secret)" "$(random_secret)" > .dev.vars.tmp
  )
  mv .dev.vars.tmp .dev.vars
  echo "Created .dev.vars with random AUTH_JWT_SECRET and DATA_ENCRYPTION_KEY" >&2
}

# One line instead of wrangler's table per migration; the whole output only when applying fails.
apply_migrations() {
  local out count
  if ! out=$(CI=true npx wrangler d1 migrations apply DB --local 2>&1); then
    printf '%s\n' "$out" >&2
    return 1
  fi
  count=$(printf '%s\n' "$out" | sed -n 's/.*About to apply \([0-9]*\) migration.*/\1/p' | head -n 1)
  if [ -n "$count" ]; then
    echo "Local D1 database: applied $count migration(s) from migrations/ (state in .wrangler/)" >&2
  else
    echo "Local D1 database: migrations up to date" >&2
  fi
}

print_token_hint() {
  cat <<'HINT'

  Starting wrangler dev; ready when it prints "Ready on http://127.0.0.1:8787".
  API:        http://localhost:8787/api/identity-store
  Reference:  http://localhost:8787/docs  (OpenAPI: /api/identity-store/openapi.json)
  Demo:       http://localhost:8787/demo/passkeys  (passkeys need localhost, not 127.0.0.1)
  Face:       face service on http://127.0.0.1:8788 (FACE_SERVICE_URL)
  Dev token:  npm run token   (options: -- --tenant NAME --scope "identity-store:auth")
  wrangler lists the FaceService container and its Dockerfile from wrangler.toml; containers stay
  off in dev (no Docker): the Worker calls the face service above instead.

HINT
}

FACE_PORT=${FACE_PORT:-8788}

# The face service (containers/face) on loopback; the Worker reaches it over FACE_SERVICE_URL
# (wrangler dev runs without containers here). Stopped when this script exits.
start_face_service() {
  FACE_HOST=127.0.0.1 FACE_PORT=$FACE_PORT node containers/face/src/server.mjs &
  FACE_PID=$!
  trap 'kill $FACE_PID 2>/dev/null' EXIT
  for _ in $(seq 1 240); do
    curl -sf "http://127.0.0.1:$FACE_PORT/healthz" >/dev/null && return 0
    kill -0 "$FACE_PID" 2>/dev/null || return 1
    sleep 0.25
  done
  return 1
}

run_worker() {
  npx wrangler dev --local --ip 127.0.0.1 --port 8787 --var "FACE_SERVICE_URL:http://127.0.0.1:$FACE_PORT" "$@"
}

ensure_node_modules
ensure_face_service
ensure_assets
ensure_dev_vars
apply_migrations
start_face_service
print_token_hint
run_worker "$@"
