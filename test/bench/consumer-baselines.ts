import { createHash, randomUUID } from 'node:crypto';
import {
  createConfluentRegistryPort,
  createEnvelopeCodec,
  type EnvelopeCodec,
  kafkaHeaderNames,
  loadEnvelopeSchemas,
  valueSubjectName,
  type WebhookEnvelope,
} from '@tributary/contract';
import kafkajs, {
  type Message,
  type Producer,
  type TopicMessages,
  type TopicOffsets,
} from 'kafkajs';
import { encodeMarkValue } from '../../packages/consumer-runtime/src/dedup/dedup-mark.ts';
import { headerText } from '../../packages/consumer-runtime/src/headers/record-headers.ts';
import { waitFor } from '../support/wait-for.ts';
import { type Progress, processCpuMs, steadyCpuPerRecordUs, steadyRate } from './steady-rate.ts';

const { Kafka, logLevel, Partitioners } = kafkajs;

/** Where the consumer benchmarks run. */
export interface ConsumerBenchTarget {
  brokers: readonly string[];
  registryUrl: string;
  /** Source topic holding the prepared records. */
  topic: string;
  /** Records prepared on it (and expected by every consumer). */
  records: number;
}

/** Records per second through one consumer after its warm-up (see `steadyRate`). */
export interface ConsumerBenchResult {
  records: number;
  recordsPerSecond: number;
  /** CPU of the consumer's process per record over the same window, in microseconds. */
  cpuPerRecordUs: number | undefined;
}

function kafka(brokers: readonly string[]) {
  return new Kafka({
    clientId: 'bench-consumer',
    brokers: [...brokers],
    logLevel: logLevel.NOTHING,
  });
}

/**
 * Codecs for the topic's value subject: every envelope version registered in order (the
 * subject is FULL_TRANSITIVE, as the ingress registers it), the newest one returned.
 */
export async function benchCodec(target: ConsumerBenchTarget): Promise<EnvelopeCodec> {
  const registry = createConfluentRegistryPort({ url: target.registryUrl });
  let newest: EnvelopeCodec | undefined;
  for (const { schema } of loadEnvelopeSchemas()) {
    newest = createEnvelopeCodec({
      registry,
      schema,
      subject: valueSubjectName(target.topic),
      writerIdBy: 'register',
    });
    await newest.start();
  }
  if (newest === undefined) throw new Error('no envelope schema in schemas/');
  return newest;
}

/**
 * Fills the topic with `records` distinct envelopes around `body`, written as the ingress
 * writes them: the newest envelope version, keyed by a partition key (97 repositories),
 * event id and type headers, acks=all.
 */
