import kafkajs from 'kafkajs';

const { Kafka, logLevel } = kafkajs;

/**
 * Checks that the local stack's Kafka and schema registry answer; throws one readable error
 * naming what is down and how to start it. Resolves with warnings: Jaeger not answering
 * does not stop a run, but the services under test then spend time on failed exports.
 */
export async function assertStackRunning(
  brokers: readonly string[],
  registryUrl: string,
  otlpEndpoint: string,
): Promise<string[]> {
  const down: string[] = [];
  const admin = new Kafka({
    clientId: 'bench-stack-check',
    brokers: [...brokers],
    connectionTimeout: 2_000,
    requestTimeout: 3_000,
    retry: { retries: 1 },
    logLevel: logLevel.NOTHING,
  }).admin();
  try {
    await admin.connect();
    await admin.describeCluster();
  } catch {
    down.push(`Kafka at ${brokers.join(',')}`);
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
  const registry = await fetch(`${registryUrl}/subjects`, { signal: AbortSignal.timeout(3_000) })
    .then((response) => response.ok)
    .catch(() => false);
  if (!registry) down.push(`the schema registry at ${registryUrl}`);
  if (down.length > 0) {
    throw new Error(
      `the local stack is not running (${down.join(' and ')} did not answer); start it with \`npm start\` or \`deploy/local/stack up\``,
    );
  }
  const otlp = await fetch(`${otlpEndpoint}/v1/traces`, { signal: AbortSignal.timeout(3_000) })
    .then(() => true)
    .catch(() => false);
  return otlp
    ? []
    : [`Jaeger's OTLP endpoint ${otlpEndpoint} did not answer: trace exports fail during the run`];
}
