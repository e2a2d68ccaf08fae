# One image for every Tributary process in docker-compose.yml (ingress, consumer services,
# the dev chat sink, the setup job): the repository with its dependencies installed, run by
# Node 24 directly from the TypeScript sources. Untested on the project's own machines, which
# have no Docker engine; deploy/local is the tested way to run the stack.
FROM node:24-bookworm-slim
# better-sqlite3 (the ledger) builds from source when no prebuilt binary fits.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY . .
RUN npm ci --no-audit --no-fund && touch node_modules/.tributary-docker
ENV NODE_OPTIONS=--disable-warning=TimeoutNegativeWarning \
    KAFKA_BROKERS=kafka:19092 \
    SCHEMA_REGISTRY_URL=http://registry:8081/apis/ccompat/v7 \
    OTEL_EXPORTER_OTLP_ENDPOINT=http://jaeger:4318
