import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import kafkajs from 'kafkajs';
import {
  formatKafkaStorage,
  KAFKA_LOG4J_CONFIG,
  KAFKA_MIN_JAVA,
  kafkaClasspath,
  kafkaJvmArgs,
  kafkaServerProperties,
} from '../../deploy/local/src/components/kafka.ts';
import { resolveLayout } from '../../deploy/local/src/layout.ts';
import { findJava } from '../../deploy/local/src/preflight.ts';
import { waitFor } from './wait-for.ts';

const { Kafka, logLevel } = kafkajs;

/** Options of {@link createThrowawayBroker}. */
export interface ThrowawayBrokerOptions {
  /** Longest wait for the broker to serve after a start, in milliseconds. Default 90 000. */
  startTimeoutMs?: number;
  /** Longest wait for the process to exit after SIGTERM before it is killed, in ms. Default 30 000. */
  stopTimeoutMs?: number;
}

/** A single-node Kafka of a test's own, on free loopback ports, in a temporary folder. */
export interface ThrowawayBroker {
  /** `127.0.0.1:<port>`: the bootstrap address, the same across restarts. */
  readonly bootstrap: string;
  /** The temporary folder holding configuration, data and `broker.log`. */
  readonly dir: string;
  /** Starts the broker (again) on the same ports and data, and waits until it serves. */
  start(): Promise<void>;
  /** Stops it with SIGTERM (a controlled shutdown) and waits for the process to exit. */
  stop(): Promise<void>;
  /** Stops it if running and deletes its folder. */
  remove(): Promise<void>;
}

/**
 * Prepares a throwaway broker from the jars deploy/local caches (`stack up` installs them),
 * configured exactly like the stack's own broker but on two free ports and a temporary data
 * folder; storage is formatted once, so a restart keeps every topic and record. For tests
 * that must stop a broker, which must never be the shared stack's. Call `start()` next.
 */
export async function createThrowawayBroker(
  options: ThrowawayBrokerOptions = {},
): Promise<ThrowawayBroker> {
  const { startTimeoutMs = 90_000, stopTimeoutMs = 30_000 } = options;
  const java = await findJava('kafka', KAFKA_MIN_JAVA, 'TRIBUTARY_KAFKA_JAVA_HOME');
  const classpath = kafkaClasspath(resolveLayout().cacheDir);
  const [brokerPort, controllerPort] = await freePorts(2);
  const host = '127.0.0.1';
  const dir = await mkdtemp(join(tmpdir(), 'tributary-broker-'));
  const dataDir = join(dir, 'data');
  const propertiesFile = join(dir, 'server.properties');
  const log4jFile = join(dir, 'log4j2.properties');
  await mkdir(dataDir);
  await writeFile(
    propertiesFile,
    kafkaServerProperties({
      host,
      brokerPort: brokerPort as number,
      controllerPort: controllerPort as number,
      dataDir,
    }),
  );
  await writeFile(log4jFile, KAFKA_LOG4J_CONFIG);
  await formatKafkaStorage(java, classpath, propertiesFile);

  const bootstrap = `${host}:${brokerPort}`;
  let child: ChildProcess | undefined;

  const stop = async () => {
    const running = child;
    if (running === undefined || running.exitCode !== null || running.signalCode !== null) return;
    const exited = once(running, 'exit');
    running.kill('SIGTERM');
    const timer = setTimeout(() => running.kill('SIGKILL'), stopTimeoutMs);
    await exited.finally(() => clearTimeout(timer));
    child = undefined;
  };

  return {
    bootstrap,
    dir,
    async start() {
      if (child !== undefined) return;
      const log = createWriteStream(join(dir, 'broker.log'), { flags: 'a' });
      child = spawn(java, kafkaJvmArgs({ classpath, log4jFile, propertiesFile }), {
        cwd: dir,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stdout?.pipe(log);
      child.stderr?.pipe(log);
      const started = child;
      await waitFor(
        async () => {
          if (started.exitCode !== null) throw new Error(`broker exited; see ${dir}/broker.log`);
          return brokerServes(bootstrap);
        },
        { timeoutMs: startTimeoutMs, intervalMs: 250, what: `throwaway broker at ${bootstrap}` },
      );
    },
    stop,
    async remove() {
      await stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Ports nothing listens on now (the OS picks them); a race with another process is unlikely. */
async function freePorts(count: number): Promise<number[]> {
  const servers = Array.from({ length: count }, () => createServer());
  const ports = await Promise.all(
    servers.map(
      (server) =>
        new Promise<number>((resolve, reject) => {
          server.once('error', reject);
          server.listen(0, '127.0.0.1', () => {
            const address = server.address();
            resolve(typeof address === 'object' && address !== null ? address.port : 0);
          });
        }),
    ),
  );
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return ports;
}

async function brokerServes(bootstrap: string): Promise<boolean> {
  const admin = new Kafka({
    clientId: 'throwaway-broker-probe',
    brokers: [bootstrap],
    connectionTimeout: 1_000,
    requestTimeout: 2_000,
    retry: { retries: 0 },
    logLevel: logLevel.NOTHING,
  }).admin();
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    return cluster.brokers.length > 0 && cluster.controller !== null;
  } catch {
    return false;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}
