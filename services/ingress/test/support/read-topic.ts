import {
  createConfluentRegistryPort,
  createEnvelopeCodec,
  loadEnvelopeSchema,
  type WebhookEnvelope,
} from '@tributary/contract';
import kafkajs from 'kafkajs';
import { stackEnv } from '../../../../test/support/stack-env.ts';
import { waitFor } from '../../../../test/support/wait-for.ts';

const { Kafka, logLevel } = kafkajs;

/** A record read back from a topic, its value decoded through the contract codec. */
export interface ReadRecord {
  readonly key: string;
  readonly headers: Record<string, string>;
  readonly envelope: WebhookEnvelope;
}

/**
 * Reads a topic from the beginning until `count` records arrived (or more; `timeoutMs` bounds
 * the wait) and decodes each with the current envelope version. Uses a group of its own.
 */
export async function readTopic(
  topic: string,
  count: number,
  options: { brokers?: readonly string[]; timeoutMs?: number; settleMs?: number } = {},
): Promise<ReadRecord[]> {
  const codec = createEnvelopeCodec({
    registry: createConfluentRegistryPort({ url: stackEnv.schemaRegistryUrl }),
    schema: loadEnvelopeSchema(2),
  });
  const kafka = new Kafka({
    clientId: 'ingress-test-reader',
    brokers: [...(options.brokers ?? stackEnv.brokers)],
    logLevel: logLevel.NOTHING,
  });
  const consumer = kafka.consumer({ groupId: `${topic}.reader.${Date.now()}` });
  const raw: Array<{ key: string; headers: Record<string, string>; value: Buffer }> = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(message.headers ?? {})) {
          headers[name] = String(value);
        }
        raw.push({ key: String(message.key), headers, value: message.value as Buffer });
      },
    });
    await waitFor(() => raw.length >= count, {
      timeoutMs: options.timeoutMs ?? 30_000,
      what: `${count} records on ${topic} (have ${raw.length})`,
    });
  } finally {
    await consumer.disconnect();
  }
  return Promise.all(
    raw.map(async ({ key, headers, value }) => ({
      key,
      headers,
      envelope: await codec.decode(value),
    })),
  );
}
