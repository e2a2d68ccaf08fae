#!/usr/bin/env bash
# Installs the npm dependencies with `npm ci` when node_modules is missing or was installed
# from another package-lock.json or for another Node (native addons are built per Node ABI).
# With --update it runs `npm install` instead, which also records a new workspace (a service
# scaffolded by `tributary new consumer`) in package-lock.json; `npm ci` refuses a lock that
# lacks one. Expects scripts/node-env.sh to have been sourced.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
stamp_of() { echo "$(node -p 'process.versions.modules')-$(sha256sum "$root/package-lock.json" | cut -c1-16)"; }
stamp="$root/node_modules/.tributary-install"
if [[ "${1:-}" == --update ]]; then
  echo "setup: npm install for Node $(node --version)" >&2
  (cd "$root" && npm install --no-audit --no-fund --loglevel=error)
  stamp_of >"$stamp"
  exit 0
fi
[[ "${TRIBUTARY_SKIP_INSTALL:-}" == 1 ]] && exit 0   # the caller manages node_modules itself
want="$(stamp_of)"

if [[ -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
  exit 0
fi
echo "setup: installing npm dependencies (npm ci) for Node $(node --version)" >&2
(cd "$root" && npm ci --no-audit --no-fund --loglevel=error)
echo "$want" >"$stamp"
