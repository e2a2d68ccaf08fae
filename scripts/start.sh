#!/usr/bin/env bash
# The run command (`npm start`): puts Node >= 22 on PATH, installs dependencies when needed,
# then `tributary platform up`: the local stack (Kafka, schema registry, Jaeger; reused when
# running), the topic catalog, the envelope schemas, development secrets on first run, and the
# ingress, the consumer services and a dev chat sink under pm2, each waited for. Idempotent.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# shellcheck source=node-env.sh
source scripts/node-env.sh
bash scripts/ensure-deps.sh
# kafkajs 2.2.4 triggers Node 24's TimeoutNegativeWarning (tulios/kafkajs#1751): harmless noise.
exec node --disable-warning=TimeoutNegativeWarning packages/cli/src/main.ts platform up
