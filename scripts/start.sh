#!/usr/bin/env bash
# The run command (`npm start`): puts Node >= 22 on PATH, installs dependencies when needed,
# and brings the local stack up (Kafka, schema registry, Jaeger), reusing a running one.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# shellcheck source=node-env.sh
source scripts/node-env.sh
bash scripts/ensure-deps.sh
bash deploy/local/stack up
cat <<MSG

Tributary's local stack is up.
  Kafka          ${KAFKA_BROKERS:-127.0.0.1:9092}
  Schema registry ${SCHEMA_REGISTRY_URL:-http://127.0.0.1:8081/apis/ccompat/v7}
  Jaeger UI      ${JAEGER_QUERY_URL:-http://127.0.0.1:16686}
  Status         deploy/local/stack status
  Logs           deploy/local/stack logs kafka|registry|jaeger
  Stop           deploy/local/stack down
MSG
