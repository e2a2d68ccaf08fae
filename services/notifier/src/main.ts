// The notifier process: the only place the environment is read. Validates it and starts the
// service; on SIGTERM or SIGINT the runtime drains, the breaker's timers stop, the process
// ends by that signal. Started as
//   node --import @tributary/telemetry/register services/notifier/src/main.ts
import { startService } from '@tributary/consumer-runtime';
import { loadTopicCatalog } from '@tributary/contract';
import { createLogger } from '@tributary/logger';
import { shutdownTelemetry } from '@tributary/telemetry';
import {
  type NotifierConfig,
  NotifierConfigError,
  notifierConfigFromEnv,
} from './notifier-config.ts';
import { notifierService } from './notifier-service.ts';

let config: NotifierConfig;
try {
  config = notifierConfigFromEnv(process.env);
} catch (error: unknown) {
  if (!(error instanceof NotifierConfigError)) throw error;
  // One readable line, before any logger exists to say it in JSON.
  process.stderr.write(`notifier: ${error.message}\n`);
  process.exit(2);
}

const logger = createLogger({ serviceName: 'notifier', level: config.logLevel });
try {
  const { definition, delivery } = notifierService({
    webhookUrl: config.webhookUrl,
    requestTimeoutMs: config.requestTimeoutMs,
    breaker: {
      resetTimeoutMs: config.breakerResetMs,
      volumeThreshold: config.breakerVolume,
      errorThresholdPercent: config.breakerErrorPercent,
    },
  });
  await startService(definition, {
    brokers: config.brokers,
    schemaRegistryUrl: config.schemaRegistryUrl,
    catalog: loadTopicCatalog(config.catalogFile),
    prefix: config.prefix,
    logger,
    // On SIGTERM or SIGINT the runtime drains, the breaker's timers stop, then the process
    // ends by that signal.
    afterStop: () => delivery.shutdown(),
    metricsPort: config.metricsPort,
  });
  // The URL may carry a secret token in its path: log only where it points.
  logger.info({ endpoint: new URL(config.webhookUrl).origin }, 'notifier started');
} catch (error: unknown) {
  logger.fatal({ err: error }, 'notifier failed to start');
  await shutdownTelemetry().catch(() => undefined);
  process.exitCode = 1;
}
