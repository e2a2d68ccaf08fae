import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { access, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Component, ComponentContext, ProcessSpec } from '../component.ts';
import { StackError, StackErrorCode } from '../errors.ts';
import { isInstalled, runFetchScript } from '../fetch.ts';
import { findJava } from '../preflight.ts';

const run = promisify(execFile);

/**
 * Kafka 4.4.0 passes every check in test/stack/kafkajs-compat.test.ts with kafkajs 2.2.4.
 * log4j must match the log4j-api version Kafka's POM pulls in (2.25.x for 4.4).
 */
export const KAFKA_VERSION = '4.4.0';
const LOG4J_VERSION = '2.25.5';
/** Oldest Java that runs Kafka 4.x. */
export const KAFKA_MIN_JAVA = 17;

function installDir(ctx: ComponentContext): string {
  return kafkaInstallDir(ctx.layout.cacheDir);
}

/** Where Kafka's jars are installed under the download cache. */
export function kafkaInstallDir(cacheDir: string): string {
  return join(cacheDir, 'kafka', KAFKA_VERSION);
}

/** The JVM classpath of an installed Kafka: every jar of its libs folder. */
export function kafkaClasspath(cacheDir: string): string {
  return `${join(kafkaInstallDir(cacheDir), 'libs')}/*`;
}

function stateDir(ctx: ComponentContext): string {
  return join(ctx.layout.stateDir, 'kafka');
}

/** Addresses and storage of one single-node KRaft broker. */
export interface KafkaNodeLayout {
  /** Interface both listeners bind and the broker advertises. */
  host: string;
  /** Port of the PLAINTEXT client listener. */
  brokerPort: number;
  /** Port of the KRaft controller listener. */
  controllerPort: number;
  /** `log.dirs`: where partitions and KRaft metadata live. */
  dataDir: string;
}

function serverProperties(ctx: ComponentContext): string {
  const { host, kafkaBroker, kafkaController } = ctx.addresses;
  return kafkaServerProperties({
    host,
    brokerPort: kafkaBroker,
    controllerPort: kafkaController,
    dataDir: join(stateDir(ctx), 'data'),
  });
}

/** Single-node KRaft, broker and controller in one process, replication factor 1 throughout. */
export function kafkaServerProperties(node: KafkaNodeLayout): string {
  const { host, brokerPort, controllerPort, dataDir } = node;
  return [
    'process.roles=broker,controller',
    'node.id=1',
    `controller.quorum.voters=1@${host}:${controllerPort}`,
    `listeners=PLAINTEXT://${host}:${brokerPort},CONTROLLER://${host}:${controllerPort}`,
    `advertised.listeners=PLAINTEXT://${host}:${brokerPort}`,
    'controller.listener.names=CONTROLLER',
    'inter.broker.listener.name=PLAINTEXT',
    'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    `log.dirs=${dataDir}`,
    'num.partitions=1',
    // Internal topics default to 3 replicas; on one node the group and transaction
    // coordinators would never become available.
    'offsets.topic.replication.factor=1',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    'share.coordinator.state.topic.replication.factor=1',
    'share.coordinator.state.topic.min.isr=1',
    // Tests and local runs join groups constantly; waiting 3 s for more members helps no one.
    'group.initial.rebalance.delay.ms=0',
    'auto.create.topics.enable=false',
    '',
  ].join('\n');
}

/** Broker log to stdout (the process manager writes it to logs/kafka.log), noisy loggers quieted. */
export const KAFKA_LOG4J_CONFIG = `status = warn
appender.out.type = Console
appender.out.name = out
appender.out.layout.type = PatternLayout
appender.out.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = INFO
rootLogger.appenderRef.out.ref = out
logger.request.name = kafka.request.logger
logger.request.level = WARN
logger.statechange.name = state.change.logger
logger.statechange.level = WARN
logger.authorizer.name = kafka.authorizer.logger
logger.authorizer.level = WARN
`;

