import { join } from 'node:path';

/** Where the platform's processes listen and keep their files. Read once from the environment. */
export interface PlatformSettings {
  /** Root of the repository: services are started from here. */
  readonly repoRoot: string;
  /** State folder: pm2 home, logs, pid files (`TRIBUTARY_PLATFORM_DIR`, default `.local/platform`). */
  readonly stateDir: string;
  /** Prefix of every topic, group and subject (`TRIBUTARY_TOPIC_PREFIX`, default none). */
  readonly prefix: string;
  /** Kafka bootstrap brokers (`KAFKA_BROKERS`). */
  readonly brokers: readonly string[];
  /** Confluent-compatible registry API (`SCHEMA_REGISTRY_URL`). */
  readonly registryUrl: string;
  /** OTLP/HTTP endpoint the services export traces to (`OTEL_EXPORTER_OTLP_ENDPOINT`). */
  readonly otlpEndpoint: string;
  /** Jaeger UI and query API (`JAEGER_QUERY_URL`, default `http://127.0.0.1:16686`). */
  readonly jaegerUrl: string;
  /** Port of the ingress (`TRIBUTARY_INGRESS_PORT`, default 8080). */
  readonly ingressPort: number;
  /** Port of the development chat sink the notifier posts to (`TRIBUTARY_CHAT_SINK_PORT`, default 9479). */
  readonly chatSinkPort: number;
  /**
   * Metrics port per example consumer service: the ledger at `TRIBUTARY_METRICS_PORT_BASE`
   * (default 9471), the notifier at the next port.
   */
  readonly metricsPorts: Readonly<Record<string, number>>;
  /** First metrics port of the other consumer services, by name: the base plus 2 (9473). */
  readonly otherMetricsFrom: number;
  /** SQLite file of the ledger (`LEDGER_DATABASE`, default `.local/ledger/ledger.sqlite`). */
  readonly ledgerDatabase: string;
  /** The dev secrets file (`TRIBUTARY_DEV_SECRETS_FILE`). */
  readonly devSecretsFile: string;
}

/** The platform's conventional ports. */
export const platformPorts = Object.freeze({
  ingress: 8080,
  chatSink: 9479,
  ledgerMetrics: 9471,
  notifierMetrics: 9472,
  /** First metrics port of consumer services beyond the two examples. */
  otherMetricsFrom: 9473,
});

function portFrom(text: string | undefined, fallback: number, name: string): number {
  if (text === undefined || text.trim() === '') return fallback;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) {
    throw new RangeError(`${name} must be a port from 1 to 65535, got ${text}`);
  }
  return port;
}

/**
 * Reads {@link PlatformSettings}; unset or blank variables take the defaults of the local stack.
 * Throws `RangeError` for a port that is not one.
 */
export function platformSettingsFrom(
  env: Readonly<Record<string, string | undefined>>,
  base: {
    readonly repoRoot: string;
    readonly brokers: readonly string[];
    readonly registryUrl: string;
    readonly devSecretsFile: string;
  },
): PlatformSettings {
  const read = (name: string) => (env[name]?.trim() ? env[name].trim() : undefined);
  const metricsBase = portFrom(
    read('TRIBUTARY_METRICS_PORT_BASE'),
    platformPorts.ledgerMetrics,
    'TRIBUTARY_METRICS_PORT_BASE',
  );
  return Object.freeze({
    repoRoot: base.repoRoot,
    stateDir: read('TRIBUTARY_PLATFORM_DIR') ?? join(base.repoRoot, '.local', 'platform'),
    prefix: read('TRIBUTARY_TOPIC_PREFIX') ?? '',
    brokers: base.brokers,
    registryUrl: base.registryUrl,
    otlpEndpoint: read('OTEL_EXPORTER_OTLP_ENDPOINT') ?? 'http://127.0.0.1:4318',
    jaegerUrl: read('JAEGER_QUERY_URL') ?? 'http://127.0.0.1:16686',
    ingressPort: portFrom(
      read('TRIBUTARY_INGRESS_PORT'),
      platformPorts.ingress,
      'TRIBUTARY_INGRESS_PORT',
    ),
    chatSinkPort: portFrom(
      read('TRIBUTARY_CHAT_SINK_PORT'),
      platformPorts.chatSink,
      'TRIBUTARY_CHAT_SINK_PORT',
    ),
    metricsPorts: Object.freeze({ ledger: metricsBase, notifier: metricsBase + 1 }),
    otherMetricsFrom: metricsBase + 2,
    ledgerDatabase:
      read('LEDGER_DATABASE') ?? join(base.repoRoot, '.local', 'ledger', 'ledger.sqlite'),
    devSecretsFile: base.devSecretsFile,
  });
}
