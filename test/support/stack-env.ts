import { randomBytes } from 'node:crypto';

/**
 * Where the suites find the local stack, read once from the environment with the defaults
 * of deploy/local, and the prefix that keeps this run's topics, groups and subjects apart
 * from every other run on the same stack.
 */
export const stackEnv = Object.freeze({
  /** Kafka bootstrap servers, comma-separated in `KAFKA_BROKERS`. */
  brokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',').map((b) => b.trim()),
  /** Confluent-compatible schema registry base URL. */
  schemaRegistryUrl: process.env.SCHEMA_REGISTRY_URL ?? 'http://127.0.0.1:8081/apis/ccompat/v7',
  /** OTLP/HTTP endpoint (without the `/v1/traces` path). */
  otlpEndpoint: process.env.OTEL_EXPORTER_OTLP_ENDPOINT ?? 'http://127.0.0.1:4318',
  /** Jaeger's query API and UI. */
  jaegerQueryUrl: process.env.JAEGER_QUERY_URL ?? 'http://127.0.0.1:16686',
  /** Set per test run by scripts/test.sh; a random one when a file runs alone. */
  runPrefix: process.env.TRIBUTARY_TEST_PREFIX ?? `t${randomBytes(4).toString('hex')}.`,
});

/** A name unique to this run and this call: `<run prefix><label>.<random>`. */
export function uniqueName(label: string): string {
  return `${stackEnv.runPrefix}${label}.${randomBytes(3).toString('hex')}`;
}
