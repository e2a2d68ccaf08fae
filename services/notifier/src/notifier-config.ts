import { z } from 'zod';
import { breakerDefaults } from './delivery/guarded-delivery.ts';

/** The notifier's configuration, read once from the environment at start, then frozen. */
export interface NotifierConfig {
  /** Kafka bootstrap brokers (`KAFKA_BROKERS`, comma-separated). Default `127.0.0.1:9092`. */
  readonly brokers: readonly string[];
  /** Schema registry URL (`SCHEMA_REGISTRY_URL`). Default the local stack's. */
  readonly schemaRegistryUrl: string;
  /** Topic and group name prefix (`TRIBUTARY_TOPIC_PREFIX`). Default none. */
  readonly prefix: string;
  /** Catalog file (`TRIBUTARY_CATALOG_FILE`). Default the repository's `deploy/catalog.yaml`. */
  readonly catalogFile: string | undefined;
  /** Incoming-webhook URL (`NOTIFIER_WEBHOOK_URL`, http or https). Required. */
  readonly webhookUrl: string;
  /** One POST's deadline (`NOTIFIER_REQUEST_TIMEOUT_MS`). Default 5 000. */
  readonly requestTimeoutMs: number;
  /** Breaker open time before a trial (`NOTIFIER_BREAKER_RESET_MS`). Default 30 000. */
  readonly breakerResetMs: number;
  /** Calls in the window before it may open (`NOTIFIER_BREAKER_VOLUME`). Default 5. */
  readonly breakerVolume: number;
  /** Failure percent that opens it (`NOTIFIER_BREAKER_ERROR_PERCENT`). Default 50. */
  readonly breakerErrorPercent: number;
  /** Port of the Prometheus metrics endpoint (`METRICS_PORT`). Default 9472. */
  readonly metricsPort: number;
  /** pino level (`LOG_LEVEL`). Default `info`. */
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
}

const blank = (value: unknown) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blank, schema.optional());
const count = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const envSchema = z.object({
  KAFKA_BROKERS: optional(z.string().trim()),
  SCHEMA_REGISTRY_URL: optional(z.url()),
  TRIBUTARY_TOPIC_PREFIX: z.string().optional(),
  TRIBUTARY_CATALOG_FILE: optional(z.string().trim()),
  NOTIFIER_WEBHOOK_URL: z.preprocess(
    blank,
    z.url({ protocol: /^https?$/, error: 'required: an http(s) incoming-webhook URL' }),
  ),
  NOTIFIER_REQUEST_TIMEOUT_MS: optional(count(100, 120_000)),
  NOTIFIER_BREAKER_RESET_MS: optional(count(100, 3_600_000)),
  NOTIFIER_BREAKER_VOLUME: optional(count(0, 10_000)),
  NOTIFIER_BREAKER_ERROR_PERCENT: optional(count(1, 100)),
  METRICS_PORT: optional(count(1, 65_535)),
  LOG_LEVEL: optional(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])),
});

/** Raised for a bad environment; the message names every bad variable on one line. */
export class NotifierConfigError extends Error {
  override readonly name = 'NotifierConfigError';
  readonly code = 'INVALID_CONFIG';
}

/** Reads and validates the notifier's environment; throws {@link NotifierConfigError}. */
export function notifierConfigFromEnv(
  env: Readonly<Record<string, string | undefined>>,
): NotifierConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new NotifierConfigError(`invalid notifier configuration: ${problems.join('; ')}`);
  }

  const e = parsed.data;
  return Object.freeze({
    brokers: (e.KAFKA_BROKERS ?? '127.0.0.1:9092')
      .split(',')
      .map((b) => b.trim())
      .filter((b) => b !== ''),
    schemaRegistryUrl: e.SCHEMA_REGISTRY_URL ?? 'http://127.0.0.1:8081/apis/ccompat/v7',
    prefix: e.TRIBUTARY_TOPIC_PREFIX ?? '',
    catalogFile: e.TRIBUTARY_CATALOG_FILE,
    webhookUrl: e.NOTIFIER_WEBHOOK_URL,
    requestTimeoutMs: e.NOTIFIER_REQUEST_TIMEOUT_MS ?? 5_000,
    breakerResetMs: e.NOTIFIER_BREAKER_RESET_MS ?? breakerDefaults.resetTimeoutMs,
    breakerVolume: e.NOTIFIER_BREAKER_VOLUME ?? breakerDefaults.volumeThreshold,
    breakerErrorPercent: e.NOTIFIER_BREAKER_ERROR_PERCENT ?? breakerDefaults.errorThresholdPercent,
    metricsPort: e.METRICS_PORT ?? 9472,
    logLevel: e.LOG_LEVEL ?? 'info',
  });
}
