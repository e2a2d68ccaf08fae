import { type Context, type Span, SpanStatusCode } from '@opentelemetry/api';
import { IngressError } from '../errors/ingress-error.ts';
import { spanAttributes } from '../telemetry/span-names.ts';
import { startProduceSpan } from './produce-span.ts';
import type { PublishRecord, SendBatch, TopicBatch } from './publish-record.ts';

/** Options of {@link createBatchingPublisher}. */
export interface BatchingPublisherOptions {
  /** Writes one batch (see {@link SendBatch}). */
  readonly send: SendBatch;
  /** Longest wait for one record's acknowledgement, in milliseconds; past it, `publish_timeout`. */
  readonly deadlineMs: number;
  /** Slots: deliveries admitted at once, from admission to acknowledgement or abandonment. */
  readonly maxInFlight: number;
  /** Most records in one batch. */
  readonly maxBatchRecords: number;
  /** Most value bytes in one batch (a single larger record still goes alone). */
  readonly maxBatchBytes: number;
  /**
   * Told +1 when a record is handed over for publishing and -1 once its bytes are no longer
   * held (acknowledged, refused, dropped at its deadline or at close); the ingress passes the
   * `tributary.ingress.publishes_in_flight` up-down counter. Default none.
   */
  readonly publishesInFlight?: { add(delta: number): void };
}

/** A place in the publisher, held by one delivery from admission until its record is settled. */
export interface PublishSlot {
  /**
   * Publishes the record and resolves once the broker acknowledged it. Rejects with
   * {@link IngressError} `publish_timeout` past the deadline, `publish_failed` when Kafka
   * refused the batch, `shutting_down` once the publisher is closing. Call at most once.
   */
  publish(record: PublishRecord, parent: Context): Promise<void>;
  /** Gives the slot back without publishing (the delivery was refused); idempotent. */
  release(): void;
}

/** Coalesces concurrent publishes into batches; see {@link createBatchingPublisher}. */
export interface BatchingPublisher {
  /** A slot, or `undefined` when `maxInFlight` slots are taken (answer 429). */
  tryAcquire(): PublishSlot | undefined;
  /** Slots taken now. */
  readonly inFlight: number;
  /**
   * Refuses new publishes, fails queued ones with `shutting_down`, and resolves when the batch
   * being sent (if any) has settled or `timeoutMs` has passed, whichever is first.
   */
  close(timeoutMs: number): Promise<void>;
}

type EntryState = 'queued' | 'sending' | 'settled';

interface Entry {
  readonly record: PublishRecord;
  readonly parent: Context;
  readonly resolve: () => void;
  readonly reject: (error: IngressError) => void;
  readonly releaseSlot: () => void;
  state: EntryState;
  /** True once the caller got its answer (the deadline may answer before the batch settles). */
  answered: boolean;
  timer: NodeJS.Timeout | undefined;
  span: Span | undefined;
}

// Shortcoming: a record Kafka refuses fails its whole batch; the others are answered 503 and retried by their providers.
/**
 * Publishes records through one batch at a time: records arriving while a batch is in flight
 * queue up and leave together as the next `sendBatch`, because kafkajs sends every `send()` as
 * a request of its own and an idempotent producer allows one request in flight per broker.
 * A record still queued at its deadline is dropped and never sent; one already in a batch
 * answers `publish_timeout` at its deadline but keeps its slot until the batch settles, as
 * its bytes are still held (an idempotent kafkajs producer retries a batch forever while the
 * broker is away). So the slots bound the memory: at most `maxInFlight` bodies, of which at
 * most one batch's worth may outlive their requests.
 */
