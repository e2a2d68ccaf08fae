import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createShopifyVerifier } from './shopify-verifier.ts';

// Shortcoming: no provider-library oracle for Shopify, only an OpenSSL-computed vector.
// Shopify publishes no test vector and its library needs a whole app; this one was computed
// with OpenSSL, independently of our code:
//   printf '%s' "$body" | openssl dgst -sha256 -hmac shpss_example_secret -binary | base64
const secrets = [{ label: 'current', value: 'shpss_example_secret' }];
const body = '{"id":1,"topic":"orders/create"}';
const expectedSignature = '+MmcqjgB0c+3MI5gg/w0A9BEIK5xDcK8fSOYiwxkEdk=';
const verifier = createShopifyVerifier();

function verifyWith(headers: Record<string, string>) {
  return verifier.verify({ rawBody: Buffer.from(body), headers, secrets, nowMs: 0 });
}

describe('shopify verifier', () => {
  it('accepts a delivery signed as OpenSSL computes it, with the webhook id', () => {
    const result = verifyWith({
      'x-shopify-hmac-sha256': expectedSignature,
      'x-shopify-webhook-id': 'b54557e4-bdd9-4b37-8a5f-bf7d70bcd043',
    });

    assert.deepEqual(result, {
      ok: true,
      scheme: 'shopify',
      secretIndex: 0,
      secretLabel: 'current',
      timestampChecked: false,
      deliveryId: 'b54557e4-bdd9-4b37-8a5f-bf7d70bcd043',
    });
  });

  it('when the webhook id header is absent, accepts without a delivery id', () => {
    const result = verifyWith({ 'x-shopify-hmac-sha256': expectedSignature });

    assert.equal(result.ok && 'deliveryId' in result, false);
  });

  const hex = Buffer.from(expectedSignature, 'base64').toString('hex');
  const malformed = [
    { label: 'garbage', value: 'garbage!' },
    { label: 'the digest in hex', value: hex },
    { label: 'prefixed like GitHub', value: `sha256=${expectedSignature}` },
    { label: 'without padding', value: expectedSignature.replace('=', '') },
    { label: 'in base64url', value: expectedSignature.replace('+', '-').replace('/', '_') },
    { label: 'with a character not in base64', value: `${expectedSignature.slice(0, -2)}*=` },
    { label: 'with non-zero padding bits', value: `${expectedSignature.slice(0, -2)}l=` },
    { label: 'a byte short', value: Buffer.alloc(31).toString('base64') },
    { label: 'a byte long', value: Buffer.alloc(33).toString('base64') },
    { label: 'huge', value: Buffer.alloc(4000).toString('base64') },
  ];
  for (const { label, value } of malformed) {
    it(`when the signature is ${label}, refuses with malformed_header`, () => {
      const result = verifyWith({ 'x-shopify-hmac-sha256': value });

      assert.deepEqual(result, {
        ok: false,
        reason: 'malformed_header',
        header: 'x-shopify-hmac-sha256',
      });
    });
  }
});
