import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  ContractError,
  type EnvelopeCodec,
  kafkaHeaderNames as names,
  type RetryTier,
} from '@tributary/contract';
import { createLogger } from '@tributary/logger';
import type { KafkaMessage } from 'kafkajs';
import type { DedupMark } from '../dedup/dedup-mark.ts';
import { PauseError, PermanentError } from '../errors/handler-errors.ts';
import { headerText } from '../headers/record-headers.ts';
import type { HandlerContext } from '../service/service-definition.ts';
import type { TopicRole } from '../service/topic-roles.ts';
import { createRecordProcessor } from './process-record.ts';
import type { RecordResult } from './record-outcome.ts';

type Event = { eventId: string; eventType: string; receivedAt?: Date };

/** Values are JSON events; "unreachable" and "junk" make the codec fail as the registry would. */
const codec = {
  decode: async (value: Buffer) => {
    const text = value.toString();
    if (text === 'unreachable') throw new ContractError('REGISTRY_UNREACHABLE', 'registry down');
    if (text === 'junk') throw new ContractError('DECODE_FAILED', 'not avro');
    const event = JSON.parse(text) as Event & { receivedAt?: string };
    return { ...event, ...(event.receivedAt ? { receivedAt: new Date(event.receivedAt) } : {}) };
  },
} as unknown as EnvelopeCodec<Event>;

const tiers: RetryTier[] = [{ tier: 1, topic: 'orders.billing.retry.1', delayMs: 1_000 }];
const route = { sourceTopic: 'orders', partitions: 2, tiers, dlqTopic: 'orders.billing.dlq' };
const sourceRole: TopicRole = { kind: 'source', route };
const tierRole: TopicRole = { kind: 'tier', route, tier: tiers[0] as RetryTier };

function processor(handler: (event: Event, context: HandlerContext) => Promise<void>) {
  return createRecordProcessor<Event>({
    groupId: 'billing',
    codec,
    handler,
    eventTypes: new Set(['order.paid']),
    handlerTimeoutMs: 1_000,
    maxAttempts: 2,
    jitterRatio: 0,
    shutdownSignal: new AbortController().signal,
    logger: createLogger({ serviceName: 'test', level: 'silent' }),
    now: () => 50_000,
  });
}

const record = (value: string, headers: KafkaMessage['headers'] = {}): KafkaMessage =>
  ({
    key: Buffer.from('k'),
    value: Buffer.from(value),
    offset: '7',
    timestamp: '0',
    attributes: 0,
    headers,
  }) as KafkaMessage;
const paid = JSON.stringify({ eventId: 'e1', eventType: 'order.paid' });

function run(
  handler: (event: Event, context: HandlerContext) => Promise<void>,
  message: KafkaMessage,
  options: { role?: TopicRole; mark?: DedupMark } = {},
): Promise<RecordResult> {
  return processor(handler)({
    topic: options.role?.kind === 'tier' ? (tiers[0]?.topic ?? '') : 'orders',
    partition: 1,
    message,
    role: options.role ?? sourceRole,
    markOf: () => options.mark,
  });
}

const settled = (result: RecordResult) => {
  assert.equal(result.kind, 'settled');
  return result.kind === 'settled' ? result : assert.fail('not settled');
};

