import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { PauseError, PermanentError, RetryAfterError } from '@tributary/consumer-runtime';
import { waitFor } from '../../../../test/support/wait-for.ts';
import { DeliveryError } from './delivery-error.ts';
import { createGuardedDelivery } from './guarded-delivery.ts';
import type { WebhookPoster } from './webhook-poster.ts';

/** A poster answering from a list of outcomes, the last one repeating; counts its calls. */
function scripted(outcomes: Array<'ok' | DeliveryError>) {
  let calls = 0;
  const poster: WebhookPoster = async () => {
    const outcome = outcomes[Math.min(calls, outcomes.length - 1)];
    calls += 1;
    if (outcome !== 'ok') throw outcome;
  };
  return { poster, calls: () => calls };
}

const message = { text: 'hi', eventId: 'e1' };
const signal = new AbortController().signal;
const unavailable = (retryAfterSeconds?: number) =>
  new DeliveryError('ENDPOINT_UNAVAILABLE', 'answered 503', {
    status: 503,
    ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
  });
const rejected = new DeliveryError('ENDPOINT_REJECTED', 'answered 400', { status: 400 });
const caught = (work: Promise<void>) =>
  work.then(
    () => assert.fail('expected a failure'),
    (error: unknown) => error,
  );

describe('the guarded delivery', () => {
  test('a delivered message resolves and leaves the breaker closed', async () => {
    const delivery = createGuardedDelivery(scripted(['ok']).poster);

    await delivery.deliver(message, signal);

    assert.equal(delivery.state(), 'closed');
    delivery.shutdown();
  });

  test('a refusal is a PermanentError and never opens the breaker', async () => {
    const delivery = createGuardedDelivery(scripted([rejected]).poster, { volumeThreshold: 1 });

    for (let i = 0; i < 3; i += 1) {
      const error = await caught(delivery.deliver(message, signal));
      assert.ok(error instanceof PermanentError);
      assert.equal(error.code, 'HANDLER_PERMANENT');
    }
    assert.equal(delivery.state(), 'closed');
    delivery.shutdown();
  });

  test('unavailable with Retry-After while closed: RetryAfterError with that wait', async () => {
    const delivery = createGuardedDelivery(scripted([unavailable(7)]).poster);

    const error = await caught(delivery.deliver(message, signal));

    assert.ok(error instanceof RetryAfterError);
    assert.equal(error.retryAfterSeconds, 7);
    delivery.shutdown();
  });

  test('unavailable without Retry-After while closed: the DeliveryError, retried by the tiers', async () => {
    const delivery = createGuardedDelivery(scripted([unavailable()]).poster);

    const error = await caught(delivery.deliver(message, signal));

    assert.ok(error instanceof DeliveryError);
    assert.equal(error.code, 'ENDPOINT_UNAVAILABLE');
    delivery.shutdown();
  });

  test('the failure that opens the breaker, and every call while open, pause without posting', async () => {
    const endpoint = scripted([unavailable()]);
    const delivery = createGuardedDelivery(endpoint.poster, {
      volumeThreshold: 2,
      resetTimeoutMs: 60_000,
    });

    await caught(delivery.deliver(message, signal)); // 1 of 2: below the volume, retried
    const opening = await caught(delivery.deliver(message, signal));
    const whileOpen = await caught(delivery.deliver(message, signal));

    assert.ok(opening instanceof PauseError);
    assert.ok(whileOpen instanceof PauseError);
    assert.equal(whileOpen.code, 'HANDLER_PAUSE');
    assert.ok(
      whileOpen.pauseSeconds > 55 && whileOpen.pauseSeconds <= 60,
      `${whileOpen.pauseSeconds}`,
    );
    assert.equal(endpoint.calls(), 2);
    assert.equal(delivery.state(), 'open');
    assert.equal(delivery.openings(), 1);
    delivery.shutdown();
  });

  test('a pause is never shorter than the Retry-After of the failure that opened the breaker', async () => {
    const delivery = createGuardedDelivery(scripted([unavailable(120)]).poster, {
      volumeThreshold: 1,
      resetTimeoutMs: 1_000,
    });

    const error = await caught(delivery.deliver(message, signal));

    assert.ok(error instanceof PauseError);
    assert.equal(error.pauseSeconds, 120);
    delivery.shutdown();
  });

  test('after the reset time one trial runs: a failed one reopens, a good one closes', async () => {
    const endpoint = scripted([unavailable(), unavailable(), 'ok']);
    const delivery = createGuardedDelivery(endpoint.poster, {
      volumeThreshold: 1,
      resetTimeoutMs: 150,
    });
    await caught(delivery.deliver(message, signal)); // opens

    await waitFor(() => delivery.state() === 'half-open', { timeoutMs: 2_000, what: 'half-open' });
    const failedTrial = await caught(delivery.deliver(message, signal));
    await waitFor(() => delivery.state() === 'half-open', {
      timeoutMs: 2_000,
      what: 'half-open again',
    });
    await delivery.deliver(message, signal);

    assert.ok(failedTrial instanceof PauseError);
    assert.equal(delivery.openings(), 2);
    assert.equal(delivery.state(), 'closed');
    assert.equal(endpoint.calls(), 3);
    delivery.shutdown();
  });
});
