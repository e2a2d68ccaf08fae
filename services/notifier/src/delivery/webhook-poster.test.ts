import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startWebhookSink, type WebhookSink } from '../../test/support/webhook-sink.ts';
import { DeliveryError } from './delivery-error.ts';
import { createWebhookPoster } from './webhook-poster.ts';

const answers: Record<string, { status: number; headers?: Record<string, string> }> = {
  ok: { status: 200 },
  busy: { status: 503, headers: { 'retry-after': '4' } },
  slow: { status: 429 },
  timeout: { status: 408 },
  bad: { status: 400 },
  gone: { status: 404 },
};

let sink: WebhookSink;
before(async () => {
  sink = await startWebhookSink((eventId) => answers[eventId] ?? { status: 200 });
});
after(() => sink.close());

const post = (eventId: string, url = sink.url, requestTimeoutMs = 2_000) =>
  createWebhookPoster({ url, requestTimeoutMs })(
    { text: `hello\nevent ${eventId}`, eventId },
    new AbortController().signal,
  );
const failure = async (work: Promise<void>) => {
  try {
    await work;
  } catch (error: unknown) {
    if (error instanceof DeliveryError) return error;
    throw error;
  }
  return assert.fail('expected a DeliveryError');
};

describe('the webhook poster', () => {
  test('a 2xx resolves; the sink got the text as JSON and the event id as idempotency-key', async () => {
    await post('ok');

    const [request] = sink.requestsFor('ok');
    assert.equal(request?.text, 'hello\nevent ok');
  });

  const cases: Array<[string, string, number, number | undefined]> = [
    ['503 with Retry-After', 'ENDPOINT_UNAVAILABLE', 503, 4],
    ['429', 'ENDPOINT_UNAVAILABLE', 429, undefined],
    ['408', 'ENDPOINT_UNAVAILABLE', 408, undefined],
    ['400', 'ENDPOINT_REJECTED', 400, undefined],
    ['404', 'ENDPOINT_REJECTED', 404, undefined],
  ];
  const ids: Record<number, string> = {
    503: 'busy',
    429: 'slow',
    408: 'timeout',
    400: 'bad',
    404: 'gone',
  };
  for (const [name, code, status, retryAfter] of cases) {
    test(`${name}: ${code}, retry-after ${String(retryAfter)}`, async () => {
      const error = await failure(post(ids[status] ?? ''));

      assert.equal(error.code, code);
      assert.equal(error.status, status);
      assert.equal(error.retryAfterSeconds, retryAfter);
      assert.equal(error.retriable, code !== 'ENDPOINT_REJECTED');
    });
  }

  test('a port nobody listens on: ENDPOINT_UNREACHABLE', async () => {
    const closed = await startWebhookSink(() => ({ status: 200 }));
    await closed.close();

    const error = await failure(post('x', closed.url));

    assert.equal(error.code, 'ENDPOINT_UNREACHABLE');
    assert.equal(error.retriable, true);
  });
});
