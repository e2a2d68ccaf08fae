// The notifier against the live stack and a real local HTTP endpoint: Retry-After honoured,
// refusals dead-lettered, and an outage longer than every tier together losing nothing.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  createRedriveClient,
  type DeadLetter,
  type ServiceHandle,
  startService,
} from '@tributary/consumer-runtime';
import {
  createServiceTestTopics,
  fastServiceTimings,
  type ServiceTestTopics,
  serviceStartOptions,
  serviceTestLogger,
  testEnvelope,
} from '../../../../test/support/service-test-topics.ts';
import { waitFor } from '../../../../test/support/wait-for.ts';
import type { BreakerOptions, GuardedDelivery } from '../../src/delivery/guarded-delivery.ts';
import { notifierService } from '../../src/notifier-service.ts';
import { type SinkScript, startWebhookSink, type WebhookSink } from '../support/webhook-sink.ts';

const catalogFile = fileURLToPath(new URL('../fixtures/catalog.yaml', import.meta.url));

const pushEvent = (repo: string) =>
  testEnvelope('github', 'push', {
    ref: 'refs/heads/main',
    commits: [{ id: 'c1' }],
    head_commit: { message: 'Ship it' },
    pusher: { name: 'ada' },
    repository: { full_name: repo },
  });

/** A notifier on its own topics, posting to its own sink. */
async function startNotifier(label: string, script: SinkScript, breaker: BreakerOptions) {
  const topics = await createServiceTestTopics(catalogFile, 'notifier');
  const sink = await startWebhookSink(script);
  const { definition, delivery } = notifierService({
    webhookUrl: sink.url,
    requestTimeoutMs: 2_000,
    handlerTimeoutMs: 5_000,
    breaker,
  });
  const service = await startService(definition, {
    ...serviceStartOptions(topics),
    ...fastServiceTimings,
    logger: serviceTestLogger(label),
  });
  return { topics, sink, delivery, service };
}

/** Every dead letter of the group's DLQ, read through the runtime's redrive API. */
async function deadLetters(topics: ServiceTestTopics): Promise<DeadLetter[]> {
  const redrive = createRedriveClient({
    ...serviceStartOptions(topics),
    service: 'notifier',
    logger: serviceTestLogger('notifier-dlq'),
  });
  try {
    return await redrive.list({});
  } finally {
    await redrive.close();
  }
}

describe('the notifier with an endpoint that answers', () => {
  const busy = pushEvent('acme/busy');
  const refused = pushEvent('acme/refused');
  const retryAfterSeconds = 2;
  let topics: ServiceTestTopics;
  let sink: WebhookSink;
  let delivery: GuardedDelivery;
  let service: ServiceHandle;

  before(async () => {
    ({ topics, sink, delivery, service } = await startNotifier(
      'notifier-answers',
      (eventId, seen) => {
        if (eventId === refused.eventId) return { status: 400 };
        if (seen === 0)
          return { status: 503, headers: { 'retry-after': String(retryAfterSeconds) } };
        return { status: 200 };
      },
      { volumeThreshold: 10 },
    ));
    await topics.produce([{ envelope: busy }, { envelope: refused }]);
  });

  after(async () => {
    await service?.stop();
    delivery?.shutdown();
    await sink?.close();
    await topics?.close();
  });

  test('503 with Retry-After, then 200: one delivered summary, no earlier than asked', async () => {
    await waitFor(
      () => sink.delivered(busy.eventId).length > 0 && service.counters().handled >= 1,
      {
        timeoutMs: 60_000,
        what: 'the busy event delivered and committed',
      },
    );

    const [first, second, ...more] = sink.requestsFor(busy.eventId);
    assert.equal(first?.status, 503);
    assert.equal(second?.status, 200);
    assert.equal(more.length, 0);
    assert.ok(
      (second?.atMs ?? 0) - (first?.atMs ?? 0) >= retryAfterSeconds * 1000,
      `retried after ${(second?.atMs ?? 0) - (first?.atMs ?? 0)} ms`,
    );
    assert.match(second?.text ?? '', /^ada pushed 1 commit to acme\/busy:main: Ship it/);
    assert.match(second?.text ?? '', new RegExp(`event ${busy.eventId}$`));
  });

  test('400: the event is in the DLQ as a PermanentError after one request', async () => {
    const letter = await waitFor(
      async () => (await deadLetters(topics)).find((l) => l.eventId === refused.eventId),
      { timeoutMs: 60_000, intervalMs: 500, what: 'the refused event in the DLQ' },
    );

    assert.equal(letter.errorClass, 'PermanentError');
    assert.match(letter.errorMessage ?? '', /400/);
    assert.equal(letter.attempts, 1);
    assert.equal(sink.requestsFor(refused.eventId).length, 1);
    assert.equal(sink.delivered(refused.eventId).length, 0);
  });
});

describe('the notifier with an endpoint down longer than all tiers together', () => {
  const events = ['a', 'b', 'c', 'd', 'e', 'f'].map((n) => pushEvent(`acme/outage-${n}`));
  let topics: ServiceTestTopics;
  let sink: WebhookSink;
  let delivery: GuardedDelivery;
  let service: ServiceHandle;

  before(async () => {
    ({ topics, sink, delivery, service } = await startNotifier(
      'notifier-outage',
      () => ({ status: 503 }),
      { volumeThreshold: 2, resetTimeoutMs: 500 },
    ));
  });

  after(async () => {
    await service?.stop();
    delivery?.shutdown();
    await sink?.close();
    await topics?.close();
  });

  test('the breaker opens, the service pauses, and every event is delivered once when it returns', async () => {
    const tiers = topics.topology.routes[0]?.tiers ?? [];
    // Every tier's delay with its largest jitter (10 %), end to end.
    const allTiersMs = tiers.reduce((sum, tier) => sum + tier.delayMs * 1.1, 0);
    const downSinceMs = Date.now();
    await topics.produce(events.map((envelope) => ({ envelope })));

    await waitFor(
      () =>
        delivery.openings() >= 1 &&
        service.counters().handlerPauses >= 3 &&
        Date.now() - downSinceMs > 2 * allTiersMs,
      { timeoutMs: 60_000, what: 'an outage twice as long as the tiers, with the breaker open' },
    );
    const deadWhileDown = service.counters().deadLettered;
    sink.answer(() => ({ status: 200 }));
    await waitFor(
      () =>
        events.every((e) => sink.delivered(e.eventId).length > 0) &&
        service.counters().handled >= events.length,
      { timeoutMs: 60_000, what: 'every event delivered once the endpoint is back' },
    );

    assert.equal(deadWhileDown, 0);
    for (const event of events) {
      assert.equal(sink.delivered(event.eventId).length, 1, event.eventId);
    }
    assert.equal(service.counters().deadLettered, 0);
    const ids = new Set(events.map((e) => e.eventId));
    assert.deepEqual(
      (await deadLetters(topics)).filter((l) => ids.has(l.eventId ?? '')),
      [],
    );
  });
});
