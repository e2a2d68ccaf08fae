import { type ChildProcess, spawn } from 'node:child_process';
import { get } from 'node:http';
import { resolve } from 'node:path';
import { applyTopicCatalog } from '@tributary/contract';
import { waitFor } from '../support/wait-for.ts';
import { stopProcess } from './child-process.ts';

/** A running ingress process started by the benchmark. */
export interface IngressProcess {
  child: ChildProcess;
  url: string;
  stop(): Promise<void>;
}

const ingressDir = resolve(import.meta.dirname, '../../services/ingress');

/**
 * Applies the topic catalog under `prefix`, then starts the ingress as services run it
 * (`node --import @tributary/telemetry/register src/main.ts`) on `port`, with `secret` for
 * GitHub, and waits (bounded) until `/readyz` answers 200. Logs go to /dev/null: the
 * benchmark measures the service, not the terminal.
 */
export async function startIngressProcess(options: {
  brokers: readonly string[];
  registryUrl: string;
  prefix: string;
  port: number;
  githubSecret: string;
  /** Extra Node flags (for example `--cpu-prof --cpu-prof-dir=<dir>`). Default none. */
  nodeFlags?: readonly string[];
  /** Share the port with other ingress processes (`TRIBUTARY_INGRESS_REUSE_PORT`). */
  reusePort?: boolean;
}): Promise<IngressProcess> {
  const quiet = { line: () => undefined, fail: () => undefined };
  await applyTopicCatalog(
    { brokers: options.brokers, prefix: options.prefix, dryRun: false, increasePartitions: false },
    quiet,
  );
  const child = spawn(
    process.execPath,
    [
      '--disable-warning=TimeoutNegativeWarning',
      ...(options.nodeFlags ?? []),
      '--import',
      '@tributary/telemetry/register',
      'src/main.ts',
    ],
    {
      cwd: ingressDir,
      stdio: 'ignore',
      env: {
        ...process.env,
        OTEL_SERVICE_NAME: 'tributary-ingress-bench',
        LOG_LEVEL: 'warn',
        KAFKA_BROKERS: options.brokers.join(','),
        SCHEMA_REGISTRY_URL: options.registryUrl,
        TRIBUTARY_TOPIC_PREFIX: options.prefix,
        TRIBUTARY_REGISTER_SCHEMAS: '1',
        TRIBUTARY_INGRESS_PORT: String(options.port),
        TRIBUTARY_INGRESS_HOST: '127.0.0.1',
        TRIBUTARY_SECRET_GITHUB: options.githubSecret,
        TRIBUTARY_INGRESS_REUSE_PORT: options.reusePort ? '1' : '0',
      },
    },
  );
  const url = `http://127.0.0.1:${options.port}`;
  // On a shared port the kernel picks the process per connection: only a run of answers on
  // fresh connections that are all 200 says every process there is ready (20 in a row leave
  // a not-ready one of two unasked with odds of one in a million).
  const inARow = options.reusePort ? 20 : 1;
  await waitFor(
    async () => {
      for (let asked = 0; asked < inARow; asked += 1) {
        if (child.exitCode !== null) throw new Error(`ingress exited with ${child.exitCode}`);
        if ((await readyzOnNewConnection(url)) !== 200) return false;
      }
      return true;
    },
    { timeoutMs: 60_000, intervalMs: 200, what: 'the ingress to be ready' },
  );
  return {
    child,
    url,
    stop: () => stopProcess(child),
  };
}

/** The status `/readyz` answers on a connection of its own; 0 when it cannot be asked. */
function readyzOnNewConnection(url: string): Promise<number> {
  return new Promise((resolve) => {
    const request = get(`${url}/readyz`, { agent: false, timeout: 2_000 }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(0));
  });
}
