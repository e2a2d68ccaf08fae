import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { sign } from '../../src/verification/signers/sign.ts';
import {
  type BundledSource,
  bundledSources,
  post,
  signedDelivery,
  testSecretsEnv,
} from '../support/bundled-deliveries.ts';
import { readTopic } from '../support/read-topic.ts';
import { startTestIngress, type TestIngress } from '../support/test-ingress.ts';

const sha256 = (bytes: string | Buffer) => createHash('sha256').update(bytes).digest('hex');

/** What each bundled source records beyond the common fields. */
const expectations: Record<
  BundledSource,
  { key: string; deliveryId: 'event id' | null; headers: string[]; timestampChecked: boolean }
> = {
  github: {
    key: '1296269',
    deliveryId: 'event id',
    headers: ['x-github-event', 'x-github-delivery'],
    timestampChecked: false,
  },
  stripe: { key: 'ch_1', deliveryId: null, headers: [], timestampChecked: true },
  shopify: {
    key: 'gid://shopify/Order/1',
    deliveryId: 'event id',
    headers: ['x-shopify-topic', 'x-shopify-webhook-id'],
    timestampChecked: false,
  },
  slack: {
    key: 'T1',
    deliveryId: null,
    headers: ['x-slack-request-timestamp'],
    timestampChecked: true,
  },
  standard: {
    key: 'event id',
    deliveryId: 'event id',
    headers: ['webhook-id', 'webhook-timestamp'],
    timestampChecked: true,
  },
  generic: { key: 'event id', deliveryId: null, headers: ['x-timestamp'], timestampChecked: true },
};

describe('an accepted delivery read back from its topic', () => {
  let ingress: TestIngress;
  before(async () => {
    ingress = await startTestIngress({ sources: bundledSources, env: testSecretsEnv });
  });
  after(() => ingress.close());

  for (const source of Object.keys(expectations) as BundledSource[]) {
    it(`${source}: decodes through the contract codec to the same body bytes and metadata`, async () => {
      const delivery = signedDelivery(source);
      const sentAtMs = Date.now();
      const answer = await post(ingress.url, source, delivery.body, {
        ...delivery.headers,
        'user-agent': 'provider/1.0',
      });
      assert.equal(answer.status, 202, JSON.stringify(answer.json));

      const [record] = await readTopic(ingress.topicOf(source), 1);
      assert.ok(record);
      const { envelope } = record;
      const expected = expectations[source];

      assert.deepEqual(Buffer.from(envelope.body), Buffer.from(delivery.body));
      assert.equal(envelope.bodySha256, sha256(delivery.body));
      assert.equal(envelope.eventId, delivery.eventId);
      assert.equal(envelope.eventType, delivery.eventType);
      assert.equal(envelope.source, source);
      assert.equal(envelope.contentType, 'application/json');
      assert.equal(
        envelope.deliveryId,
        expected.deliveryId === 'event id' ? delivery.eventId : null,
      );
      assert.equal(envelope.sourceIp, '127.0.0.1');
      assert.ok(
        envelope.receivedAt.getTime() >= sentAtMs - 1_000 &&
          envelope.receivedAt.getTime() <= Date.now(),
      );
      assert.deepEqual(
        { ...envelope.verification },
        {
          scheme: bundledSources[source]?.verification.scheme,
          secretLabel: '0',
          timestampChecked: expected.timestampChecked,
        },
      );
      for (const name of expected.headers) {
        assert.equal(envelope.headers[name], delivery.headers[name], `header ${name} copied`);
      }
      for (const name of Object.keys(envelope.headers)) {
        assert.ok(
          bundledSources[source]?.headers?.includes(name),
          `only allow-listed headers (${name})`,
        );
      }
      assert.equal(record.key, expected.key === 'event id' ? delivery.eventId : expected.key);
      assert.equal(record.headers['tributary-event-id'], delivery.eventId);
      assert.equal(record.headers['tributary-event-type'], delivery.eventType);
    });
  }
});

// Slack's documented example ("Verifying requests from Slack"), byte for byte: 362 bytes.
const slackExample = {
  secret: '8f742231b10e8888abcd99yyyzzz85a5',
  timestampSeconds: 1531420618,
  signature: 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503',
  body:
    'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V' +
    '&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=' +
    '&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibI' +
    'GlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c',
};

