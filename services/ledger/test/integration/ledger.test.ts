// The ledger against the live stack: the runtime reads Stripe events from a prefixed topic
// and the service writes them to a SQLite file, read back through the public reader.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createRedriveClient, type ServiceHandle, startService } from '@tributary/consumer-runtime';
import {
  createServiceTestTopics,
  fastServiceTimings,
  type ServiceTestTopics,
  serviceStartOptions,
  serviceTestLogger,
  testEnvelope,
} from '../../../../test/support/service-test-topics.ts';
import { waitFor } from '../../../../test/support/wait-for.ts';
import { ledgerService } from '../../src/ledger-service.ts';
import type { LedgerReader, LedgerStore } from '../../src/storage/ledger-store.ts';
import { openLedgerReader, openSqliteLedgerStore } from '../../src/storage/sqlite-ledger-store.ts';

const catalogFile = fileURLToPath(new URL('../fixtures/catalog.yaml', import.meta.url));
const run = Math.random().toString(36).slice(2, 8);

/** A Stripe event envelope as the ingress builds it (event id = the body's `id`). */
function stripeEvent(id: string, type: string, createdSeconds: number, object: object) {
  const body = { id, object: 'event', type, created: createdSeconds, data: { object } };
  return { envelope: testEnvelope('stripe', type, body, id), key: (object as { id: string }).id };
}
const paymentIntent = (id: string, status: string, amount = 4200) => ({
  id,
  object: 'payment_intent',
  status,
  amount,
  currency: 'eur',
  customer: 'cus_1',
});

let topics: ServiceTestTopics;
let service: ServiceHandle;
let store: LedgerStore;
let reader: LedgerReader;
let folder: string;

const handledAll = (ids: string[]) => async () => {
  const rows = await Promise.all(ids.map((id) => reader.event(id)));
  return rows.every((row) => row !== undefined);
};

before(async () => {
  topics = await createServiceTestTopics(catalogFile, 'ledger');
  folder = mkdtempSync(join(tmpdir(), 'ledger-test-'));
  const path = join(folder, 'ledger.sqlite');
  store = openSqliteLedgerStore(path);
  reader = openLedgerReader(path);
  service = await startService(ledgerService({ store, handlerTimeoutMs: 8_000 }), {
    ...serviceStartOptions(topics),
    ...fastServiceTimings,
    logger: serviceTestLogger('ledger-test'),
  });
});

after(async () => {
  await service?.stop();
  await topics?.close();
  await reader?.close();
  await store?.close();
  if (folder !== undefined) rmSync(folder, { recursive: true, force: true });
});

describe('the ledger on the live stack', () => {
  test('the same Stripe events replayed a second time leave the ledger unchanged', async () => {
    const events = [
      stripeEvent(
        `evt_${run}_a1`,
        'payment_intent.created',
        100,
        paymentIntent(`pi_${run}_a`, 'requires_payment_method'),
      ),
      stripeEvent(
        `evt_${run}_a2`,
        'payment_intent.succeeded',
        101,
        paymentIntent(`pi_${run}_a`, 'succeeded'),
      ),
      stripeEvent(`evt_${run}_b1`, 'charge.succeeded', 101, {
        id: `ch_${run}_b`,
        object: 'charge',
        status: 'succeeded',
        amount: 990,
        currency: 'usd',
      }),
    ];
    const ids = events.map((e) => e.envelope.eventId);
    await topics.produce(events);
    await waitFor(handledAll(ids), { timeoutMs: 60_000, what: 'the first three events written' });
    const snapshot = {
      events: await reader.events(),
      objects: await reader.objects(),
      totals: await reader.totals(),
    };
    const duplicatesBefore = service.counters().duplicates;

    await topics.produce(events);
    await waitFor(() => service.counters().duplicates >= duplicatesBefore + events.length, {
      timeoutMs: 30_000,
      what: 'the replayed copies recognised as duplicates',
    });

    assert.deepEqual(
      {
        events: await reader.events(),
        objects: await reader.objects(),
        totals: await reader.totals(),
      },
      snapshot,
    );
    for (const id of ids) assert.equal((await reader.event(id))?.deliveries, 1, id);
    assert.equal((await reader.object(`pi_${run}_a`))?.status, 'succeeded');
  });

  test('an out-of-order pair leaves the state of the newer event', async () => {
    const objectId = `pi_${run}_c`;
    const newer = stripeEvent(
      `evt_${run}_c2`,
      'payment_intent.succeeded',
      201,
      paymentIntent(objectId, 'succeeded'),
    );
    const older = stripeEvent(
      `evt_${run}_c1`,
      'payment_intent.processing',
      200,
      paymentIntent(objectId, 'processing'),
    );

    await topics.produce([newer, older]); // delivered newest first
    await waitFor(handledAll([newer.envelope.eventId, older.envelope.eventId]), {
      timeoutMs: 60_000,
      what: 'both events of the pair written',
    });

    const state = await reader.object(objectId);
    assert.equal(state?.status, 'succeeded');
    assert.equal(state?.eventId, newer.envelope.eventId);
  });

  test('with equal created seconds the later source offset wins', async () => {
    const objectId = `pi_${run}_d`;
    const first = stripeEvent(
      `evt_${run}_d1`,
      'payment_intent.requires_action',
      300,
      paymentIntent(objectId, 'requires_action'),
    );
    const second = stripeEvent(
      `evt_${run}_d2`,
      'payment_intent.succeeded',
      300,
      paymentIntent(objectId, 'succeeded'),
    );

    await topics.produce([first, second]);
    await waitFor(handledAll([first.envelope.eventId, second.envelope.eventId]), {
      timeoutMs: 60_000,
      what: 'both events of the tie written',
    });

    const [a, b] = [
      await reader.event(first.envelope.eventId),
      await reader.event(second.envelope.eventId),
    ];
    assert.ok(BigInt(a?.sourceOffset ?? 0) < BigInt(b?.sourceOffset ?? 0));
    assert.equal((await reader.object(objectId))?.eventId, second.envelope.eventId);
  });

  test('a body that is not a Stripe event goes to the DLQ with its cause, and nothing is written', async () => {
    const id = `evt_${run}_bad`;
    await topics.produce([
      {
        envelope: testEnvelope('stripe', 'charge.succeeded', { id, type: 'charge.succeeded' }, id),
      },
    ]);
    const redrive = createRedriveClient({
      ...serviceStartOptions(topics),
      service: 'ledger',
      logger: serviceTestLogger('ledger-dlq'),
    });
    try {
      const letter = await waitFor(
        async () => (await redrive.list({})).find((l) => l.eventId === id),
        { timeoutMs: 60_000, intervalMs: 500, what: 'the bad event in the DLQ' },
      );

      assert.equal(letter.errorClass, 'PermanentError');
      assert.match(letter.errorMessage ?? '', /not a Stripe event/);
      assert.equal(await reader.event(id), undefined);
    } finally {
      await redrive.close();
    }
  });
});