export async function prepareSourceTopic(target: ConsumerBenchTarget, body: Buffer): Promise<void> {
  const codec = await benchCodec(target);
  const producer = kafka(target.brokers).producer({
    idempotent: true,
    maxInFlightRequests: 1,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
  const bodySha256 = createHash('sha256').update(body).digest('hex');
  // kafkajs sends a batch uncompressed as one request: 100 bodies of ~7 KB stay under 1 MB.
  for (let sent = 0; sent < target.records; sent += 100) {
    const count = Math.min(100, target.records - sent);
    const messages = Array.from({ length: count }, (_, i) => {
      const envelope: WebhookEnvelope = {
        eventId: `github:${randomUUID()}`,
        source: 'github',
        eventType: 'push',
        receivedAt: new Date(),
        deliveryId: randomUUID(),
        headers: {},
        contentType: 'application/json',
        body,
        bodySha256,
        verification: { scheme: 'github', secretLabel: '0', timestampChecked: false },
        sourceIp: '127.0.0.1',
      };
      return {
        key: `repo-${(sent + i) % 97}`,
        value: codec.encode(envelope),
        headers: {
          [kafkaHeaderNames.eventId]: envelope.eventId,
          [kafkaHeaderNames.eventType]: envelope.eventType,
        },
      };
    });
    await producer.send({ topic: target.topic, acks: -1, messages });
  }
  await producer.disconnect();
}

/**
 * How a bare baseline commits each batch: the offset alone; a transaction carrying the offset;
 * or a transaction carrying the offset and one dedup mark per record to `marksTopic` (the
 * same partition, key and value the runtime writes), the writes the runtime's guarantees need.
 */
export type BareCommit =
  | { kind: 'offsets' }
  | { kind: 'transaction' }
  | { kind: 'transaction-with-marks'; marksTopic: string };

/**
 * The bare baselines: a kafkajs `eachBatch` consumer (read_committed, auto-commit off) that
 * decodes every record with the contract codec and commits once per batch, as `commit` says;
 * the transactional ones from one transactional producer, the floor of what the runtime's
 * atomic commits cost.
 */
export async function runBareConsumer(
  target: ConsumerBenchTarget,
  commit: BareCommit,
): Promise<ConsumerBenchResult> {
  const client = kafka(target.brokers);
  const transactional = commit.kind !== 'offsets';
  const groupId = `${target.topic}.bare-${commit.kind}.${randomUUID().slice(0, 8)}`;
  const codec = await benchCodec(target);
  const consumer = client.consumer({ groupId, readUncommitted: false });
  const producer = transactional
    ? client.producer({
        transactionalId: `${groupId}.txn`,
        idempotent: true,
        maxInFlightRequests: 1,
        // The runtime's partition producers' retry: the first AddPartitionsToTxn retry after
        // 10 ms, not kafkajs's 300 ms (see commitInTransaction).
        retry: { retries: 5, initialRetryTime: 10, maxRetryTime: 1_000 },
      })
    : undefined;
  await consumer.connect();
  await producer?.connect();
  await consumer.subscribe({ topic: target.topic, fromBeginning: true });
  let seen = 0;
  const progress: Progress[] = [];

  await consumer.run({
    autoCommit: false,
    eachBatchAutoResolve: false,
    eachBatch: async ({ batch, resolveOffset, heartbeat }) => {
      const marks: Message[] = [];
      for (const message of batch.messages) {
        if (message.value) await codec.decode(message.value);
        if (commit.kind === 'transaction-with-marks') {
          const eventId = headerText(message.headers, kafkaHeaderNames.eventId) ?? '';
          marks.push(doneMark(eventId, batch.partition));
        }
      }
      const last = batch.lastOffset();
      const next = { partition: batch.partition, offset: String(BigInt(last) + 1n) };
      if (producer) {
        const offsets = { topic: batch.topic, partitions: [next] };
        const markWrites =
          commit.kind === 'transaction-with-marks' && marks.length > 0
            ? { topic: commit.marksTopic, messages: marks }
            : undefined;
        await commitInTransaction(producer, groupId, offsets, markWrites);
      } else {
        await consumer.commitOffsets([{ topic: batch.topic, ...next }]);
      }
      resolveOffset(last);
      await heartbeat();
      seen += batch.messages.length;
      progress.push({ atMs: performance.now(), records: seen, cpuMs: processCpuMs() });
    },
  });
  await waitFor(() => seen >= target.records, {
    timeoutMs: 300_000,
    intervalMs: 20,
    what: `${target.records} records consumed by ${groupId}`,
  });
  await consumer.disconnect();
  await producer?.disconnect();
  return {
    records: seen,
    recordsPerSecond: steadyRate(progress),
    cpuPerRecordUs: steadyCpuPerRecordUs(progress),
  };
}

/** A `done` mark for the record's event id, written to the source record's partition. */
function doneMark(eventId: string, partition: number) {
  return {
    key: eventId,
    value: encodeMarkValue({ state: 'done', atMs: Date.now(), attempts: 1, redrives: 0 }),
    partition,
  };
}

/**
 * One transaction holding the marks, if any, then the offset. Right after the previous
 * commit the coordinator may still be writing that transaction's markers and answers
 * AddPartitionsToTxn and AddOffsetsToTxn with
 * CONCURRENT_TRANSACTIONS (on every Kafka version: EndTxn returns once the commit is
 * prepared, not completed). The Java client retries that after a short backoff; kafkajs
 * 2.2.4 does not retry it at all, so it is retried here, every 2 ms for at most 5 s.
 */
async function commitInTransaction(
  producer: Producer,
  groupId: string,
  offsets: TopicOffsets,
  marks: TopicMessages | undefined,
): Promise<void> {
  const transaction = await producer.transaction();
  try {
    // kafkajs retries AddPartitionsToTxn itself, with the producer's retry settings.
    if (marks !== undefined) await transaction.sendBatch({ topicMessages: [marks] });
    const deadline = Date.now() + 5_000;
    for (;;) {
      try {
        await transaction.sendOffsets({ consumerGroupId: groupId, topics: [offsets] });
        break;
      } catch (error: unknown) {
        const concurrent = (error as { type?: string }).type === 'CONCURRENT_TRANSACTIONS';
        if (!concurrent || Date.now() > deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    }
    await transaction.commit();
  } catch (error: unknown) {
    // kafkajs keeps a failed transaction open; abort it before the batch is retried.
    await transaction.abort().catch(() => undefined);
    throw error;
  }
}