// The Standard Webhooks specification's example.
const standardExample = {
  secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  timestampSeconds: 1614265330,
  body: '{"test": 2432232314}',
  signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
};

describe('documented vectors and handshakes, with the clock pinned', () => {
  let clockMs = 0;
  let ingress: TestIngress;
  before(async () => {
    ingress = await startTestIngress({
      sources: {
        slack: bundledSources.slack,
        standard: {
          ...bundledSources.standard,
          eventType: [{ pointer: '/type' }, { value: 'test' }],
        },
      },
      env: {
        TRIBUTARY_SECRET_SLACK: slackExample.secret,
        TRIBUTARY_SECRET_STANDARD: standardExample.secret,
      },
      nowMs: () => clockMs,
    });
  });
  after(() => ingress.close());

  const slackHeaders = {
    'content-type': 'application/x-www-form-urlencoded',
    'x-slack-request-timestamp': String(slackExample.timestampSeconds),
    'x-slack-signature': slackExample.signature,
  };
  const slackClockCases = [
    { label: '301 s after', offsetSeconds: 301, status: 401 },
    { label: '301 s before', offsetSeconds: -301, status: 401 },
    { label: 'at', offsetSeconds: 0, status: 202 },
  ];
  for (const { label, offsetSeconds, status } of slackClockCases) {
    it(`with the clock ${label} its timestamp, answers Slack's documented example ${status}`, async () => {
      clockMs = (slackExample.timestampSeconds + offsetSeconds) * 1000;

      const answer = await post(ingress.url, 'slack', slackExample.body, slackHeaders);

      assert.equal(answer.status, status, JSON.stringify(answer.json));
    });
  }

  it("publishes Slack's example form body byte for byte, typed by its command", async () => {
    const [record] = await readTopic(ingress.topicOf('slack'), 1);

    assert.equal(Buffer.byteLength(slackExample.body), 362);
    assert.equal(Buffer.from(record?.envelope.body ?? []).toString(), slackExample.body);
    assert.equal(record?.envelope.eventType, '/webhook-collect');
    assert.equal(record?.envelope.eventId, `slack:sha256:${sha256(slackExample.body)}`);
    assert.equal(record?.key, 'T1DC2JH3J');
  });

  it('accepts the Standard Webhooks specification example at its timestamp', async () => {
    clockMs = standardExample.timestampSeconds * 1000;

    const answer = await post(ingress.url, 'standard', standardExample.body, {
      'content-type': 'application/json',
      'webhook-id': standardExample.id,
      'webhook-timestamp': String(standardExample.timestampSeconds),
      'webhook-signature': standardExample.signature,
    });

    assert.equal(answer.status, 202, JSON.stringify(answer.json));
    assert.equal(answer.json.eventId, standardExample.id);
  });

  it("answers Slack's url_verification challenge with 200 and publishes nothing", async () => {
    clockMs = Date.now();
    const challenge = JSON.stringify({ token: 't', challenge: 'c-3a5f', type: 'url_verification' });
    const event = JSON.stringify({
      type: 'event_callback',
      event_id: 'Ev-after-challenge',
      team_id: 'T9',
      event: { type: 'message' },
    });
    const headersFor = (body: string) => ({
      'content-type': 'application/json',
      ...sign('slack', slackExample.secret, body, clockMs),
    });

    const handshake = await post(ingress.url, 'slack', challenge, headersFor(challenge));
    const unsigned = await post(ingress.url, 'slack', challenge, {
      'content-type': 'application/json',
    });
    const accepted = await post(ingress.url, 'slack', event, headersFor(event));

    assert.equal(handshake.status, 200);
    assert.deepEqual(handshake.json, { challenge: 'c-3a5f' });
    assert.equal(unsigned.status, 401, 'the handshake is verified like any delivery');
    assert.equal(accepted.status, 202);
    // Records of different keys land on different partitions: compare without order.
    const records = await readTopic(ingress.topicOf('slack'), 2);
    assert.deepEqual(records.map((record) => record.envelope.eventId).sort(), [
      'Ev-after-challenge',
      `slack:sha256:${sha256(slackExample.body)}`,
    ]);
  });
});
