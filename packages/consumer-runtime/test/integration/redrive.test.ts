// The redrive API against the live broker: list with filters, show one, dry run, send a
// dead letter back to the group's own first tier, refuse a second redrive and one past the
// redrive limit.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { kafkaHeaderNames } from '@tributary/contract';
import { waitFor } from '../../../../test/support/wait-for.ts';
import { PermanentError } from '../../src/errors/handler-errors.ts';
import { headerText } from '../../src/headers/record-headers.ts';
import type { DeadLetter } from '../../src/redrive/dead-letter.ts';
import { createRedriveClient, type RedriveClient } from '../../src/redrive/redrive-client.ts';
import { type ServiceHandle, startService } from '../../src/service/start-service.ts';
import { fastHandlerTimeoutMs, fastTimings } from '../support/fast-timings.ts';
import {
  createTestTopics,
  envelope,
  stackStartOptions,
  type TestTopics,
  testLogger,
} from '../support/runtime-stack.ts';

const broken = envelope('order.paid');
const neverFixed = envelope('order.paid');
/** Event ids whose cause is not fixed yet: the handler rejects them permanently. */
const failing = new Set([broken.eventId, neverFixed.eventId]);
const handled: string[] = [];

let topics: TestTopics;
let service: ServiceHandle;
let client: RedriveClient;
let startedMs: number;

const ref = (letter: DeadLetter) => ({
  dlqTopic: letter.dlqTopic,
  partition: letter.partition,
  offset: letter.offset,
});

before(async () => {
  topics = await createTestTopics('rt-redrive');
  service = await startService(
    {
      name: 'billing',
      eventTypes: ['order.paid'],
      handlerTimeoutMs: fastHandlerTimeoutMs,
      handler: async (event) => {
        if (failing.has(event.eventId)) throw new PermanentError('customer record missing');
        handled.push(event.eventId);
      },
    },
    { ...stackStartOptions(topics), ...fastTimings, logger: testLogger('rt-redrive') },
  );
  client = createRedriveClient({
    brokers: stackStartOptions(topics).brokers,
    catalog: topics.catalog,
    service: 'billing',
    prefix: topics.prefix,
    logger: testLogger('rt-redrive-client'),
    maxRedrives: 1,
    readTimeoutMs: 15_000,
  });
  startedMs = Date.now();
  await topics.produce([broken, neverFixed]);
  await waitFor(() => service.counters().deadLettered === 2, { what: 'both dead-lettered' });
});

after(async () => {
  await client?.close();
  await service?.stop();
  await topics?.close();
});

describe('redrive', () => {
  test('lists dead letters by source topic, error class, schema version and time range', async () => {
    const all = await client.list();
    const schemaId = all[0]?.schemaId;
    const cases = [
      { filter: {}, expected: 2 },
      { filter: { sourceTopic: topics.source }, expected: 2 },
      { filter: { sourceTopic: `${topics.source}-other` }, expected: 0 },
      { filter: { errorClass: 'PermanentError' }, expected: 2 },
      { filter: { errorClass: 'TypeError' }, expected: 0 },
      { filter: { schemaId }, expected: 2 },
      { filter: { schemaId: (schemaId ?? 0) + 1_000_000 }, expected: 0 },
      { filter: { fromMs: startedMs, toMs: Date.now() + 1 }, expected: 2 },
      { filter: { toMs: startedMs - 60_000 }, expected: 0 },
    ];

    assert.ok(schemaId !== undefined, 'the value names its writer schema');
    for (const { filter, expected } of cases) {
      assert.equal((await client.list(filter)).length, expected, JSON.stringify(filter));
    }
  });

  test('shows one dead letter with its headers', async () => {
    const [first] = await client.list();
    assert.ok(first);

    const shown = await client.show(ref(first));

    assert.equal(shown?.eventId, first.eventId);
    assert.equal(shown?.errorClass, 'PermanentError');
    assert.equal(shown?.attempts, 1);
    assert.equal(shown?.sourceTopic, topics.source);
  });

  test('a dry run reports what it would send and sends nothing', async () => {
    const letters = await client.list();

    const report = await client.redrive({ select: letters.map(ref), dryRun: true });

    assert.equal(report.sent, 2);
    assert.deepEqual(
      report.results.map((r) => r.outcome),
      ['would-send', 'would-send'],
    );
    assert.equal((await topics.read(topics.topology.routes[0]?.tiers[0]?.topic ?? '')).length, 0);
  });

  test('a redrive of a record whose cause was fixed is handled once; redriving it again is a no-op', async () => {
    const letter = (await client.list()).find((l) => l.eventId === broken.eventId);
    assert.ok(letter);
    failing.delete(broken.eventId);

    const first = await client.redrive({ select: [ref(letter)] });
    await waitFor(() => handled.includes(broken.eventId), { what: 'the redriven record handled' });
    const again = await client.redrive({ select: [ref(letter)] });

    assert.deepEqual(
      first.results.map((r) => r.outcome),
      ['sent'],
    );
    assert.deepEqual(
      again.results.map((r) => r.outcome),
      ['not-dead'],
    );
    assert.equal(handled.filter((id) => id === broken.eventId).length, 1);
    const tier = await topics.read(topics.topology.routes[0]?.tiers[0]?.topic ?? '');
    assert.equal(tier.length, 1, 'one copy went to the first tier, none to the source topic');
    assert.equal(headerText(tier[0]?.headers, kafkaHeaderNames.redriveCount), '1');
    assert.equal(headerText(tier[0]?.headers, kafkaHeaderNames.attemptCount), '0');
  });

  test('a record redriven up to the limit is refused', async () => {
    const letter = (await client.list()).find((l) => l.eventId === neverFixed.eventId);
    assert.ok(letter);
    await client.redrive({ select: [ref(letter)] });
    const dead = await waitFor(
      async () =>
        (await client.list()).find((l) => l.eventId === neverFixed.eventId && l.redriveCount === 1),
      { what: 'the redriven record dead-lettered again' },
    );

    const report = await client.redrive({ select: [ref(dead)] });

    assert.deepEqual(
      report.results.map((r) => r.outcome),
      ['redrive-limit'],
    );
    assert.equal(report.sent, 0);
  });
});
