// The two processes the telemetry suites run: the ingress (src/main.ts) and the retry-once
// fixture consumer, each under the telemetry bootstrap, configured by environment only.
import { fileURLToPath } from 'node:url';
import { testSecretsEnv } from '../../../services/ingress/test/support/bundled-deliveries.ts';
import { freePort } from '../../support/free-port.ts';
import { stackEnv } from '../../support/stack-env.ts';
import { type LoggedProcess, startLoggedProcess } from './logged-process.ts';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const bootstrap = ['--import', '@tributary/telemetry/register'];

/**
 * This process's environment without any `OTEL_*` or secret variable, so a child is configured
 * by the suite alone, plus `extra`. Spans are exported 200 ms after they end rather than 5 s.
 */
function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) => !name.startsWith('OTEL_') && !name.startsWith('TRIBUTARY_SECRET_'),
    ),
  );
  return {
    ...inherited,
    KAFKA_BROKERS: stackEnv.brokers.join(','),
    SCHEMA_REGISTRY_URL: stackEnv.schemaRegistryUrl,
    OTEL_BSP_SCHEDULE_DELAY: '200',
    ...extra,
  };
}

/** A free loopback TCP port (closed again before it is returned). */
/** A running ingress and its base URL. */
export interface RunningIngressProcess {
  readonly process: LoggedProcess;
  readonly url: string;
}

/**
 * Starts the ingress under `prefix` with the bundled sources and the test secrets, on a free
 * port, and waits (bounded) until it logged `ingress ready`. `telemetry` is added to its
 * environment (service name, OTLP endpoint, OTEL_SDK_DISABLED).
 */
export async function startIngressProcess(
  prefix: string,
  telemetry: Record<string, string>,
): Promise<RunningIngressProcess> {
  const ingress = startLoggedProcess(
    [...bootstrap, 'services/ingress/src/main.ts'],
    childEnv({
      ...testSecretsEnv,
      TRIBUTARY_INGRESS_HOST: '127.0.0.1',
      TRIBUTARY_INGRESS_PORT: '0',
      TRIBUTARY_TOPIC_PREFIX: prefix,
      TRIBUTARY_REGISTER_SCHEMAS: '1',
      ...telemetry,
    }),
    repoRoot,
  );
  try {
    const listening = await ingress.waitForLine((l) => l.msg === 'ingress listening', 'listening');
    await ingress.waitForLine((l) => l.msg === 'ingress ready', 'the ingress ready');
    return { process: ingress, url: `http://127.0.0.1:${listening.port}` };
  } catch (error: unknown) {
    await ingress.stop();
    throw error;
  }
}

/** A running fixture consumer and its metrics port. */
export interface RunningConsumerProcess {
  readonly process: LoggedProcess;
  readonly metricsPort: number;
}

/**
 * Starts the retry-once fixture service under `prefix`, its metrics on a free port, and waits
 * (bounded) until it has its partitions. `failFirst` makes every first attempt fail.
 */
export async function startConsumerProcess(
  prefix: string,
  options: { failFirst: boolean; telemetry: Record<string, string> },
): Promise<RunningConsumerProcess> {
  const metricsPort = await freePort();
  const consumer = startLoggedProcess(
    [...bootstrap, 'test/telemetry/fixtures/retry-once-service.ts'],
    childEnv({
      FIXTURE_PREFIX: prefix,
      FIXTURE_FAIL_FIRST: options.failFirst ? '1' : '0',
      METRICS_PORT: String(metricsPort),
      ...options.telemetry,
    }),
    repoRoot,
  );
  try {
    await consumer.waitForLine((l) => l.msg === 'partitions assigned', 'partitions assigned');
    return { process: consumer, metricsPort };
  } catch (error: unknown) {
    await consumer.stop();
    throw error;
  }
}
