import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '@tributary/logger';
import { createPipelineMetrics, type MetricsServer, serveMetrics } from '@tributary/telemetry';
import type { ResolvedIngressConfig } from './config/resolve-ingress-config.ts';
import { createEnvelopeEncoders } from './envelope/envelope-encoders.ts';
import { answerClientError } from './http/answer-client-error.ts';
import { createIngressApp } from './http/create-ingress-app.ts';
import type { ReadinessReport } from './http/probe-routes.ts';
import { createTokenBucket, type TokenBucket } from './http/token-bucket.ts';
import { createBatchingPublisher } from './publish/batching-publisher.ts';
import { createIngressProducer } from './publish/kafka-producer.ts';

/** Options of {@link startIngress}. */
export interface StartIngressOptions {
  /** The resolved configuration (see `resolveIngressConfig`). */
  readonly config: ResolvedIngressConfig;
  readonly logger: Logger;
  /** The clock, epoch milliseconds; default `Date.now` (tests pin it for documented vectors). */
  readonly nowMs?: () => number;
  /** Pause between two warm-up attempts (connect, schema ids), in milliseconds; default 1 000. */
  readonly warmUpRetryMs?: number;
}

/** A running ingress. */
export interface RunningIngress {
  /** The port listened on (the configured one, or the one picked for port 0). */
  readonly port: number;
  /** `http://<host>:<port>` with a loopback host when listening on all interfaces. */
  readonly url: string;
  /** The port of this process's own `/metrics` and `/readyz` (`server.metricsPort`), if any. */
  readonly metricsPort: number | undefined;
  /** The readiness checks as `/readyz` reports them. */
  readiness(): ReadinessReport;
  /** Resolves once ready; rejects past `timeoutMs`. */
  whenReady(timeoutMs: number): Promise<void>;
  /**
   * Shuts down: readiness turns 503 and new webhooks get 503 `shutting_down`, the server stops
   * accepting connections, requests in flight finish (up to `shutdownGraceMs`, then their
   * connections are cut), queued publishes fail, and the producer disconnects. Idempotent.
   */
  close(): Promise<void>;
}

/**
 * Starts the ingress: listens at once (liveness answers from the start), then warms up in the
 * background, connecting the producer and resolving every topic's writer schema id, retrying
 * until both succeed. Webhooks get 503 `not_ready` until then. Resolves once listening.
 */