export function createBatchingPublisher(options: BatchingPublisherOptions): BatchingPublisher {
  const queue: Entry[] = [];
  let inFlight = 0;
  let sending: Promise<void> | undefined;
  let flushScheduled = false;
  let closed = false;

  const scheduleFlush = () => {
    if (sending !== undefined || flushScheduled || queue.length === 0) return;
    flushScheduled = true;
    // setImmediate lets every request finishing in this turn of the event loop join the batch.
    setImmediate(() => {
      flushScheduled = false;
      flush();
    });
  };

  const flush = () => {
    if (sending !== undefined || queue.length === 0) return;
    const batch = takeBatch(queue, options.maxBatchRecords, options.maxBatchBytes);
    const topics = toTopicBatches(batch);
    sending = options
      .send(topics)
      .then(
        () => settleAll(batch, undefined),
        (error: unknown) => settleAll(batch, error),
      )
      .finally(() => {
        sending = undefined;
        scheduleFlush();
      });
  };

  const enqueue = (record: PublishRecord, parent: Context, releaseSlot: () => void) =>
    new Promise<void>((resolve, reject) => {
      if (closed) {
        releaseSlot();
        reject(new IngressError('shutting_down'));
        return;
      }
      let held = true;
      const entry: Entry = {
        record,
        parent,
        resolve,
        reject,
        releaseSlot: () => {
          if (held) options.publishesInFlight?.add(-1);
          held = false;
          releaseSlot();
        },
        state: 'queued',
        answered: false,
        timer: undefined,
        span: undefined,
      };
      entry.timer = setTimeout(() => expire(queue, entry, options.deadlineMs), options.deadlineMs);
      options.publishesInFlight?.add(1);
      queue.push(entry);
      scheduleFlush();
    });

  return {
    get inFlight() {
      return inFlight;
    },

    tryAcquire() {
      if (closed || inFlight >= options.maxInFlight) return undefined;
      inFlight += 1;
      let held = true;
      const releaseSlot = () => {
        if (!held) return;
        held = false;
        inFlight -= 1;
      };
      let used = false;
      return {
        publish(record, parent) {
          if (used) return Promise.reject(new Error('a publish slot publishes once'));
          used = true;
          return enqueue(record, parent, releaseSlot);
        },
        release: () => {
          if (!used) releaseSlot();
        },
      };
    },

    async close(timeoutMs) {
      closed = true;
      for (const entry of queue.splice(0)) {
        answer(entry, new IngressError('shutting_down'));
        finish(entry);
      }
      if (sending === undefined) return;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, timeoutMs);
      });
      await Promise.race([sending, timeout]).finally(() => clearTimeout(timer));
    },
  };
}

function takeBatch(queue: Entry[], maxRecords: number, maxBytes: number): Entry[] {
  const batch: Entry[] = [];
  let bytes = 0;
  while (queue.length > 0 && batch.length < maxRecords) {
    const next = queue[0] as Entry;
    if (batch.length > 0 && bytes + next.record.value.length > maxBytes) break;
    queue.shift();
    bytes += next.record.value.length;
    next.state = 'sending';
    batch.push(next);
  }
  return batch;
}

function toTopicBatches(batch: readonly Entry[]): TopicBatch[] {
  const byTopic = new Map<string, Array<TopicBatch['messages'][number]>>();
  for (const entry of batch) {
    const { span, headers } = startProduceSpan(entry.record, entry.parent);
    entry.span = span;
    const messages = byTopic.get(entry.record.topic) ?? [];
    messages.push({ key: entry.record.key, value: entry.record.value, headers });
    byTopic.set(entry.record.topic, messages);
  }
  return [...byTopic].map(([topic, messages]) => ({ topic, messages }));
}

function settleAll(batch: readonly Entry[], error: unknown): void {
  const failure =
    error === undefined
      ? undefined
      : new IngressError('publish_failed', `Kafka refused a batch: ${(error as Error).message}`, {
          cause: error,
        });
  for (const entry of batch) {
    if (failure === undefined) {
      entry.span?.end();
    } else {
      entry.span?.setAttribute(spanAttributes.errorType, (error as Error).name ?? 'Error');
      entry.span?.setStatus({ code: SpanStatusCode.ERROR, message: failure.message });
      entry.span?.end();
    }
    answer(entry, failure);
    finish(entry);
  }
}

function expire(queue: Entry[], entry: Entry, deadlineMs: number): void {
  answer(entry, new IngressError('publish_timeout', `no acknowledgement within ${deadlineMs} ms`));
  if (entry.state === 'queued') {
    queue.splice(queue.indexOf(entry), 1);
    finish(entry);
  }
}

/** Gives the caller its answer once; later outcomes of the same entry are ignored. */
function answer(entry: Entry, error: IngressError | undefined): void {
  if (entry.answered) return;
  entry.answered = true;
  if (error === undefined) entry.resolve();
  else entry.reject(error);
}

/** The entry's bytes are no longer held: stop its timer and free its slot. */
function finish(entry: Entry): void {
  entry.state = 'settled';
  clearTimeout(entry.timer);
  entry.releaseSlot();
}
