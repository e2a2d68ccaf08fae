import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { documentedPayloads, githubPayloads, poisonStripePayload } from './real-payloads.ts';

describe('real payloads', () => {
  it('reads every GitHub example of @octokit/webhooks-examples with its event name', () => {
    const payloads = githubPayloads();

    assert.ok(payloads.length >= 300, `${payloads.length} payloads`);
    assert.ok(payloads.some((p) => p.eventType === 'push'));
    assert.ok(payloads.every((p) => typeof JSON.parse(p.body.toString()) === 'object'));
  });

  it('makes distinct Stripe events from the examples: new event and object ids, type kept', () => {
    const events = documentedPayloads('stripe', 20, 'tag').map((p) =>
      JSON.parse(p.body.toString()),
    );

    assert.equal(new Set(events.map((e) => e.id)).size, 20);
    assert.equal(new Set(events.map((e) => e.data.object.id)).size, 20);
    assert.ok(events.every((e) => /^evt_tag\d{5}$/.test(e.id)));
    assert.ok(events.some((e) => e.type === 'charge.refunded'));
  });

  it('makes Shopify resources with new ids that agree with their admin GraphQL ids', () => {
    const payloads = documentedPayloads('shopify', 10);
    const resources = payloads.map((p) => JSON.parse(p.body.toString()));

    assert.equal(new Set(resources.map((r) => r.id)).size, 10);
    assert.ok(resources.every((r) => r.admin_graphql_api_id.endsWith(`/${r.id}`)));
    assert.ok(payloads.some((p) => p.eventType === 'orders/create'));
  });

  it('makes a poison Stripe event whose created time is not a number', () => {
    const poison = JSON.parse(poisonStripePayload('x').body.toString());

    assert.equal(poison.type, 'payment_intent.succeeded');
    assert.equal(typeof poison.created, 'string');
  });
});
