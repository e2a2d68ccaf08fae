// One behaviour table, run against both stores: SQLite in memory, and the PostgreSQL store's
// own SQL on an in-process PostgreSQL (PGlite).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { PGlite } from '@electric-sql/pglite';
import type { LedgerStore, LedgerWrite } from './ledger-store.ts';
import { createPostgresLedgerStore } from './postgres-ledger-store.ts';
import { openSqliteLedgerStore } from './sqlite-ledger-store.ts';

let sequence = 0;
function write(overrides: Partial<LedgerWrite> = {}): LedgerWrite {
  sequence += 1;
  return {
    eventId: `evt_${sequence}`,
    eventType: 'payment_intent.succeeded',
    objectId: `pi_${sequence}`,
    objectType: 'payment_intent',
    status: 'succeeded',
    amount: 4200,
    currency: 'eur',
    customer: 'cus_1',
    objectJson: '{"id":"pi"}',
    createdSeconds: 1_700_000_000,
    sourceOffset: 10n,
    handledAtMs: 1_000,
    ...overrides,
  };
}

const stores: Array<[string, () => Promise<LedgerStore>]> = [
  ['SQLite', async () => openSqliteLedgerStore(':memory:')],
  [
    'PostgreSQL (PGlite)',
    async () => {
      const db = await PGlite.create();
      return createPostgresLedgerStore(db, { close: () => db.close() });
    },
  ],
];

for (const [name, open] of stores) {
  describe(`the ${name} ledger store`, () => {
    let store: LedgerStore;
    before(async () => {
      store = await open();
      await store.migrate();
      await store.migrate(); // idempotent
    });
    after(() => store.close());

    test('a first write records the event once and takes its state', async () => {
      const entry = write();

      const result = await store.write(entry);

      assert.deepEqual(result, { applied: true, deliveries: 1 });
      assert.equal((await store.object(entry.objectId))?.status, 'succeeded');
      assert.equal((await store.event(entry.eventId))?.deliveries, 1);
    });

    test('the same event again changes no state and counts a second delivery', async () => {
      const entry = write();
      await store.write(entry);
      const before = await store.object(entry.objectId);

      const result = await store.write({ ...entry, handledAtMs: 5_000 });

      assert.deepEqual(result, { applied: false, deliveries: 2 });
      assert.deepEqual(await store.object(entry.objectId), before);
      assert.equal((await store.event(entry.eventId))?.lastHandledAtMs, 5_000);
    });

    test('an older event arriving after a newer one is recorded but leaves the newer state', async () => {
      const newer = write({ status: 'succeeded', createdSeconds: 200, sourceOffset: 5n });
      const older = write({
        objectId: newer.objectId,
        status: 'processing',
        eventType: 'payment_intent.processing',
        createdSeconds: 100,
        sourceOffset: 4n,
      });

      await store.write(newer);
      const result = await store.write(older);

      assert.equal(result.applied, false);
      assert.equal((await store.object(newer.objectId))?.eventId, newer.eventId);
      assert.equal((await store.event(older.eventId))?.deliveries, 1);
    });

    test('with equal created seconds the higher source offset wins, in either arrival order', async () => {
      const first = write({ status: 'requires_action', createdSeconds: 300, sourceOffset: 7n });
      const second = write({
        objectId: first.objectId,
        status: 'succeeded',
        createdSeconds: 300,
        sourceOffset: 8n,
      });

      await store.write(second);
      await store.write(first);

      const kept = await store.object(first.objectId);
      assert.equal(kept?.status, 'succeeded');
      assert.equal(kept?.sourceOffset, '8');
    });

    test('offsets past 2^32 and epoch milliseconds survive the round trip', async () => {
      const entry = write({ sourceOffset: 9_007_199_254_740_000n, handledAtMs: 1_764_800_000_000 });

      await store.write(entry);

      const row = await store.event(entry.eventId);
      assert.equal(row?.sourceOffset, '9007199254740000');
      assert.equal(row?.firstHandledAtMs, 1_764_800_000_000);
    });

    test('totals sum object states, so a replayed event is not counted twice', async () => {
      const currency = `x${sequence}`;
      const a = write({ currency, amount: 100 });
      const b = write({ currency, amount: 250 });
      for (const entry of [a, b, a, b]) await store.write(entry);

      const totals = (await store.totals()).filter((t) => t.currency === currency);

      assert.deepEqual(totals, [
        { objectType: 'payment_intent', status: 'succeeded', currency, objects: 2, amount: 350 },
      ]);
    });

    test('an unknown id reads as undefined', async () => {
      assert.equal(await store.event('evt_none'), undefined);
      assert.equal(await store.object('pi_none'), undefined);
    });
  });
}
