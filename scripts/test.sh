#!/usr/bin/env bash
# The test command (`npm test`): puts Node >= 22 on PATH, installs dependencies when needed,
# brings the local stack up when it is not (reusing a running one), and runs every suite
# with Node's test runner under a prefix of its own, so runs never see each other's topics,
# groups or subjects. Extra arguments are passed to `node --test` (e.g. a file to run alone).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# shellcheck source=node-env.sh
source scripts/node-env.sh
bash scripts/ensure-deps.sh
bash deploy/local/stack up

TRIBUTARY_TEST_PREFIX="t$(date +%s)$((RANDOM % 1000))."
export TRIBUTARY_TEST_PREFIX
echo "test: run prefix ${TRIBUTARY_TEST_PREFIX}"

if [[ $# -gt 0 ]]; then
  suites=("$@")
else
  suites=(
    'deploy/local/src/**/*.test.ts'
    'packages/*/src/**/*.test.ts'
    'packages/*/test/**/*.test.ts'
    'services/*/src/**/*.test.ts'
    'services/*/test/**/*.test.ts'
    'test/**/*.test.ts'
  )
fi
# kafkajs 2.2.4 triggers Node 24's TimeoutNegativeWarning (tulios/kafkajs#1751): harmless noise.
exec node --disable-warning=TimeoutNegativeWarning --test --test-timeout=300000 "${suites[@]}"