describe('processRecord', () => {
  test('a handled event is done, marked done at attempt 1, with its type and receipt time', async () => {
    const receivedAt = new Date(40_000).toISOString();
    const value = JSON.stringify({ eventId: 'e1', eventType: 'order.paid', receivedAt });

    const result = settled(await run(async () => {}, record(value)));

    assert.deepEqual(result.outcome, {
      kind: 'done',
      eventId: 'e1',
      eventType: 'order.paid',
      receivedAtMs: 40_000,
      mark: { state: 'done', atMs: 50_000, attempts: 1, redrives: 0 },
    });
    assert.equal(result.handlerRan, true);
  });

  test('a type named in the header that the service does not handle is skipped undecoded', async () => {
    let called = false;

    const result = settled(
      await run(
        async () => {
          called = true;
        },
        record('junk', { [names.eventType]: 'order.refunded' }),
      ),
    );

    assert.deepEqual(result.outcome, {
      kind: 'skipped',
      reason: 'event-type',
      eventType: 'order.refunded',
    });
    assert.equal(called, false);
  });

  test('a record whose event id has a mark is a duplicate and the handler never runs', async () => {
    let called = false;
    const mark: DedupMark = { state: 'retrying', atMs: 1, attempts: 1, redrives: 0 };

    const result = settled(
      await run(
        async () => {
          called = true;
        },
        record(paid),
        { mark },
      ),
    );

    assert.deepEqual(result.outcome, {
      kind: 'skipped',
      reason: 'duplicate',
      eventId: 'e1',
      eventType: 'order.paid',
    });
    assert.equal(called, false);
  });

  test('a failure goes to tier 1 on the same partition, with its headers, marked retrying', async () => {
    const result = settled(
      await run(async () => {
        throw new TypeError('downstream down');
      }, record(paid)),
    );
    const { outcome } = result;

    assert.equal(outcome.kind, 'retry');
    if (outcome.kind !== 'retry') return;
    assert.equal(outcome.forward.topic, 'orders.billing.retry.1');
    assert.equal(outcome.forward.message.partition, 1);
    assert.equal(headerText(outcome.forward.message.headers, names.notBeforeMs), '51000');
    assert.equal(headerText(outcome.forward.message.headers, names.errorClass), 'TypeError');
    assert.deepEqual(outcome.mark, { state: 'retrying', atMs: 50_000, attempts: 1, redrives: 0 });
  });

  test('a tier copy runs as the next attempt and, past maxAttempts, goes to the DLQ marked dead', async () => {
    const attempts: number[] = [];
    const copy = record(paid, { [names.attemptCount]: '1', [names.redriveCount]: '0' });

    const result = settled(
      await run(
        async (_event, context) => {
          attempts.push(context.attempt);
          throw new Error('still down');
        },
        copy,
        { role: tierRole, mark: { state: 'retrying', atMs: 1, attempts: 1, redrives: 0 } },
      ),
    );

    assert.deepEqual(attempts, [2]);
    assert.equal(result.outcome.kind, 'dead');
    assert.equal(
      result.outcome.kind === 'dead' && result.outcome.forward.topic,
      'orders.billing.dlq',
    );
    assert.equal(result.outcome.kind === 'dead' && result.outcome.mark?.state, 'dead');
  });

  test('a PermanentError goes to the DLQ after one attempt', async () => {
    const result = settled(
      await run(async () => {
        throw new PermanentError('never');
      }, record(paid)),
    );

    assert.equal(result.outcome.kind, 'dead');
  });

  test('an undecodable record goes to the DLQ with the reason and no mark', async () => {
    const result = settled(await run(async () => {}, record('junk', { [names.eventId]: 'e9' })));
    const { outcome } = result;

    assert.equal(outcome.kind, 'dead');
    if (outcome.kind !== 'dead') return;
    assert.equal(outcome.undecodable, true);
    assert.equal(outcome.mark, undefined);
    assert.equal(headerText(outcome.forward.message.headers, names.errorClass), 'DECODE_FAILED');
    assert.equal(result.handlerRan, false);
  });

  test('an unreachable registry asks the batch to wait instead of dead-lettering', async () => {
    const result = await run(async () => {}, record('unreachable'));

    assert.equal(result.kind, 'wait');
  });

  test('a PauseError holds the partition for its seconds: no attempt counted, no forward, no mark', async () => {
    const copy = record(paid, { [names.attemptCount]: '1' });
    const result = await run(
      async () => {
        throw new PauseError(2.5, 'breaker open');
      },
      copy,
      { role: tierRole },
    );

    assert.equal(result.kind, 'pause');
    assert.equal(result.kind === 'pause' ? result.untilMs : 0, 50_000 + 2_500);
  });

  test('a PauseError never pauses for less than 0.1 s', () => {
    assert.equal(new PauseError(0).pauseSeconds, 0.1);
    assert.equal(new PauseError(Number.NaN).code, 'HANDLER_PAUSE');
  });

  test('the handler sees its attempt, redrive count, headers, logger, source offset and an unaborted signal', async () => {
    let seen: HandlerContext | undefined;
    const copy = record(paid, {
      [names.attemptCount]: '0',
      [names.redriveCount]: '2',
      [names.originalOffset]: '3',
      'x-a': 'b',
    });

    await run(
      async (_event, context) => {
        seen = context;
      },
      copy,
      { role: tierRole },
    );

    assert.equal(seen?.attempt, 1);
    assert.equal(seen?.redriveCount, 2);
    assert.equal(seen?.headers['x-a'], 'b');
    assert.ok(Object.isFrozen(seen?.headers), 'the headers cannot be changed');
    assert.equal(seen?.headers, seen?.headers, 'made once');
    assert.equal(seen?.logger.bindings().eventId, 'e1');
    assert.equal(seen?.logger.bindings().offset, '7');
    assert.equal(seen?.offset, '7');
    assert.equal(seen?.sourceOffset, '3');
    assert.equal(seen?.signal.aborted, false);
  });
});
