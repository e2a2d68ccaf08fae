import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import { Webhook as SvixWebhook } from 'svix';
import { sign } from '../signers/sign.ts';
import type { RequestHeaders } from '../verifier.ts';
import { createStandardWebhooksVerifier } from './standard-webhooks-verifier.ts';

// The example from the Standard Webhooks specification.
const specExample = {
  secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  timestamp: '1614265330',
  body: '{"test": 2432232314}',
  signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
};
const nowMs = Number(specExample.timestamp) * 1000;
const secrets = [{ label: 'current', value: specExample.secret }];
const verifier = createStandardWebhooksVerifier();

const specHeaders = {
  'webhook-id': specExample.id,
  'webhook-timestamp': specExample.timestamp,
  'webhook-signature': specExample.signature,
};

function verifyWith(headers: RequestHeaders, body = specExample.body) {
  return verifier.verify({ rawBody: Buffer.from(body), headers, secrets, nowMs });
}

describe('standard webhooks verifier', () => {
  it('accepts the example of the specification with the clock pinned to it', () => {
    assert.deepEqual(verifyWith(specHeaders), {
      ok: true,
      scheme: 'standard-webhooks',
      secretIndex: 0,
      secretLabel: 'current',
      timestampChecked: true,
      timestampMs: nowMs,
      deliveryId: specExample.id,
    });
  });

  it('accepts a signature made by the standardwebhooks library', () => {
    const library = new StandardWebhook(specExample.secret);
    const signature = library.sign('msg_lib', new Date(nowMs), 'from the library');

    const result = verifyWith(
      {
        'webhook-id': 'msg_lib',
        'webhook-timestamp': specExample.timestamp,
        'webhook-signature': signature,
      },
      'from the library',
    );

    assert.equal(result.ok && result.deliveryId, 'msg_lib');
  });

  it('accepts a signature made by the svix library under svix-* header names', () => {
    const library = new SvixWebhook(specExample.secret);
    const signature = library.sign('msg_svix', new Date(nowMs), '{"svix":true}');

    const result = verifyWith(
      {
        'svix-id': 'msg_svix',
        'svix-timestamp': specExample.timestamp,
        'svix-signature': signature,
      },
      '{"svix":true}',
    );

    assert.equal(result.ok && result.deliveryId, 'msg_svix');
  });

  it('signs what the standardwebhooks and svix libraries verify', (t) => {
    t.mock.timers.enable({ apis: ['Date'], now: nowMs });
    const body = '{"type":"invoice.paid"}';
    const headers = sign('standard-webhooks', specExample.secret, body, nowMs, {
      deliveryId: 'msg_ours',
    });

    assert.doesNotThrow(() => new StandardWebhook(specExample.secret).verify(body, headers));
    assert.doesNotThrow(() => new SvixWebhook(specExample.secret).verify(body, headers));
    assert.throws(() => new StandardWebhook(specExample.secret).verify(`${body} `, headers));
  });

  it('with a secret given as bare base64, accepts as the reference library does', () => {
    const bare = [{ label: 'bare', value: specExample.secret.slice('whsec_'.length) }];

    const result = verifier.verify({
      rawBody: Buffer.from(specExample.body),
      headers: specHeaders,
      secrets: bare,
      nowMs,
    });

    assert.equal(result.ok, true);
  });

  it('when the secret is not valid base64, refuses with unusable_secret', () => {
    const broken = [{ label: 'broken', value: 'whsec_not*base64' }];

    const result = verifier.verify({
      rawBody: Buffer.from(specExample.body),
      headers: specHeaders,
      secrets: broken,
      nowMs,
    });

    assert.deepEqual(result, { ok: false, reason: 'unusable_secret' });
  });

  it('when the message id is altered, refuses with no_matching_signature', () => {
    const result = verifyWith({ ...specHeaders, 'webhook-id': 'msg_other' });

    assert.deepEqual(result, { ok: false, reason: 'no_matching_signature' });
  });

  const listCases = [
    {
      label: 'a v1a entry before the matching v1',
      value: `v1a,${'A'.repeat(86)}== ${specExample.signature}`,
      expected: 'accepted',
    },
    {
      label: 'a wrong v1 before the matching one',
      value: `v1,${Buffer.alloc(32).toString('base64')} ${specExample.signature}`,
      expected: 'accepted',
    },
    {
      label: 'an undecodable v1 before the matching one',
      value: `v1,%%% ${specExample.signature}`,
      expected: 'accepted',
    },
    {
      label: 'doubled spaces around it',
      value: `  ${specExample.signature}  `,
      expected: 'accepted',
    },
    {
      label: 'only a v1a entry',
      value: `v1a,${'A'.repeat(86)}==`,
      expected: 'unsupported_algorithm',
    },
    { label: 'only a v2 entry', value: 'v2,abc', expected: 'unsupported_algorithm' },
    { label: 'garbage', value: 'garbage', expected: 'malformed_header' },
    {
      label: 'a "=" instead of ","',
      value: specExample.signature.replace(',', '='),
      expected: 'malformed_header',
    },
    {
      label: 'a bare base64 signature',
      value: specExample.signature.slice(3),
      expected: 'malformed_header',
    },
    { label: 'a v1 with no signature', value: 'v1,', expected: 'malformed_header' },
    { label: 'a v1 in hex', value: `v1,${'ab'.repeat(32)}`, expected: 'malformed_header' },
    {
      label: 'a v1 one byte short',
      value: `v1,${Buffer.alloc(31).toString('base64')}`,
      expected: 'malformed_header',
    },
    { label: 'only spaces', value: '   ', expected: 'malformed_header' },
  ];
  for (const { label, value, expected } of listCases) {
    it(`when the signature list holds ${label}, answers ${expected}`, () => {
      const result = verifyWith({ ...specHeaders, 'webhook-signature': value });

      assert.equal(result.ok ? 'accepted' : result.reason, expected);
    });
  }

  it('never mixes header families: webhook-* present means svix-* are not consulted', () => {
    const result = verifyWith({
      'webhook-id': specExample.id,
      'webhook-timestamp': specExample.timestamp,
      'svix-signature': specExample.signature,
    });

    assert.deepEqual(result, { ok: false, reason: 'missing_header', header: 'webhook-signature' });
  });

  it('when no header of either family is present, reports the webhook-id header missing', () => {
    assert.deepEqual(verifyWith({}), { ok: false, reason: 'missing_header', header: 'webhook-id' });
  });

  it('with custom header prefixes, reads those names', () => {
    const custom = createStandardWebhooksVerifier({ headerPrefixes: ['x-acme-webhook'] });
    const headers = {
      'x-acme-webhook-id': specExample.id,
      'x-acme-webhook-timestamp': specExample.timestamp,
      'x-acme-webhook-signature': specExample.signature,
    };

    const result = custom.verify({
      rawBody: Buffer.from(specExample.body),
      headers,
      secrets,
      nowMs,
    });

    assert.equal(result.ok, true);
  });
});
