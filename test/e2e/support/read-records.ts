import kafkajs from 'kafkajs';
import { waitFor } from '../../support/wait-for.ts';

const { Kafka, logLevel } = kafkajs;

/** A record as read back: where it sits and its headers as text. */
export interface TopicRecord {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly headers: Readonly<Record<string, string>>;
}

/** Options of {@link readRecords}. */
export interface ReadRecordsOptions {
  readonly brokers: readonly string[];
  /** Read until this holds for what was read so far; default: up to each partition's end offset. */
  readonly until?: (records: readonly TopicRecord[]) => boolean;
  /** Longest wait, in milliseconds. Default 60 000. */
  readonly timeoutMs?: number;
}

/**
 * Reads `topics` from the beginning with a throwaway group, committed records only, until
 * `until` holds — or, without it, until every partition was read up to the end offset taken
 * at the start (for topics written without transactions, where that offset is a record's).
 */
export async function readRecords(
  topics: readonly string[],
  options: ReadRecordsOptions,
): Promise<TopicRecord[]> {
  const kafka = new Kafka({
    clientId: 'e2e-reader',
    brokers: [...options.brokers],
    logLevel: logLevel.NOTHING,
  });
  const admin = kafka.admin();
  await admin.connect();
  const ends = new Map<string, bigint>();
  try {
    for (const topic of topics) {
      for (const { partition, high } of await admin.fetchTopicOffsets(topic)) {
        if (BigInt(high) > 0n) ends.set(`${topic}/${partition}`, BigInt(high));
      }
    }
  } finally {
    await admin.disconnect();
  }

  const records: TopicRecord[] = [];
  const reached = new Map<string, bigint>();
  const consumer = kafka.consumer({ groupId: `e2e-reader.${Date.now()}.${Math.random()}` });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [...topics], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ topic, partition, message }) => {
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(message.headers ?? {}))
          headers[name] = String(value);
        records.push({ topic, partition, offset: message.offset, headers });
        reached.set(`${topic}/${partition}`, BigInt(message.offset) + 1n);
      },
    });
    const done = () =>
      options.until === undefined
        ? [...ends].every(([key, end]) => (reached.get(key) ?? 0n) >= end)
        : options.until(records);
    await waitFor(done, {
      timeoutMs: options.timeoutMs ?? 60_000,
      intervalMs: 200,
      what: `records of ${topics.join(', ')} (read ${records.length})`,
    });
  } finally {
    await consumer.disconnect();
  }
  return records;
}

/** Total lag of a consumer group on `topics`: end offsets minus its committed offsets. */
export async function groupLag(
  brokers: readonly string[],
  groupId: string,
  topics: readonly string[],
): Promise<bigint> {
  const kafka = new Kafka({
    clientId: 'e2e-lag',
    brokers: [...brokers],
    logLevel: logLevel.NOTHING,
  });
  const admin = kafka.admin();
  await admin.connect();
  try {
    let lag = 0n;
    const committed = await admin.fetchOffsets({ groupId, topics: [...topics] });
    for (const topic of topics) {
      const ends = await admin.fetchTopicOffsets(topic);
      const mine = committed.find((entry) => entry.topic === topic)?.partitions ?? [];
      for (const { partition, high } of ends) {
        const at = mine.find((entry) => entry.partition === partition)?.offset ?? '-1';
        // -1: nothing committed yet; then the whole partition is lag.
        lag += BigInt(high) - (BigInt(at) < 0n ? 0n : BigInt(at));
      }
    }
    return lag;
  } finally {
    await admin.disconnect();
  }
}
