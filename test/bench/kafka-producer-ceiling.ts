import kafkajs, { type Producer } from 'kafkajs';
import { percentile } from './percentile.ts';

const { Kafka, logLevel, Partitioners } = kafkajs;

/** How the ceiling's senders reach the broker. */
export type ProducerCeilingMode =
  /** Each sender's record is its own `send()`, one produce request each. */
  | 'per-record'
  /**
   * Records of concurrent senders leave together: one `sendBatch` in flight, the records
   * arriving meanwhile form the next one (at most 500), as the ingress's publisher does.
   */
  | 'coalesced';

/** Options of {@link runProducerCeiling}. */
export interface ProducerCeilingOptions {
  brokers: readonly string[];
  topic: string;
  /** Concurrent senders, each with one record in flight, like one webhook per connection. */
  concurrency: number;
  durationSeconds: number;
  value: Buffer;
  mode: ProducerCeilingMode;
}

/** Records acknowledged per second and per-record latency percentiles, in milliseconds. */
export interface ProducerCeilingResult {
  /** Records acknowledged in all. */
  acked: number;
  ackedPerSecond: number;
  p50Ms: number;
  p99Ms: number;
}

/** Most records in one coalesced batch: the ingress's default `maxBatchRecords`. */
const maxBatchRecords = 500;

/**
 * The Kafka ceiling: an idempotent kafkajs producer alone, `acks=all`, one request in flight
 * (as the ingress's producer), the same bytes as the webhook body, keyed over 64 keys with the
 * Java-compatible partitioner. No HTTP, no verification, no Avro.
 */
export async function runProducerCeiling(
  options: ProducerCeilingOptions,
): Promise<ProducerCeilingResult> {
  const producer = new Kafka({
    clientId: 'bench-producer-ceiling',
    brokers: [...options.brokers],
    logLevel: logLevel.NOTHING,
  }).producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
  const publish =
    options.mode === 'coalesced'
      ? coalescingPublisher(producer, options.topic)
      : (key: string, value: Buffer) =>
          producer.send({ topic: options.topic, acks: -1, messages: [{ key, value }] });
  const latencies: number[] = [];
  const deadline = Date.now() + options.durationSeconds * 1_000;
  let sequence = 0;
  const sender = async () => {
    while (Date.now() < deadline) {
      sequence += 1;
      const started = performance.now();
      await publish(`k${sequence % 64}`, options.value);
      latencies.push(performance.now() - started);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, sender));
  await producer.disconnect();

  latencies.sort((a, b) => a - b);
  return {
    acked: latencies.length,
    ackedPerSecond: Math.round(latencies.length / options.durationSeconds),
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
  };
}

interface Queued {
  key: string;
  value: Buffer;
  done: (error?: unknown) => void;
}

/**
 * One `sendBatch` at a time; records queued while it is in flight leave as the next one,
 * flushed on `setImmediate` so every sender finishing in one event-loop turn joins it.
 */
function coalescingPublisher(producer: Producer, topic: string) {
  const queue: Queued[] = [];
  let sending = false;
  let scheduled = false;
  const schedule = () => {
    if (sending || scheduled || queue.length === 0) return;
    scheduled = true;
    setImmediate(flush);
  };
  const flush = () => {
    scheduled = false;
    const batch = queue.splice(0, maxBatchRecords);
    sending = true;
    const messages = batch.map(({ key, value }) => ({ key, value }));
    producer
      .sendBatch({ acks: -1, topicMessages: [{ topic, messages }] })
      .then(
        () => {
          for (const entry of batch) entry.done();
        },
        (error: unknown) => {
          for (const entry of batch) entry.done(error);
        },
      )
      .finally(() => {
        sending = false;
        schedule();
      });
  };
  return (key: string, value: Buffer) =>
    new Promise<void>((resolve, reject) => {
      queue.push({
        key,
        value,
        done: (error) => (error === undefined ? resolve() : reject(error)),
      });
      schedule();
    });
}
