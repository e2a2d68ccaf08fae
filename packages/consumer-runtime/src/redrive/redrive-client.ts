import {
  type GroupSourceRoute,
  type GroupTopology,
  groupTopology,
  type TopicCatalog,
} from '@tributary/contract';
import type { Logger } from '@tributary/logger';
import type { Producer } from 'kafkajs';
import { type DedupMark, decodeMarkValue, encodeMarkValue } from '../dedup/dedup-mark.ts';
import { RuntimeError } from '../errors/runtime-error.ts';
import { buildForwardHeaders } from '../headers/forward-headers.ts';
import { createKafka } from '../kafka/create-kafka.ts';
import { readPartitionsToEnd } from '../kafka/read-partitions-to-end.ts';
import {
  activeTraceHeaders,
  withInstrumentationSuppressed,
  withRedriveSpan,
} from '../tracing/record-span.ts';
import {
  type DeadLetter,
  type DeadLetterFilter,
  type DeadLetterRef,
  matchesFilter,
  toDeadLetter,
} from './dead-letter.ts';
import { createRateLimiter } from './rate-limiter.ts';
import { decideRedrive, type RedriveDecision } from './redrive-decision.ts';

/** Options for {@link createRedriveClient}. */
export interface RedriveClientOptions {
  /** Kafka bootstrap brokers. */
  brokers: readonly string[];
  /** The loaded topic catalog. */
  catalog: TopicCatalog;
  /** The service (consumer group) whose DLQs are handled, without prefix. */
  service: string;
  /** Name prefix of its topics and group. Default none. */
  prefix?: string;
  logger: Logger;
  /** Redrives a record may have had before it is refused. Default 3. */
  maxRedrives?: number;
  /** Longest one read of a DLQ or of the dedup marks may take, in ms. Default 30 000. */
  readTimeoutMs?: number;
}

/** What to redrive, and how. */
export interface RedriveRequest {
  /** The records: a list of references, or every dead letter matching a filter. */
  select: readonly DeadLetterRef[] | DeadLetterFilter;
  /** Decide and report, send nothing. Default false. */
  dryRun?: boolean;
  /** Most records sent per second. Default 10. */
  maxPerSecond?: number;
  /** Called after each selected record is decided (and sent), for progress. Default none. */
  onResult?: (result: RedriveResult, done: number, total: number) => void;
}

/** What happened to one selected record. */
export interface RedriveResult {
  readonly ref: DeadLetterRef;
  readonly eventId: string | undefined;
  /** sent, would-send (dry run), or the reason it was skipped. */
  readonly outcome: 'sent' | 'would-send' | Extract<RedriveDecision, { kind: 'skip' }>['reason'];
}

/** The report of one redrive call. */
export interface RedriveReport {
  readonly dryRun: boolean;
  readonly results: readonly RedriveResult[];
  /** Records sent (would be sent, in a dry run). */
  readonly sent: number;
}

/** Lists, shows and redrives a service's dead letters. See {@link createRedriveClient}. */
export interface RedriveClient {
  /** Dead letters of the service's DLQs matching `filter` (all when absent), oldest first per partition. */
  list(filter?: DeadLetterFilter): Promise<DeadLetter[]>;
  /** One dead letter, or undefined when there is none at `ref`. */
  show(ref: DeadLetterRef): Promise<DeadLetter | undefined>;
  /**
   * Sends the selected dead letters back to the service's own first retry tier (never the
   * shared source topic, which other groups read), due at once, with the attempt count
   * reset and the redrive counter raised; the record's dedup mark moves from dead to
   * retrying in the same transaction. A record is sent only while its mark says dead for
   * that copy, so repeating a redrive is a no-op; one redriven `maxRedrives` times is
   * refused. Each send starts a trace linked to the record's original one.
   */
  redrive(request: RedriveRequest): Promise<RedriveReport>;
  /** Closes the client's connections. */
  close(): Promise<void>;
}

/**
 * Creates the redrive client of a service (what the CLI calls). Reads use throwaway
 * consumer groups; sends use one transactional producer whose id is the group's plus
 * `.redrive`, so two redrives of the same service cannot interleave their transactions.
 */
