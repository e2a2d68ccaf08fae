import { resolve } from 'node:path';
import { z } from 'zod';

/** The ledger's configuration, read once from the environment at start, then frozen. */
export interface LedgerConfig {
  /** Kafka bootstrap brokers (`KAFKA_BROKERS`, comma-separated). Default `127.0.0.1:9092`. */
  readonly brokers: readonly string[];
  /** Schema registry URL (`SCHEMA_REGISTRY_URL`). Default the local stack's. */
  readonly schemaRegistryUrl: string;
  /** Topic and group name prefix (`TRIBUTARY_TOPIC_PREFIX`). Default none. */
  readonly prefix: string;
  /** Catalog file (`TRIBUTARY_CATALOG_FILE`). Default the repository's `deploy/catalog.yaml`. */
  readonly catalogFile: string | undefined;
  /**
   * Where the ledger is kept: PostgreSQL when `LEDGER_DATABASE_URL` is set, else the SQLite
   * file `LEDGER_DATABASE` (default `.local/ledger/ledger.sqlite` under the repository root).
   */
  readonly database:
    | { readonly kind: 'sqlite'; readonly path: string }
    | { readonly kind: 'postgres'; readonly url: string };
  /** Port of the Prometheus metrics endpoint (`METRICS_PORT`). Default 9471. */
  readonly metricsPort: number;
  /** pino level (`LOG_LEVEL`). Default `info`. */
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
}

const blankToUndefined = (value: unknown) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;
const optionalText = z.preprocess(blankToUndefined, z.string().trim().optional());

const envSchema = z.object({
  KAFKA_BROKERS: optionalText,
  SCHEMA_REGISTRY_URL: z.preprocess(blankToUndefined, z.url().optional()),
  TRIBUTARY_TOPIC_PREFIX: z.string().optional(),
  TRIBUTARY_CATALOG_FILE: optionalText,
  LEDGER_DATABASE: optionalText,
  LEDGER_DATABASE_URL: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
      .optional(),
  ),
  METRICS_PORT: z.preprocess(
    blankToUndefined,
    z.coerce.number().int().min(1).max(65_535).optional(),
  ),
  LOG_LEVEL: z.preprocess(
    blankToUndefined,
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
  ),
});

/** Raised for a bad environment; the message names every bad variable on one line. */
export class LedgerConfigError extends Error {
  override readonly name = 'LedgerConfigError';
  readonly code = 'INVALID_CONFIG';
}

/**
 * Reads and validates the ledger's environment. `repoRoot` anchors the default SQLite path.
 * Throws {@link LedgerConfigError} listing every invalid variable.
 */
export function ledgerConfigFromEnv(
  env: Readonly<Record<string, string | undefined>>,
  repoRoot: string,
): LedgerConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new LedgerConfigError(`invalid ledger configuration: ${problems.join('; ')}`);
  }

  const e = parsed.data;
  const brokers = (e.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',').map((b) => b.trim());
  const config: LedgerConfig = {
    brokers: brokers.filter((b) => b !== ''),
    schemaRegistryUrl: e.SCHEMA_REGISTRY_URL ?? 'http://127.0.0.1:8081/apis/ccompat/v7',
    prefix: e.TRIBUTARY_TOPIC_PREFIX ?? '',
    catalogFile: e.TRIBUTARY_CATALOG_FILE,
    database:
      e.LEDGER_DATABASE_URL !== undefined
        ? { kind: 'postgres', url: e.LEDGER_DATABASE_URL }
        : {
            kind: 'sqlite',
            path: resolve(repoRoot, e.LEDGER_DATABASE ?? '.local/ledger/ledger.sqlite'),
          },
    metricsPort: e.METRICS_PORT ?? 9471,
    logLevel: e.LOG_LEVEL ?? 'info',
  };
  return Object.freeze(config);
}