export async function startIngress(options: StartIngressOptions): Promise<RunningIngress> {
  const { config, logger } = options;
  const nowMs = options.nowMs ?? Date.now;
  const producer = createIngressProducer({ ...config.kafka, logger });
  const encoders = createEnvelopeEncoders({
    topics: [...new Set([...config.sources.values()].map((source) => source.topic))],
    registryUrl: config.registry.url,
    registryTimeoutMs: config.registry.requestTimeoutMs,
    writerIdBy: config.registry.writerIdBy,
  });
  // No-op instruments when the telemetry bootstrap did not start: recording costs nothing then.
  const metrics = createPipelineMetrics();
  const publisher = createBatchingPublisher({
    send: producer.send,
    ...config.publish,
    publishesInFlight: metrics.publishesInFlight,
  });
  let draining = false;
  const readiness = (): ReadinessReport => ({
    producerConnected: producer.connected,
    schemaIdsCached: encoders.ready,
    draining,
  });
  const isReady = () => producer.connected && encoders.ready;

  const app = createIngressApp({
    sources: config.sources,
    publisher,
    rateLimits: rateLimitsOf(config, nowMs),
    encode: (topic, envelope) => encoders.encode(topic, envelope),
    unavailable: () => (draining ? 'shutting_down' : isReady() ? undefined : 'not_ready'),
    unavailableRetryAfterSeconds: config.publish.unavailableRetryAfterSeconds,
    saturatedRetryAfterSeconds: config.publish.saturatedRetryAfterSeconds,
    logger,
    nowMs,
    webhooksReceived: metrics.webhooksReceived,
    trustProxy: config.server.trustProxy,
    readiness,
  });
  const server = createServer(app);
  server.on('clientError', answerClientError);
  server.requestTimeout = config.server.requestTimeoutMs;
  // Node checks headers against their own timeout (60 s); a whole request gets no longer.
  server.headersTimeout = Math.min(server.headersTimeout, config.server.requestTimeoutMs);
  // On a shared port (reusePort) a scrape reaches any one process; each also answers on its own.
  const metricsServer: MetricsServer | undefined =
    config.server.metricsPort > 0
      ? await serveMetrics({
          port: config.server.metricsPort,
          host: config.server.host,
          readiness: () => isReady() && !draining,
        })
      : undefined;
  await listen(server, config.server).catch(async (error: unknown) => {
    await metricsServer?.close();
    throw error;
  });
  const port = (server.address() as AddressInfo).port;
  logger.info(
    { host: config.server.host, port, metricsPort: metricsServer?.port },
    'ingress listening',
  );

  const warmUp = startWarmUp({
    logger,
    retryMs: options.warmUpRetryMs ?? 1_000,
    isReady,
    attempt: async () => {
      if (!producer.connected) await producer.connect();
      if (!encoders.ready) await encoders.start();
    },
  });

  let closing: Promise<void> | undefined;
  return {
    port,
    url: `http://${urlHost(config.server.host)}:${port}`,
    metricsPort: metricsServer?.port,
    readiness,
    whenReady: (timeoutMs) => warmUp.whenReady(timeoutMs),
    close() {
      closing ??= (async () => {
        draining = true;
        warmUp.stop();
        logger.info({ inFlight: publisher.inFlight }, 'ingress draining');
        const graceEndsMs = Date.now() + config.server.shutdownGraceMs;
        await closeServer(server, config.server.shutdownGraceMs);
        await publisher.close(Math.max(0, graceEndsMs - Date.now()));
        await producer.disconnect();
        await metricsServer?.close();
        logger.info('ingress stopped');
      })();
      return closing;
    },
  };
}

function rateLimitsOf(config: ResolvedIngressConfig, nowMs: () => number) {
  const limits = new Map<string, TokenBucket>();
  for (const source of config.sources.values()) {
    if (source.rateLimit !== null)
      limits.set(source.name, createTokenBucket(source.rateLimit, nowMs));
  }
  return limits;
}

function listen(
  server: Server,
  at: { host: string; port: number; reusePort: boolean },
): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: at.host, port: at.port, reusePort: at.reusePort }, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** Stops accepting, lets requests in flight finish, and cuts what is left after `graceMs`. */
async function closeServer(server: Server, graceMs: number): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  let timer: NodeJS.Timeout | undefined;
  const grace = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, graceMs);
  });
  await Promise.race([closed, grace]).finally(() => clearTimeout(timer));
  server.closeAllConnections();
}

function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

interface WarmUpOptions {
  readonly logger: Logger;
  readonly retryMs: number;
  readonly isReady: () => boolean;
  readonly attempt: () => Promise<void>;
}

/**
 * Runs `attempt` until `isReady`, pausing `retryMs` after each failure, until stopped. Each
 * failure is a warning: a broker or registry still starting is expected, not terminal.
 */
function startWarmUp(options: WarmUpOptions) {
  let stopped = false;
  let wake: (() => void) | undefined;
  const done = (async () => {
    for (let attempt = 1; !stopped && !options.isReady(); attempt += 1) {
      try {
        await options.attempt();
      } catch (error: unknown) {
        options.logger.warn({ err: error, attempt }, 'ingress not ready yet; retrying');
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, options.retryMs).unref();
        });
      }
    }
    if (!stopped) options.logger.info('ingress ready');
  })();

  return {
    stop() {
      stopped = true;
      wake?.();
    },
    async whenReady(timeoutMs: number) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`ingress not ready within ${timeoutMs} ms`)),
          timeoutMs,
        );
      });
      await Promise.race([done, timeout]).finally(() => clearTimeout(timer));
      if (!options.isReady()) throw new Error('ingress stopped before it was ready');
    },
  };
}
