import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { planBatch } from './plan-batch.ts';
import type { RealPayload } from './real-payloads.ts';

const payload = (n: number): RealPayload => ({
  source: 'github',
  eventType: 'push',
  body: Buffer.from(`{"n":${n}}`),
  origin: `test#${n}`,
});
const payloads = Array.from({ length: 50 }, (_, n) => payload(n));

describe('planBatch', () => {
  it('sends every tenth payload twice, the rest once, each with its own delivery id', () => {
    const plan = planBatch({ payloads });

    assert.equal(plan.length, 50);
    assert.equal(plan.filter((p) => p.copies === 2).length, 5);
    assert.equal(new Set(plan.map((p) => p.deliveryId)).size, 50);
  });

  it('spreads the badly signed ones among the good ones and adds the poison once', () => {
    const plan = planBatch({
      payloads,
      badlySigned: [payload(100), payload(101)],
      poison: payload(200),
    });

    const badAt = plan.flatMap((p, i) => (p.badSignature ? [i] : []));
    assert.equal(badAt.length, 2);
    assert.ok(badAt[0] !== 0 && badAt[1] !== plan.length - 1, `bad ones at ${badAt.join(',')}`);
    assert.deepEqual(
      plan.filter((p) => p.poison).map((p) => [p.payload.origin, p.copies, p.badSignature]),
      [['test#200', 1, false]],
    );
  });

  it('with duplicateEvery 0, sends nothing twice', () => {
    assert.equal(planBatch({ payloads, duplicateEvery: 0 }).filter((p) => p.copies > 1).length, 0);
  });
});
