// The ledger process: the only place the environment is read. Validates it, opens the store,
// starts the service; on SIGTERM or SIGINT the runtime drains, then the store is closed.
// Started as `node --import @tributary/telemetry/register services/ledger/src/main.ts`.
import { fileURLToPath } from 'node:url';
import { startService } from '@tributary/consumer-runtime';
import { loadTopicCatalog } from '@tributary/contract';
import { createLogger } from '@tributary/logger';
import { shutdownTelemetry } from '@tributary/telemetry';
import { LedgerConfigError, ledgerConfigFromEnv } from './ledger-config.ts';
import { ledgerService } from './ledger-service.ts';
import { openLedgerStore } from './open-ledger-store.ts';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

let config: ReturnType<typeof ledgerConfigFromEnv>;
try {
  config = ledgerConfigFromEnv(process.env, repoRoot);
} catch (error: unknown) {
  if (!(error instanceof LedgerConfigError)) throw error;
  // One readable line, before any logger exists to say it in JSON.
  process.stderr.write(`ledger: ${error.message}\n`);
  process.exit(2);
}

const logger = createLogger({ serviceName: 'ledger', level: config.logLevel });
try {
  const store = await openLedgerStore(config.database);
  await startService(ledgerService({ store }), {
    brokers: config.brokers,
    schemaRegistryUrl: config.schemaRegistryUrl,
    catalog: loadTopicCatalog(config.catalogFile),
    prefix: config.prefix,
    logger,
    // On SIGTERM or SIGINT the runtime drains, then the store is closed, then the process
    // ends by that signal.
    afterStop: () => store.close(),
    metricsPort: config.metricsPort,
  });
  logger.info(
    {
      database: config.database.kind,
      path: 'path' in config.database ? config.database.path : undefined,
    },
    'ledger started',
  );
} catch (error: unknown) {
  logger.fatal({ err: error }, 'ledger failed to start');
  await shutdownTelemetry().catch(() => undefined);
  process.exitCode = 1;
}
