import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { TopicCatalog } from '@tributary/contract';
import type { PlatformSettings } from './platform-settings.ts';

/**
 * How the platform knows a process is ready: an HTTP GET answering 2xx. The ingress's
 * `/readyz` (producer connected, schema ids cached); a consumer service's `/readyz` on its
 * metrics port (a member of its group with partitions assigned: a service restarted after a
 * crash is not ready while its dead predecessor still holds the group).
 */
export type Readiness = { readonly kind: 'http'; readonly url: string };

/** One process of the platform: what to run, with what environment, and when it is ready. */
export interface PlatformProcess {
  /** Short name: `ingress`, `chat-sink`, or the consumer service's name (its group). */
  readonly name: string;
  /** Node arguments after the executable. */
  readonly args: readonly string[];
  /** Environment added to the launcher's. */
  readonly env: Readonly<Record<string, string>>;
  readonly readiness: Readiness;
  /** Longest wait for readiness, in milliseconds. */
  readonly readyTimeoutMs: number;
  /** Lines for the "where to look" summary. */
  readonly links: readonly string[];
}

/** Node flags every service runs with: tracing loaded first, kafkajs's harmless warning off. */
const serviceNodeArgs = [
  // kafkajs 2.2.4 triggers Node 24's TimeoutNegativeWarning (tulios/kafkajs#1751): noise only.
  '--disable-warning=TimeoutNegativeWarning',
  '--import',
  '@tributary/telemetry/register',
];

/**
 * Consumer services: every `services/<name>/src/main.ts` whose name is a group of the catalog
 * (the ingress is not a group). Sorted by name, so extra services get stable metrics ports.
 */
export function consumerServiceNames(repoRoot: string, catalog: TopicCatalog): string[] {
  const groups = new Set(catalog.groups.map((group) => group.group));
  const servicesDir = join(repoRoot, 'services');
  if (!existsSync(servicesDir)) return [];
  return readdirSync(servicesDir)
    .filter((name) => groups.has(name) && existsSync(join(servicesDir, name, 'src', 'main.ts')))
    .sort();
}

function metricsPortOf(
  settings: PlatformSettings,
  name: string,
  others: readonly string[],
): number {
  return settings.metricsPorts[name] ?? settings.otherMetricsFrom + others.indexOf(name);
}

/**
 * The processes `platform up` runs, in start order: the chat sink (the notifier's target),
 * the ingress, then each consumer service. `secrets` are the `TRIBUTARY_SECRET_<SOURCE>`
 * variables handed to the ingress. Pure: starts nothing.
 */
export function platformProcesses(
  settings: PlatformSettings,
  consumers: readonly string[],
  secrets: ReadonlyMap<string, string>,
): PlatformProcess[] {
  const common = {
    KAFKA_BROKERS: settings.brokers.join(','),
    SCHEMA_REGISTRY_URL: settings.registryUrl,
    OTEL_EXPORTER_OTLP_ENDPOINT: settings.otlpEndpoint,
    TRIBUTARY_TOPIC_PREFIX: settings.prefix,
  };
  const chatUrl = `http://127.0.0.1:${settings.chatSinkPort}`;
  const ingressUrl = `http://127.0.0.1:${settings.ingressPort}`;
  const others = consumers.filter((name) => settings.metricsPorts[name] === undefined);

  const chatSink: PlatformProcess = {
    name: 'chat-sink',
    args: [join(settings.repoRoot, 'packages/cli/src/platform/chat-sink/chat-sink-main.ts')],
    env: { TRIBUTARY_CHAT_SINK_PORT: String(settings.chatSinkPort) },
    readiness: { kind: 'http', url: `${chatUrl}/healthz` },
    readyTimeoutMs: 15_000,
    links: [`dev chat sink   ${chatUrl}/messages (what the notifier posted)`],
  };
  const ingress: PlatformProcess = {
    name: 'ingress',
    args: [...serviceNodeArgs, join(settings.repoRoot, 'services/ingress/src/main.ts')],
    env: {
      ...common,
      ...Object.fromEntries(secrets),
      OTEL_SERVICE_NAME: 'tributary-ingress',
      TRIBUTARY_INGRESS_PORT: String(settings.ingressPort),
      TRIBUTARY_INGRESS_HOST: '127.0.0.1',
      // Schemas are registered by `platform up` itself; the ingress only looks the ids up.
      TRIBUTARY_REGISTER_SCHEMAS: '0',
    },
    readiness: { kind: 'http', url: `${ingressUrl}/readyz` },
    readyTimeoutMs: 60_000,
    links: [`ingress         ${ingressUrl}/webhooks/<source>  (ready: ${ingressUrl}/readyz)`],
  };
  const services = consumers.map((name): PlatformProcess => {
    const metricsPort = metricsPortOf(settings, name, others);
    const base = `http://127.0.0.1:${metricsPort}`;
    const metricsUrl = `${base}/metrics`;
    return {
      name,
      args: [...serviceNodeArgs, join(settings.repoRoot, 'services', name, 'src', 'main.ts')],
      env: {
        ...common,
        ...consumerEnv(settings, name, chatUrl),
        OTEL_SERVICE_NAME: name,
        METRICS_PORT: String(metricsPort),
      },
      readiness: { kind: 'http', url: `${base}/readyz` },
      // Joining a group and rebuilding dedup marks takes a while on a loaded 2-core machine.
      readyTimeoutMs: 90_000,
      links: [`${name.padEnd(15)} metrics ${metricsUrl}`],
    };
  });
  return [chatSink, ingress, ...services];
}

/** Settings only one example consumer reads. */
function consumerEnv(
  settings: PlatformSettings,
  name: string,
  chatUrl: string,
): Record<string, string> {
  if (name === 'ledger') return { LEDGER_DATABASE: settings.ledgerDatabase };
  if (name === 'notifier') return { NOTIFIER_WEBHOOK_URL: `${chatUrl}/messages` };
  return {};
}