/** A Kafka cluster id: 16 random bytes, base64url without padding, not starting with '-'. */
export function newClusterId(): string {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

async function formatStorageOnce(
  ctx: ComponentContext,
  java: string,
  classpath: string,
): Promise<void> {
  const dataDir = join(stateDir(ctx), 'data');
  const formatted = await access(join(dataDir, 'meta.properties')).then(
    () => true,
    () => false,
  );
  if (formatted) return;
  ctx.progress('kafka: formatting KRaft storage (first start only)');
  const properties = join(stateDir(ctx), 'server.properties');
  try {
    await formatKafkaStorage(java, classpath, properties);
  } catch (error: unknown) {
    throw new StackError(StackErrorCode.EXITED_WHILE_STARTING, 'kafka', 'storage format failed', {
      cause: error,
    });
  }
}

/** Formats KRaft storage for the node `propertiesFile` describes, with a new cluster id. */
export async function formatKafkaStorage(
  java: string,
  classpath: string,
  propertiesFile: string,
): Promise<void> {
  await run(java, [
    '-cp',
    classpath,
    'kafka.tools.StorageTool',
    'format',
    '-t',
    newClusterId(),
    '-c',
    propertiesFile,
  ]);
}

/** JVM arguments that run a broker from `propertiesFile` with the given log4j configuration. */
export function kafkaJvmArgs(parts: {
  classpath: string;
  log4jFile: string;
  propertiesFile: string;
}): string[] {
  return [
    '-Xms256m',
    '-Xmx1g',
    '-XX:+UseG1GC',
    `-Dlog4j2.configurationFile=${parts.log4jFile}`,
    '-cp',
    parts.classpath,
    'kafka.Kafka',
    parts.propertiesFile,
  ];
}

async function probeBroker(ctx: ComponentContext): Promise<boolean> {
  const { Kafka, logLevel } = await import('kafkajs');
  const { host, kafkaBroker } = ctx.addresses;
  const admin = new Kafka({
    clientId: 'tributary-stack-health',
    brokers: [`${host}:${kafkaBroker}`],
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

/** Apache Kafka, single node in KRaft mode, from Maven Central jars. */
export const kafka: Component = {
  name: 'kafka',
  title: `Apache Kafka ${KAFKA_VERSION}`,
  startTimeoutMs: 90_000,

  async install(ctx) {
    await findJava('kafka', KAFKA_MIN_JAVA, 'TRIBUTARY_KAFKA_JAVA_HOME', ctx.env);
    const dest = installDir(ctx);
    if (await isInstalled(dest)) return;
    ctx.progress(`kafka: resolving ${this.title} from Maven Central with mvn (first run only)`);
    await runFetchScript(ctx, 'kafka', 'kafka.sh', [KAFKA_VERSION, LOG4J_VERSION, dest]);
  },

  async prepare(ctx): Promise<ProcessSpec> {
    const java = await findJava('kafka', KAFKA_MIN_JAVA, 'TRIBUTARY_KAFKA_JAVA_HOME', ctx.env);
    const dir = stateDir(ctx);
    const classpath = kafkaClasspath(ctx.layout.cacheDir);
    await mkdir(join(dir, 'data'), { recursive: true });
    await writeFile(join(dir, 'server.properties'), serverProperties(ctx));
    await writeFile(join(dir, 'log4j2.properties'), KAFKA_LOG4J_CONFIG);
    await formatStorageOnce(ctx, java, classpath);

    return {
      command: java,
      args: kafkaJvmArgs({
        classpath,
        log4jFile: join(dir, 'log4j2.properties'),
        propertiesFile: join(dir, 'server.properties'),
      }),
      cwd: dir,
      env: {},
      // A controlled shutdown of a single node takes a few seconds; give it room.
      killTimeoutMs: 30_000,
    };
  },

  probe: probeBroker,

  endpoints: (a) => ({ bootstrap: `${a.host}:${a.kafkaBroker}` }),
};
