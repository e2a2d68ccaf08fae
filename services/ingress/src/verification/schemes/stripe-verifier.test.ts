import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Stripe from 'stripe';
import { sign } from '../signers/sign.ts';
import { createStripeVerifier } from './stripe-verifier.ts';

// Only the webhook helpers are used; constructing the client makes no request.
const stripe = new Stripe('sk_test_not_a_real_key');
const secret = 'whsec_test_secret_for_ingress';
const secrets = [{ label: 'current', value: secret }];
const timestampSeconds = 1_750_000_000;
const nowMs = timestampSeconds * 1000;
const body = '{"id":"evt_1","object":"event","type":"charge.succeeded"}';
const verifier = createStripeVerifier();

function verifyWith(header: string, at = nowMs, payload = body) {
  const headers = { 'stripe-signature': header };
  return verifier.verify({ rawBody: Buffer.from(payload), headers, secrets, nowMs: at });
}

function stripeHeader(options: { scheme?: string; timestamp?: number; secret?: string } = {}) {
  return stripe.webhooks.generateTestHeaderString({
    payload: body,
    secret: options.secret ?? secret,
    timestamp: options.timestamp ?? timestampSeconds,
    ...(options.scheme === undefined ? {} : { scheme: options.scheme }),
  });
}

const v1Of = (header: string) => header.split(',').find((part) => part.startsWith('v1=')) ?? '';

describe('stripe verifier', () => {
  it('accepts a header made by stripe.webhooks.generateTestHeaderString', () => {
    const result = verifyWith(stripeHeader());

    assert.deepEqual(result, {
      ok: true,
      scheme: 'stripe',
      secretIndex: 0,
      secretLabel: 'current',
      timestampChecked: true,
      timestampMs: nowMs,
    });
  });

  it("signs what Stripe's own verifyHeader accepts, and what it refuses once stale", () => {
    const header = sign('stripe', secret, body, nowMs)['stripe-signature'] ?? '';

    assert.equal(
      stripe.webhooks.signature?.verifyHeader(body, header, secret, 300, undefined, nowMs),
      true,
    );
    assert.throws(
      () =>
        stripe.webhooks.signature?.verifyHeader(
          body,
          header,
          secret,
          300,
          undefined,
          nowMs + 301_000,
        ),
      /tolerance/,
    );
  });

  it('when Stripe signed with another secret, refuses with no_matching_signature', () => {
    const result = verifyWith(stripeHeader({ secret: 'whsec_someone_else' }));

    assert.deepEqual(result, { ok: false, reason: 'no_matching_signature' });
  });

  it('when several v1 signatures are sent, accepts if any one matches', () => {
    const wrong = v1Of(stripeHeader({ secret: 'whsec_old_secret' }));
    const right = v1Of(stripeHeader());

    const result = verifyWith(`t=${timestampSeconds},${wrong},${right},v0=${'0'.repeat(64)}`);

    assert.equal(result.ok, true);
  });

  it('when a v1 entry is undecodable but another matches, accepts', () => {
    const result = verifyWith(`t=${timestampSeconds},v1=nothex,${v1Of(stripeHeader())}`);

    assert.equal(result.ok, true);
  });

  it('when the secret is rolled, Stripe signs with both and the result names the new one', () => {
    const oldSecret = 'whsec_rolled_away';
    const header = `t=${timestampSeconds},${v1Of(stripeHeader())},${v1Of(stripeHeader({ secret: oldSecret }))}`;
    const rotation = [
      { label: 'old', value: oldSecret },
      { label: 'new', value: secret },
    ];

    const result = verifier.verify({
      rawBody: Buffer.from(body),
      headers: { 'stripe-signature': header },
      secrets: rotation,
      nowMs,
    });

    assert.deepEqual(result.ok && [result.secretIndex, result.secretLabel], [0, 'old']);
  });

  it('when only a v0 signature is sent, refuses with unsupported_algorithm', () => {
    const result = verifyWith(stripeHeader({ scheme: 'v0' }));

    assert.deepEqual(result, {
      ok: false,
      reason: 'unsupported_algorithm',
      header: 'stripe-signature',
    });
  });

  const windowCases = [
    { label: 'exactly 300 s old', offsetSeconds: -300, expected: 'accepted' },
    { label: '301 s old', offsetSeconds: -301, expected: 'stale_timestamp' },
    {
      label: '301 s ahead (Stripe itself would accept)',
      offsetSeconds: 301,
      expected: 'future_timestamp',
    },
  ];
  for (const { label, offsetSeconds, expected } of windowCases) {
    it(`when Stripe's timestamp is ${label}, answers ${expected}`, () => {
      const header = stripeHeader({ timestamp: timestampSeconds + offsetSeconds });

      const result = verifyWith(header);

      assert.equal(result.ok ? 'accepted' : result.reason, expected);
    });
  }

  it('honours a configured tolerance', () => {
    const strict = createStripeVerifier({ toleranceSeconds: 10 });
    const header = stripeHeader({ timestamp: timestampSeconds - 11 });

    const result = strict.verify({
      rawBody: Buffer.from(body),
      headers: { 'stripe-signature': header },
      secrets,
      nowMs,
    });

    assert.deepEqual(result, { ok: false, reason: 'stale_timestamp', header: 'stripe-signature' });
  });

  const digest = v1Of(stripeHeader()).slice(3);
  const malformed = [
    { label: 'garbage', value: 'garbage' },
    { label: 'without a timestamp', value: `v1=${digest}` },
    {
      label: 'with two timestamps',
      value: `t=${timestampSeconds},t=${timestampSeconds},v1=${digest}`,
    },
    { label: 'with a non-numeric timestamp', value: `t=soon,v1=${digest}` },
    { label: 'with a negative timestamp', value: `t=-1,v1=${digest}` },
    {
      label: 'with a timestamp in milliseconds and more',
      value: `t=${'9'.repeat(13)},v1=${digest}`,
    },
    { label: 'with no signature at all', value: `t=${timestampSeconds}` },
    { label: 'with an item lacking "="', value: `t=${timestampSeconds},v1` },
    { label: 'with spaces after commas', value: `t=${timestampSeconds}, v1=${digest}` },
    { label: 'with an odd-length v1', value: `t=${timestampSeconds},v1=${digest.slice(1)}` },
    { label: 'with a short v1', value: `t=${timestampSeconds},v1=${digest.slice(2)}` },
    { label: 'with a non-hex v1', value: `t=${timestampSeconds},v1=${'g'.repeat(64)}` },
    { label: 'huge', value: `t=${timestampSeconds},${`v1=${digest},`.repeat(80)}v1=${digest}` },
  ];
  for (const { label, value } of malformed) {
    it(`when the header is ${label}, refuses with malformed_header`, () => {
      const result = verifyWith(value);

      assert.deepEqual(result, {
        ok: false,
        reason: 'malformed_header',
        header: 'stripe-signature',
      });
    });
  }
});
