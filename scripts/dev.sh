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

apply_migrations() {
  CI=true npx wrangler d1 migrations apply DB --local
}

print_token_hint() {
  cat <<'HINT'

  API:        http://127.0.0.1:8787/api/identity-store
  Reference:  http://127.0.0.1:8787/docs  (OpenAPI: /api/identity-store/openapi.json)
  Dev token:  npm run token   (options: -- --tenant NAME --scope "identity-store:auth")

HINT
}

run_worker() {
  exec npx wrangler dev --local --ip 127.0.0.1 --port 8787 "$@"
}

ensure_node_modules
ensure_assets
ensure_dev_vars
apply_migrations
print_token_hint
run_worker "$@"
