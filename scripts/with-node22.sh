#!/usr/bin/env bash
# Runs a command with Node >= 22.12 first on PATH (scripts/node22.sh installs it when the
# machine's Node is older), so that npm scripts work under any Node: `bash scripts/with-node22.sh CMD ARGS…`.
# With node_modules missing it says so instead of failing inside the command.
set -euo pipefail
# setup.sh: node22.sh, and the environment of every project script (no wrangler telemetry, no Request.cf fetch).
. "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ ! -d "$root/node_modules" ]; then
  echo "The dependencies are not installed yet: run \`bash scripts/dev.sh\` (or \`npm ci\`) first." >&2
  exit 1
fi
exec "$@"
