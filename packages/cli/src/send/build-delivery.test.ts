import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createVerifier } from '@tributary/ingress';
import { isCliError } from '../errors/cli-error.ts';
import { buildDelivery, type DeliveryInput } from './build-delivery.ts';
import type { SendSourceName } from './send-sources.ts';
import { sendSourceNames, sendSources } from './send-sources.ts';

const nowMs = 1_715_680_000_500;
const body = Buffer.from('{"id":"evt_1","type":"thing.happened"}');
// Standard Webhooks secrets are whsec_<base64>; the others are used as UTF-8 bytes.
const secrets: Record<SendSourceName, string> = {
  github: 'gh-secret',
  stripe: 'whsec_stripe-secret',
  shopify: 'shopify-secret',
  slack: 'slack-signing-secret',
  standard: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  generic: 'generic-secret',
};

function inputFor(source: SendSourceName, overrides: Partial<DeliveryInput> = {}): DeliveryInput {
  return {
    source,
    sendSource: sendSources[source],
    secret: secrets[source],
    body,
    eventType: 'thing.happened',
    deliveryId: 'delivery-1',
    nowMs,
    badSignature: false,
    ...overrides,
  };
}

function verify(source: SendSourceName, headers: Readonly<Record<string, string>>, sent: Buffer) {
  return createVerifier(sendSources[source].verification).verify({
    rawBody: sent,
    headers,
    secrets: [{ label: 'current', value: secrets[source] }],
    nowMs,
  });
}

describe('buildDelivery', () => {
  for (const source of sendSourceNames) {
    it(`for ${source}, produces headers the ingress verifier accepts with the secret`, () => {
      const delivery = buildDelivery(inputFor(source));

      const result = verify(source, delivery.headers, delivery.body);

      assert.equal(result.ok, true, JSON.stringify(result));
      assert.equal(delivery.headers['content-type'], 'application/json');
      assert.deepEqual(delivery.body, body);
    });

    it(`for ${source}, with a bad signature, is refused as no_matching_signature`, () => {
      const delivery = buildDelivery(inputFor(source, { badSignature: true }));

      const result = verify(source, delivery.headers, delivery.body);

      assert.deepEqual(result, { ok: false, reason: 'no_matching_signature' });
      assert.deepEqual(delivery.body, body, 'the body itself is sent unchanged');
    });
  }

  const deliveryIdHeaders: readonly [SendSourceName, string][] = [
    ['github', 'x-github-delivery'],
    ['shopify', 'x-shopify-webhook-id'],
    ['standard', 'webhook-id'],
    ['generic', 'x-event-id'],
  ];
  for (const [source, header] of deliveryIdHeaders) {
    it(`for ${source}, sends the delivery id in ${header} and the verifier reports it`, () => {
      const delivery = buildDelivery(inputFor(source));
      const result = verify(source, delivery.headers, delivery.body);

      assert.equal(delivery.headers[header], 'delivery-1');
      assert.equal(result.ok && result.deliveryId, 'delivery-1');
    });
  }

  const eventTypeHeaders: readonly [SendSourceName, string | undefined][] = [
    ['github', 'x-github-event'],
    ['shopify', 'x-shopify-topic'],
    ['generic', 'x-event-type'],
    ['stripe', undefined],
    ['slack', undefined],
    ['standard', undefined],
  ];
  for (const [source, header] of eventTypeHeaders) {
    it(`for ${source}, sends the event type ${header ? `in ${header}` : 'in no header'}`, () => {
      const { headers } = buildDelivery(inputFor(source));
      const typeHeaders = Object.entries(headers).filter(([, value]) => value === 'thing.happened');

      assert.deepEqual(typeHeaders, header === undefined ? [] : [[header, 'thing.happened']]);
    });
  }

  it('when a Standard Webhooks secret is not whsec_<base64>, throws secret_unusable naming the source', () => {
    assert.throws(
      () => buildDelivery(inputFor('standard', { secret: 'plain-text' })),
      (error: unknown) => isCliError(error, 'secret_unusable') && /standard/.test(error.message),
    );
  });
});
