import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createTokenBucket } from './token-bucket.ts';

describe('token bucket', () => {
  it('lets a full burst through at once, then refuses with the seconds until the next token', () => {
    let now = 0;
    const bucket = createTokenBucket({ perSecond: 0.5, burst: 3 }, () => now);

    const burst = [bucket.take(), bucket.take(), bucket.take()];
    const refused = bucket.take();

    assert.ok(burst.every((result) => result.ok));
    assert.deepEqual(refused, { ok: false, retryAfterSeconds: 2 });
    now = 2_000;
    assert.deepEqual(bucket.take(), { ok: true });
  });

  it('refills at the sustained rate but never past the burst', () => {
    let now = 0;
    const bucket = createTokenBucket({ perSecond: 10, burst: 2 }, () => now);
    bucket.take();
    bucket.take();

    now = 60_000;
    const results = [bucket.take(), bucket.take(), bucket.take()];

    assert.deepEqual(
      results.map((result) => result.ok),
      [true, true, false],
    );
  });

  it('answers Retry-After of at least one second even at high rates', () => {
    const bucket = createTokenBucket({ perSecond: 1000, burst: 1 }, () => 0);
    bucket.take();

    assert.deepEqual(bucket.take(), { ok: false, retryAfterSeconds: 1 });
  });
});
