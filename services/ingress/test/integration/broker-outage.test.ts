import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import {
  createThrowawayBroker,
  type ThrowawayBroker,
} from '../../../../test/support/throwaway-broker.ts';
import { waitFor } from '../../../../test/support/wait-for.ts';
import type { VerifierConfig } from '../../src/verification/create-verifier.ts';
import { sign } from '../../src/verification/signers/sign.ts';
import { post } from '../support/bundled-deliveries.ts';
import { readTopic } from '../support/read-topic.ts';
import { startTestIngress, type TestIngress } from '../support/test-ingress.ts';

const deadlineMs = 2_000;
/** A 503 must come within the publish deadline plus this margin (request, batching, answer). */
const answerMarginMs = 1_500;
const hmac: VerifierConfig = { scheme: 'generic-hmac', signatureHeaderName: 'x-signature' };
const secret = 'outage-test-secret';

// Stopping a broker is only ever done to one of the test's own: the shared stack's broker
// serves every other suite.
describe('with the broker stopped and started again', () => {
  let broker: ThrowawayBroker;
  let ingress: TestIngress;
  const accepted: string[] = [];

  before(async () => {
    broker = await createThrowawayBroker();
    await broker.start();
    ingress = await startTestIngress({
      sources: {
        outage: {
          verification: hmac,
          secretsEnv: 'OUTAGE_SECRET',
          eventId: [{ pointer: '/id' }],
          eventType: [{ value: 'outage.test' }],
          rateLimit: null,
        },
      },
      env: { OUTAGE_SECRET: secret },
      brokers: [broker.bootstrap],
      publish: { deadlineMs, unavailableRetryAfterSeconds: 3 },
    });
  });
  after(async () => {
    await ingress?.close();
    await broker?.remove();
  });

  /** Sends one signed delivery; remembers its id when it was accepted. */
  async function deliver() {
    const id = randomUUID();
    const body = JSON.stringify({ id });
    const startedMs = Date.now();
    const answer = await post(ingress.url, 'outage', body, {
      'content-type': 'application/json',
      ...sign(hmac, secret, body, Date.now()),
    });
    if (answer.status === 202) accepted.push(id);
    return { ...answer, tookMs: Date.now() - startedMs };
  }

  it('accepts deliveries while the broker is up', async () => {
    const answers = await Promise.all([deliver(), deliver(), deliver(), deliver()]);

    assert.deepEqual(
      answers.map((a) => a.status),
      [202, 202, 202, 202],
    );
  });

  it('answers 503 with Retry-After within the publish deadline while the broker is down', async () => {
    await broker.stop();

    const answers = await Promise.all([deliver(), deliver(), deliver(), deliver(), deliver()]);

    for (const answer of answers) {
      assert.equal(answer.status, 503, JSON.stringify(answer.json));
      assert.match(String(answer.json.error?.code), /^publish_(timeout|failed)$/);
      assert.equal(answer.headers.get('retry-after'), '3');
      assert.ok(answer.tookMs < deadlineMs + answerMarginMs, `answered in ${answer.tookMs} ms`);
    }
    const later = await deliver();
    assert.equal(later.status, 503, 'still 503 for a delivery arriving later in the outage');
    assert.ok(later.tookMs < deadlineMs + answerMarginMs, `answered in ${later.tookMs} ms`);
  });

  it('accepts deliveries again once the broker is back', async () => {
    await broker.start();

    await waitFor(async () => (await deliver()).status === 202, {
      timeoutMs: 60_000,
      intervalMs: 500,
      what: 'a delivery accepted after the broker restarted',
    });
    const answers = await Promise.all([deliver(), deliver(), deliver()]);
    assert.deepEqual(
      answers.map((a) => a.status),
      [202, 202, 202],
    );
  });

  it('lost nothing that got a 2xx: every accepted event id is on the topic', async () => {
    const records = await readTopic(ingress.topicOf('outage'), accepted.length, {
      brokers: [broker.bootstrap],
      timeoutMs: 60_000,
    });

    const onTopic = new Set(records.map((record) => record.envelope.eventId));
    const missing = accepted.filter((id) => !onTopic.has(id));
    assert.deepEqual(
      missing,
      [],
      `${accepted.length} accepted, ${onTopic.size} distinct on the topic`,
    );
  });
});
