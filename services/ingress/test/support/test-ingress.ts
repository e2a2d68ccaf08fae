import {
  applyTopicPlan,
  createKafkaTopicAdmin,
  sourceTopicName,
  type TopicSpec,
} from '@tributary/contract';
import { createLogger } from '@tributary/logger';
import { stackEnv, uniqueName } from '../../../../test/support/stack-env.ts';
import type { IngressConfig, PublishConfig } from '../../src/config/ingress-config.ts';
import { resolveIngressConfig } from '../../src/config/resolve-ingress-config.ts';
import type { SourceConfig } from '../../src/config/source-config.ts';
import { ingressRedactPaths } from '../../src/ingress-redact-paths.ts';
import { type RunningIngress, startIngress } from '../../src/start-ingress.ts';

/** Options of {@link startTestIngress}. */
export interface TestIngressOptions {
  /** Sources to serve. */
  readonly sources: Readonly<Record<string, SourceConfig>>;
  /** Secrets variables, as the process environment would hold them. */
  readonly env: Readonly<Record<string, string>>;
  /** Bootstrap brokers; default the stack's. */
  readonly brokers?: readonly string[];
  readonly publish?: PublishConfig;
  /** Pinned clock for documented vectors; default `Date.now`. */
  readonly nowMs?: () => number;
  /** Longest wait for readiness, in milliseconds; default 30 000. */
  readonly readyTimeoutMs?: number;
  /** Port to listen on, default a free one, whether to share it, and a metrics port of its own. */
  readonly listen?: {
    readonly port: number;
    readonly reusePort: boolean;
    readonly metricsPort?: number;
  };
}

/** An ingress on a free loopback port, over this run's own topics and subjects. */
export interface TestIngress {
  readonly url: string;
  readonly ingress: RunningIngress;
  /** The prefix of this instance's topics and subjects. */
  readonly prefix: string;
  /** The prefixed topic of a source. */
  topicOf(source: string): string;
  /** Log lines written so far, parsed. */
  readonly logLines: Array<Record<string, unknown>>;
  close(): Promise<void>;
}

/**
 * Creates the source topics (3 partitions) under a prefix unique to this call, registers the
 * envelope under their subjects, starts the ingress against the stack (or `brokers`) and waits
 * until it is ready. Logs are captured, not printed.
 */
export async function startTestIngress(options: TestIngressOptions): Promise<TestIngress> {
  const prefix = `${uniqueName('ingress')}.`;
  const brokers = options.brokers ?? stackEnv.brokers;
  const topicOf = (source: string) => sourceTopicName({ source, major: 1 }, prefix);
  await createTopics(
    brokers,
    Object.keys(options.sources).map((source) => topicOf(source)),
  );

  const input: IngressConfig = {
    server: {
      host: '127.0.0.1',
      port: options.listen?.port ?? 0,
      reusePort: options.listen?.reusePort ?? false,
      metricsPort: options.listen?.metricsPort ?? 0,
      shutdownGraceMs: 5_000,
    },
    kafka: { brokers },
    registry: { url: stackEnv.schemaRegistryUrl, writerIdBy: 'register' },
    topicPrefix: prefix,
    sources: options.sources,
    ...(options.publish === undefined ? {} : { publish: options.publish }),
  };
  const { config } = resolveIngressConfig(input, { env: options.env });
  const logLines: Array<Record<string, unknown>> = [];
  const logger = createLogger({
    serviceName: 'ingress-integration',
    level: 'debug',
    redactPaths: ingressRedactPaths,
    destination: { write: (line: string) => void logLines.push(JSON.parse(line)) },
  });
  const ingress = await startIngress({
    config,
    logger,
    warmUpRetryMs: 200,
    ...(options.nowMs === undefined ? {} : { nowMs: options.nowMs }),
  });
  await ingress.whenReady(options.readyTimeoutMs ?? 30_000);

  return { url: ingress.url, ingress, prefix, topicOf, logLines, close: () => ingress.close() };
}

/** Creates topics of 3 partitions, replication 1, through the contract's topic admin. */
export async function createTopics(brokers: readonly string[], topics: readonly string[]) {
  const admin = createKafkaTopicAdmin({ brokers });
  await admin.connect();
  try {
    const plan: TopicSpec[] = topics.map((name) => ({
      name,
      role: 'source',
      partitions: 3,
      replicationFactor: 1,
      configs: {},
    }));
    await applyTopicPlan(admin, plan);
  } finally {
    await admin.disconnect();
  }
}
