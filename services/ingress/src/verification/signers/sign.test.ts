import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { VerifierConfig } from '../create-verifier.ts';
import { VerifierError } from '../verifier-error.ts';
import type { SignableScheme } from './sign.ts';
import { sign } from './sign.ts';

const nowMs = 1_700_000_000_999;

describe('sign', () => {
  const headerNames: readonly [SignableScheme, string, readonly string[]][] = [
    ['github', 'secret', ['x-hub-signature-256']],
    ['stripe', 'whsec_x', ['stripe-signature']],
    ['shopify', 'secret', ['x-shopify-hmac-sha256']],
    ['slack', 'secret', ['x-slack-request-timestamp', 'x-slack-signature']],
    ['standard-webhooks', 'whsec_AAAA', ['webhook-id', 'webhook-signature', 'webhook-timestamp']],
  ];
  for (const [scheme, secret, names] of headerNames) {
    it(`for ${scheme} by name, produces exactly the default headers`, () => {
      const headers = sign(scheme, secret, 'body', nowMs);

      assert.deepEqual(Object.keys(headers).sort(), names);
    });
  }

  it('sends whole seconds, floored, as the timestamp', () => {
    assert.equal(sign('slack', 'secret', 'body', nowMs)['x-slack-request-timestamp'], '1700000000');
  });

  it('sends the delivery id where the scheme carries one', () => {
    const extras = { deliveryId: 'd-1' };

    assert.equal(sign('github', 's', 'b', nowMs, extras)['x-github-delivery'], 'd-1');
    assert.equal(sign('shopify', 's', 'b', nowMs, extras)['x-shopify-webhook-id'], 'd-1');
    assert.equal(sign('standard-webhooks', 'whsec_AAAA', 'b', nowMs, extras)['webhook-id'], 'd-1');
  });

  it('without a delivery id, makes up a msg_ id for Standard Webhooks, which requires one', () => {
    const headers = sign('standard-webhooks', 'whsec_AAAA', 'b', nowMs);

    assert.match(headers['webhook-id'] ?? '', /^msg_[0-9a-f-]{36}$/);
  });

  it('follows the header names of a full config', () => {
    const config: VerifierConfig = {
      scheme: 'generic-hmac',
      signatureHeaderName: 'x-acme-signature',
      signaturePrefix: 'sha512=',
      algorithm: 'sha512',
      deliveryIdHeaderName: 'x-acme-delivery',
      timestamp: { headerName: 'x-acme-time' },
    };

    const headers = sign(config, 'secret', 'body', nowMs, { deliveryId: 'd-2' });

    assert.match(headers['x-acme-signature'] ?? '', /^sha512=[0-9a-f]{128}$/);
    assert.equal(headers['x-acme-time'], '1700000000');
    assert.equal(headers['x-acme-delivery'], 'd-2');
  });

  it('signs a string body and its UTF-8 bytes identically', () => {
    const text = 'ünïcödé';

    assert.deepEqual(
      sign('github', 's', text, nowMs),
      sign('github', 's', Buffer.from(text, 'utf8'), nowMs),
    );
  });

  it('when a Standard Webhooks secret is not base64, throws invalid_options', () => {
    assert.throws(
      () => sign('standard-webhooks', 'whsec_***', 'b', nowMs),
      (error: unknown) => error instanceof VerifierError && error.code === 'invalid_options',
    );
  });

  it('when the scheme is unknown, throws unknown_scheme', () => {
    assert.throws(
      () => sign('gitlab' as SignableScheme, 's', 'b', nowMs),
      (error: unknown) => error instanceof VerifierError && error.code === 'unknown_scheme',
    );
  });
});