export function createRedriveClient(options: RedriveClientOptions): RedriveClient {
  const topology = groupTopology(options.catalog, options.service, options.prefix ?? '');
  const maxRedrives = options.maxRedrives ?? 3;
  const readTimeoutMs = options.readTimeoutMs ?? 30_000;
  const logger = options.logger.child({ groupId: topology.groupId, component: 'redrive' });
  const kafka = createKafka({
    brokers: options.brokers,
    clientId: `${topology.groupId}.redrive`,
    logger,
    connectionTimeoutMs: 3_000,
  });
  let producer: Promise<Producer> | undefined;

  const readDlq = async (route: GroupSourceRoute, partitions?: readonly number[]) => {
    const letters: DeadLetter[] = [];
    await readPartitionsToEnd({
      kafka,
      topic: route.dlqTopic,
      ...(partitions === undefined ? {} : { partitions }),
      groupIdPrefix: `${topology.groupId}.redrive`,
      timeoutMs: readTimeoutMs,
      logger,
      onRecord: (partition, message) =>
        letters.push(toDeadLetter(route.dlqTopic, partition, message)),
    });
    return letters;
  };
  const list = async (filter: DeadLetterFilter = {}) => {
    const routes = topology.routes.filter(
      (route) => filter.sourceTopic === undefined || route.sourceTopic === filter.sourceTopic,
    );
    const letters = (await Promise.all(routes.map((route) => readDlq(route)))).flat();
    return letters.filter((letter) => matchesFilter(letter, filter));
  };
  const select = async (selection: RedriveRequest['select']) => {
    if (!Array.isArray(selection)) return list(selection as DeadLetterFilter);
    const refs = selection as readonly DeadLetterRef[];
    const letters = await list();
    return refs.map((ref) => {
      const letter = letters.find((candidate) => sameRef(candidate, ref));
      if (letter === undefined) {
        throw new RuntimeError('REDRIVE_REFUSED', `no dead letter at ${describeRef(ref)}`);
      }
      return letter;
    });
  };
  const transactional = () => {
    producer ??= (async () => {
      const created = kafka.producer({
        transactionalId: `${topology.groupId}.redrive`,
        idempotent: true,
        maxInFlightRequests: 1,
        allowAutoTopicCreation: false,
      });
      await created.connect();
      return created;
    })();
    return producer;
  };

  return {
    list,
    async show(ref) {
      const route = routeOf(topology, ref.dlqTopic);
      const letters = await readDlq(route, [ref.partition]);
      return letters.find((letter) => sameRef(letter, ref));
    },
    async redrive(request) {
      const dryRun = request.dryRun ?? false;
      const letters = await select(request.select);
      const marks = await latestMarks(letters);
      const limiter = createRateLimiter(request.maxPerSecond ?? 10);
      const results: RedriveResult[] = [];

      for (const letter of letters) {
        const mark = letter.eventId === undefined ? undefined : marks.get(markKey(letter));
        const decision = decideRedrive(letter, mark, maxRedrives);
        const ref = {
          dlqTopic: letter.dlqTopic,
          partition: letter.partition,
          offset: letter.offset,
        };
        if (decision.kind === 'skip') {
          results.push({ ref, eventId: letter.eventId, outcome: decision.reason });
        } else {
          if (!dryRun) {
            await limiter.take();
            const retrying = await send(letter);
            if (retrying !== undefined) marks.set(markKey(letter), retrying);
          }
          results.push({ ref, eventId: letter.eventId, outcome: dryRun ? 'would-send' : 'sent' });
        }
        request.onResult?.(
          results[results.length - 1] as RedriveResult,
          results.length,
          letters.length,
        );
      }
      const sent = results.filter((r) => r.outcome === 'sent' || r.outcome === 'would-send').length;
      logger.info({ dryRun, selected: letters.length, sent }, 'redrive finished');
      return { dryRun, results, sent };
    },
    async close() {
      if (producer !== undefined) await (await producer).disconnect();
    },
  };

  /** The latest mark of each letter's event id, read from the dedup partitions involved. */
  async function latestMarks(letters: readonly DeadLetter[]): Promise<Map<string, DedupMark>> {
    const wanted = new Set(letters.flatMap((l) => (l.eventId === undefined ? [] : [markKey(l)])));
    const marks = new Map<string, DedupMark>();
    if (wanted.size === 0) return marks;
    await readPartitionsToEnd({
      kafka,
      topic: topology.dedupTopic,
      partitions: [...new Set(letters.map((letter) => letter.partition))],
      groupIdPrefix: `${topology.groupId}.redrive`,
      timeoutMs: readTimeoutMs,
      logger,
      onRecord: (partition, message) => {
        const key = `${partition}|${message.key?.toString('utf8')}`;
        const mark = decodeMarkValue(message.value);
        if (wanted.has(key) && mark !== undefined) marks.set(key, mark);
      },
    });
    return marks;
  }

  /** Sends one letter back to its first tier with its mark; returns the mark written. */
  async function send(letter: DeadLetter): Promise<DedupMark | undefined> {
    const route = routeOf(topology, letter.dlqTopic);
    const firstTier = route.tiers[0];
    if (firstTier === undefined) {
      throw new RuntimeError(
        'REDRIVE_REFUSED',
        `${topology.groupId} has no retry tier to redrive to`,
      );
    }
    const subject = {
      topic: letter.dlqTopic,
      partition: letter.partition,
      offset: letter.offset,
      key: letter.key,
      headers: letter.headers,
      groupId: topology.groupId,
      ...(letter.eventId === undefined ? {} : { eventId: letter.eventId }),
    };
    return withRedriveSpan(subject, async () => {
      const nowMs = Date.now();
      const redrives = letter.redriveCount + 1;
      const headers = buildForwardHeaders(letter.headers, {
        readFromTopic: letter.dlqTopic,
        readFromPartition: letter.partition,
        readFromOffset: letter.offset,
        attempts: 0,
        failedAtMs: nowMs,
        notBeforeMs: nowMs,
        errorClass: letter.errorClass ?? 'unknown',
        errorMessage: letter.errorMessage ?? '',
        redriveCount: redrives,
        traceContext: activeTraceHeaders(),
      });
      const mark: DedupMark = { state: 'retrying', atMs: nowMs, attempts: 0, redrives };
      const topicMessages = [
        {
          topic: firstTier.topic,
          messages: [
            { key: letter.key, value: letter.value, headers, partition: letter.partition },
          ],
        },
        ...(letter.eventId === undefined
          ? []
          : [
              {
                topic: topology.dedupTopic,
                messages: [
                  {
                    key: letter.eventId,
                    value: encodeMarkValue(mark),
                    partition: letter.partition,
                  },
                ],
              },
            ]),
      ];
      // The redriven copy carries the redrive span's context; keep the kafkajs
      // instrumentation from overwriting it (see withInstrumentationSuppressed).
      const producer = await transactional();
      await withInstrumentationSuppressed(async () => {
        const transaction = await producer.transaction();
        try {
          await transaction.sendBatch({ topicMessages });
          await transaction.commit();
        } catch (error: unknown) {
          await transaction.abort().catch(() => {});
          throw new RuntimeError('TRANSACTION_FAILED', `redrive of ${describeRef(letter)} failed`, {
            cause: error,
          });
        }
      });
      logger.info(
        { eventId: letter.eventId, redrives, to: firstTier.topic },
        'dead letter redriven',
      );
      return letter.eventId === undefined ? undefined : mark;
    });
  }
}

function routeOf(topology: GroupTopology, dlqTopic: string): GroupSourceRoute {
  const route = topology.routes.find((candidate) => candidate.dlqTopic === dlqTopic);
  if (route === undefined) {
    throw new RuntimeError('REDRIVE_REFUSED', `${dlqTopic} is not a DLQ of ${topology.groupId}`);
  }
  return route;
}

/** Marks live in the dedup partition with the record's partition number. */
function markKey(letter: DeadLetter): string {
  return `${letter.partition}|${letter.eventId}`;
}

function sameRef(a: DeadLetterRef, b: DeadLetterRef): boolean {
  return a.dlqTopic === b.dlqTopic && a.partition === b.partition && a.offset === b.offset;
}

function describeRef(ref: DeadLetterRef): string {
  return `${ref.dlqTopic}[${ref.partition}]@${ref.offset}`;
}
