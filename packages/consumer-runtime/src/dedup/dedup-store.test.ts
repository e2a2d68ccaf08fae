import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { DedupMark } from './dedup-mark.ts';
import { createDedupStore } from './dedup-store.ts';

const hourMs = 3_600_000;
const done = (atMs: number): DedupMark => ({ state: 'done', atMs, attempts: 1, redrives: 0 });

function storeAt(startMs: number, maxEntries = 100) {
  const clock = { nowMs: startMs };
  const store = createDedupStore({ windowMs: hourMs, maxEntries, now: () => clock.nowMs });
  return { store, clock };
}

describe('dedup store', () => {
  test('a mark is found in its partition only', () => {
    const { store } = storeAt(10_000_000);
    store.set(0, 'e1', done(10_000_000));

    assert.equal(store.get(0, 'e1')?.state, 'done');
    assert.equal(store.get(1, 'e1'), undefined);
  });

  test('a mark older than the window is no longer found, and is evicted on the next write', () => {
    const { store, clock } = storeAt(10_000_000);
    store.set(0, 'old', done(10_000_000));
    clock.nowMs += hourMs;

    assert.equal(store.get(0, 'old'), undefined);
    store.set(0, 'new', done(clock.nowMs));
    assert.equal(store.size(), 1);
  });

  test('past maxEntries the oldest written mark goes first', () => {
    const { store } = storeAt(10_000_000, 2);
    store.set(0, 'a', done(10_000_000));
    store.set(0, 'b', done(10_000_000));
    store.set(0, 'a', done(10_001_000)); // rewritten: now the newest
    store.set(0, 'c', done(10_002_000));

    assert.equal(store.size(), 2);
    assert.equal(store.get(0, 'b'), undefined);
    assert.ok(store.get(0, 'a') && store.get(0, 'c'));
  });

  const mergeCases = [
    {
      name: 'a newer mark replaces the one held',
      heldAtMs: 10_000_000,
      mergedAtMs: 10_005_000,
      kept: 'dead',
    },
    {
      name: 'an older mark does not replace a newer one held',
      heldAtMs: 10_005_000,
      mergedAtMs: 10_000_000,
      kept: 'done',
    },
    {
      name: 'a mark of the same second replaces the one held',
      heldAtMs: 10_000_100,
      mergedAtMs: 10_000_900,
      kept: 'dead',
    },
  ];
  for (const { name, heldAtMs, mergedAtMs, kept } of mergeCases) {
    test(`merge: ${name}`, () => {
      const { store } = storeAt(10_000_000);
      store.set(0, 'e', done(heldAtMs));

      store.merge(0, 'e', { state: 'dead', atMs: mergedAtMs, attempts: 3, redrives: 0 });

      assert.equal(store.get(0, 'e')?.state, kept);
    });
  }

  test('dropping a partition forgets its marks and their count', () => {
    const { store } = storeAt(10_000_000);
    store.set(0, 'a', done(10_000_000));
    store.set(1, 'b', done(10_000_000));

    store.dropPartition(0);

    assert.deepEqual(store.partitions(), [1]);
    assert.equal(store.size(), 1);
  });

  test('counts the event ids of a partition whose latest mark is dead, until a redrive or eviction moves it', () => {
    const { store } = storeAt(10_000_000, 3);
    const dead = (atMs: number): DedupMark => ({ state: 'dead', atMs, attempts: 3, redrives: 0 });
    store.set(0, 'a', dead(10_000_000));
    store.set(0, 'b', dead(10_000_000));
    store.set(0, 'b', dead(10_001_000)); // dead-lettered again: still one id
    store.set(1, 'c', dead(10_000_000));
    assert.deepEqual([store.deadCount(0), store.deadCount(1), store.deadCount(2)], [2, 1, 0]);

    store.set(0, 'a', { state: 'retrying', atMs: 10_002_000, attempts: 0, redrives: 1 });
    assert.equal(store.deadCount(0), 1, 'a redrive moved the mark to retrying');

    store.set(0, 'd', done(10_003_000)); // past maxEntries: 'b', the oldest written, goes
    assert.equal(store.get(0, 'b'), undefined);
    assert.equal(store.deadCount(0), 0);

    store.dropPartition(1);
    assert.equal(store.deadCount(1), 0);
  });
});
