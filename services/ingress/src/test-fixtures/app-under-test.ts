import type { AddressInfo } from 'node:net';
import type { Attributes } from '@opentelemetry/api';
import type { WebhookEnvelope } from '@tributary/contract';
import { createLogger } from '@tributary/logger';
import type { IngressConfig, PublishConfig } from '../config/ingress-config.ts';
import { resolveIngressConfig } from '../config/resolve-ingress-config.ts';
import type { SourceConfig } from '../config/source-config.ts';
import { createIngressApp } from '../http/create-ingress-app.ts';
import type { ReadinessReport } from '../http/probe-routes.ts';
import { createTokenBucket, type TokenBucket } from '../http/token-bucket.ts';
import { ingressRedactPaths } from '../ingress-redact-paths.ts';
import { createBatchingPublisher } from '../publish/batching-publisher.ts';
import type { SendBatch, TopicBatch } from '../publish/publish-record.ts';

/** Options of {@link startAppUnderTest}. */
export interface AppUnderTestOptions {
  /** Sources; default one `github` source. */
  readonly sources?: Record<string, SourceConfig>;
  /** Secrets variables. */
  readonly env?: Record<string, string>;
  /** The Kafka port; default acknowledges every batch at once. */
  readonly send?: SendBatch;
  readonly publish?: PublishConfig;
  /** Availability gate; default always available. */
  readonly unavailable?: () => 'not_ready' | 'shutting_down' | undefined;
  readonly nowMs?: () => number;
}

/**
 * The ingress app on a free loopback port with Kafka and the registry faked: envelopes are
 * captured before encoding, batches as sent, log lines as parsed JSON, and the attributes of
 * every `tributary.webhooks.received` count. For unit tests.
 */
export async function startAppUnderTest(options: AppUnderTestOptions = {}) {
  const envelopes: WebhookEnvelope[] = [];
  const batches: TopicBatch[][] = [];
  const logLines: Array<Record<string, unknown>> = [];
  const rawLog: string[] = [];
  const webhookCounts: Attributes[] = [];
  const input: IngressConfig = {
    sources: options.sources ?? {
      github: {
        verification: { scheme: 'github' },
        eventId: [{ header: 'x-github-delivery' }],
        eventType: [{ header: 'x-github-event' }],
        partitionKey: [{ pointer: '/repository/id' }],
        headers: ['x-github-event', 'user-agent'],
        rateLimit: null,
      },
    },
    ...(options.publish === undefined ? {} : { publish: options.publish }),
  };
  const { config } = resolveIngressConfig(input, { env: options.env ?? {} });
  const logger = createLogger({
    serviceName: 'ingress-test',
    redactPaths: ingressRedactPaths,
    destination: {
      write: (line: string) => {
        rawLog.push(line);
        logLines.push(JSON.parse(line) as Record<string, unknown>);
      },
    },
  });
  const send: SendBatch =
    options.send ??
    (async (batch) => {
      batches.push([...batch]);
    });
  const publisher = createBatchingPublisher({ send, ...config.publish });
  const nowMs = options.nowMs ?? Date.now;
  const rateLimits = new Map<string, TokenBucket>();
  for (const source of config.sources.values()) {
    if (source.rateLimit !== null)
      rateLimits.set(source.name, createTokenBucket(source.rateLimit, nowMs));
  }
  const readiness = (): ReadinessReport => ({
    producerConnected: options.unavailable?.() !== 'not_ready',
    schemaIdsCached: true,
    draining: options.unavailable?.() === 'shutting_down',
  });

  const app = createIngressApp({
    sources: config.sources,
    publisher,
    rateLimits,
    encode: (_topic, envelope) => {
      envelopes.push(envelope);
      return Buffer.from(envelope.eventId);
    },
    unavailable: options.unavailable ?? (() => undefined),
    unavailableRetryAfterSeconds: config.publish.unavailableRetryAfterSeconds,
    saturatedRetryAfterSeconds: config.publish.saturatedRetryAfterSeconds,
    logger,
    nowMs,
    webhooksReceived: {
      add: (value: number, attributes: Attributes = {}) => {
        for (let i = 0; i < value; i += 1) webhookCounts.push(attributes);
      },
    },
    trustProxy: false,
    readiness,
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    config,
    publisher,
    envelopes,
    batches,
    logLines,
    rawLog,
    webhookCounts,
    /** The log lines of answered webhooks. */
    webhookLines: () => logLines.filter((line) => line.msg === 'webhook answered'),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
