// The ingress process: reads the environment (the only place it is read), validates the
// configuration, starts the server, and shuts down cleanly on SIGTERM or SIGINT. Started as
//   node --import @tributary/telemetry/register src/main.ts
// so tracing is set up before express, http and kafkajs load.
import { loadTopicCatalog } from '@tributary/contract';
import { createLogger, LOG_LEVELS, type Logger, type LogLevel } from '@tributary/logger';
import { shutdownTelemetry } from '@tributary/telemetry';
import { ingressConfigFromEnv } from './config/ingress-config-from-env.ts';
import {
  type ResolvedIngressConfig,
  resolveIngressConfig,
} from './config/resolve-ingress-config.ts';
import { ingressRedactPaths } from './ingress-redact-paths.ts';
import { type RunningIngress, startIngress } from './start-ingress.ts';

/** Longest a shutdown may take before the process exits anyway, in milliseconds. */
const exitBackstopMs = 30_000;

const env = process.env;
const requestedLevel = env.LOG_LEVEL?.trim().toLowerCase() || 'info';
// An unknown level must not keep the service from starting (nor from saying so).
const level = (LOG_LEVELS as readonly string[]).includes(requestedLevel)
  ? (requestedLevel as LogLevel)
  : 'info';
const logger = createLogger({
  serviceName: 'tributary-ingress',
  level,
  redactPaths: ingressRedactPaths,
});
if (level !== requestedLevel)
  logger.warn({ logLevel: requestedLevel }, 'unknown LOG_LEVEL; using info');

try {
  const { origin, input } = await ingressConfigFromEnv(env);
  // The catalog bounds body sizes and declares the topics; TRIBUTARY_CATALOG_FILE moves it.
  const catalog = loadTopicCatalog(env.TRIBUTARY_CATALOG_FILE?.trim() || undefined);
  const { config, sourcesWithoutSecrets } = resolveIngressConfig(input, { env, catalog });
  logConfiguration(logger, origin, config, sourcesWithoutSecrets);
  const ingress = await startIngress({ config, logger });
  stopOnSignals(ingress);
} catch (error: unknown) {
  logger.fatal({ err: error }, 'ingress failed to start');
  process.exitCode = 1;
  await shutdownTelemetry().catch(() => undefined);
}

function logConfiguration(
  log: Logger,
  origin: string,
  config: ResolvedIngressConfig,
  sourcesWithoutSecrets: readonly string[],
): void {
  const sources = [...config.sources.values()].map((source) => ({
    name: source.name,
    scheme: source.verifier.scheme,
    secretsEnv: source.secretsEnv,
    secretCount: source.secrets.length,
    topic: source.topic,
    rateLimit: source.rateLimit,
  }));
  log.info(
    { origin, brokers: config.kafka.brokers, registry: config.registry.url, sources },
    'ingress configuration loaded',
  );
  for (const name of sourcesWithoutSecrets) {
    const source = config.sources.get(name);
    log.warn(
      { source: name, secretsEnv: source?.secretsEnv },
      'source has no secret configured; every delivery to it is answered 401',
    );
  }
}

function stopOnSignals(ingress: RunningIngress): void {
  const stop = async (signal: NodeJS.Signals) => {
    logger.info({ signal }, 'ingress stopping');
    // A stuck drain must not keep the process alive forever; unref so it never delays an exit.
    setTimeout(() => process.exit(1), exitBackstopMs).unref();
    try {
      await ingress.close();
    } catch (error: unknown) {
      logger.error({ err: error }, 'ingress shutdown failed');
      process.exitCode = 1;
    }
    await shutdownTelemetry().catch((error: unknown) => {
      logger.error({ err: error }, 'telemetry shutdown failed');
    });
  };
  process.once('SIGTERM', (signal) => void stop(signal));
  process.once('SIGINT', (signal) => void stop(signal));
}
