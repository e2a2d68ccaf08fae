import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { VerifierConfig } from './create-verifier.ts';
import { createVerifier } from './create-verifier.ts';
import type { RotationSet } from './rotation-secrets.ts';
import { sign } from './signers/sign.ts';
import type { RequestHeaders } from './verifier.ts';

// The behaviour every scheme shares, run against each through our own signer. Provider
// libraries and published vectors check the signers themselves, in the per-scheme tests.

interface SchemeCase {
  readonly name: string;
  readonly config: VerifierConfig;
  /** Two secrets of a rotation set, and one outside it. */
  readonly secrets: readonly [string, string, string];
  /** Every header the verifier needs, lower-cased. */
  readonly requiredHeaders: readonly string[];
  /** Tolerance in seconds when the scheme signs a timestamp; absent when it does not. */
  readonly toleranceSeconds?: number;
}

const whsec = (fill: number) => `whsec_${Buffer.alloc(24, fill).toString('base64')}`;
const plainSecrets = ['first-secret', 'second-secret', 'outsider-secret'] as const;

const schemeCases: readonly SchemeCase[] = [
  {
    name: 'github',
    config: { scheme: 'github' },
    secrets: plainSecrets,
    requiredHeaders: ['x-hub-signature-256'],
  },
  {
    name: 'stripe',
    config: { scheme: 'stripe' },
    secrets: ['whsec_first', 'whsec_second', 'whsec_outsider'],
    requiredHeaders: ['stripe-signature'],
    toleranceSeconds: 300,
  },
  {
    name: 'shopify',
    config: { scheme: 'shopify' },
    secrets: plainSecrets,
    requiredHeaders: ['x-shopify-hmac-sha256'],
  },
  {
    name: 'slack',
    config: { scheme: 'slack', toleranceSeconds: 120 },
    secrets: plainSecrets,
    requiredHeaders: ['x-slack-signature', 'x-slack-request-timestamp'],
    toleranceSeconds: 120,
  },
  {
    name: 'standard-webhooks',
    config: { scheme: 'standard-webhooks' },
    secrets: [whsec(1), whsec(2), whsec(3)],
    requiredHeaders: ['webhook-id', 'webhook-timestamp', 'webhook-signature'],
    toleranceSeconds: 300,
  },
  {
    name: 'generic-hmac, body only',
    config: {
      scheme: 'generic-hmac',
      signatureHeaderName: 'x-signature',
      algorithm: 'sha1',
      encoding: 'base64',
      signaturePrefix: 'sha1=',
    },
    secrets: plainSecrets,
    requiredHeaders: ['x-signature'],
  },
  {
    name: 'generic-hmac, timestamped',
    config: {
      scheme: 'generic-hmac',
      signatureHeaderName: 'x-signature',
      algorithm: 'sha512',
      timestamp: { headerName: 'x-timestamp', toleranceSeconds: 60 },
    },
    secrets: plainSecrets,
    requiredHeaders: ['x-signature', 'x-timestamp'],
    toleranceSeconds: 60,
  },
];

const nowMs = 1_750_000_000_000;
const body = Buffer.from('{"id":"evt_1","type":"thing.happened","data":{"n":42}}');

function rotation(schemeCase: SchemeCase, count = 2): RotationSet {
  const labels = ['current', 'next', 'other'];
  return schemeCase.secrets
    .slice(0, count)
    .map((value, index) => ({ label: labels[index] ?? 'x', value }));
}

function signedHeaders(schemeCase: SchemeCase, secretIndex: number, signedAtMs = nowMs) {
  const secret = schemeCase.secrets[secretIndex] ?? '';
  return sign(schemeCase.config, secret, body, signedAtMs, { deliveryId: 'delivery-1' });
}

function verify(schemeCase: SchemeCase, headers: RequestHeaders, overrides = {}) {
  const verifier = createVerifier(schemeCase.config);
  return verifier.verify({
    rawBody: body,
    headers,
    secrets: rotation(schemeCase),
    nowMs,
    ...overrides,
  });
}

function without(headers: RequestHeaders, name: string): RequestHeaders {
  const { [name]: _, ...rest } = headers;
  return rest;
}

for (const schemeCase of schemeCases) {
  describe(`${schemeCase.name} verifier`, () => {
    it('accepts a delivery signed with the first secret and says which secret matched', () => {
      const result = verify(schemeCase, signedHeaders(schemeCase, 0));

      assert.equal(result.ok, true);
      assert.ok(result.ok);
      assert.equal(result.scheme, schemeCase.config.scheme);
      assert.equal(result.secretIndex, 0);
      assert.equal(result.secretLabel, 'current');
      assert.equal(result.timestampChecked, schemeCase.toleranceSeconds !== undefined);
      if (schemeCase.toleranceSeconds !== undefined) {
        assert.equal(result.timestampMs, nowMs);
      }
    });

    it('when the second secret of the rotation set signed, accepts with secret index 1', () => {
      const result = verify(schemeCase, signedHeaders(schemeCase, 1));

      assert.deepEqual(result.ok && { index: result.secretIndex, label: result.secretLabel }, {
        index: 1,
        label: 'next',
      });
    });

    it('when a secret outside the rotation set signed, refuses with no_matching_signature', () => {
      const result = verify(schemeCase, signedHeaders(schemeCase, 2));

      assert.deepEqual(result, { ok: false, reason: 'no_matching_signature' });
    });

    it('when one byte of the body changed, refuses with no_matching_signature', () => {
      const tampered = Buffer.from(body);
      tampered[10] = (tampered[10] ?? 0) ^ 0x01;

      const result = verify(schemeCase, signedHeaders(schemeCase, 0), { rawBody: tampered });

      assert.deepEqual(result, { ok: false, reason: 'no_matching_signature' });
    });

    it('when the body gained one trailing byte, refuses with no_matching_signature', () => {
      const longer = Buffer.concat([body, Buffer.from('\n')]);

      const result = verify(schemeCase, signedHeaders(schemeCase, 0), { rawBody: longer });

      assert.deepEqual(result, { ok: false, reason: 'no_matching_signature' });
    });

    it('verifies a body that is not valid UTF-8 over its exact bytes, not a decoded copy', () => {
      const binary = Buffer.from([0xff, 0xfe, 0x00, 0x80, 0x7b, 0x0d, 0x0a]);
      const secret = schemeCase.secrets[0];
      const headers = sign(schemeCase.config, secret, binary, nowMs, { deliveryId: 'delivery-1' });

      const exact = verify(schemeCase, headers, { rawBody: binary });
      const decoded = verify(schemeCase, headers, {
        rawBody: Buffer.from(binary.toString('utf8')),
      });

      assert.equal(exact.ok, true);
      assert.deepEqual(decoded, { ok: false, reason: 'no_matching_signature' });
    });

    it('when the rotation set is empty, refuses with no_secrets', () => {
      const result = verify(schemeCase, signedHeaders(schemeCase, 0), { secrets: [] });

      assert.deepEqual(result, { ok: false, reason: 'no_secrets' });
    });

    it('when a secret of the set is unusable, refuses with unusable_secret', () => {
      const secrets = [...rotation(schemeCase), { label: 'broken', value: '' }];

      const result = verify(schemeCase, signedHeaders(schemeCase, 0), { secrets });

      assert.deepEqual(result, { ok: false, reason: 'unusable_secret' });
      assert.deepEqual(createVerifier(schemeCase.config).checkSecrets(secrets), result);
      assert.deepEqual(createVerifier(schemeCase.config).checkSecrets(rotation(schemeCase)), {
        ok: true,
      });
    });

    for (const name of schemeCase.requiredHeaders) {
      it(`when ${name} is missing, refuses with missing_header naming it`, () => {
        const result = verify(schemeCase, without(signedHeaders(schemeCase, 0), name));

        assert.deepEqual(result, { ok: false, reason: 'missing_header', header: name });
      });

      const malformedValues: readonly [string, string | readonly string[]][] = [
        ['empty', ''],
        ['sent twice', ['a', 'b']],
        ['longer than the 4096-character cap', 'a'.repeat(5000)],
        ['garbage', '\u0000%%%not a value%%%'],
      ];
      // A message id is free text covered by the MAC, so garbage there is a signature mismatch
      // (tested beside the Standard Webhooks verifier), not a parse error.
      const applicable = name.endsWith('-id')
        ? malformedValues.filter(([label]) => label !== 'garbage')
        : malformedValues;
      for (const [label, value] of applicable) {
        it(`when ${name} is ${label}, refuses with malformed_header naming it`, () => {
          const headers = { ...signedHeaders(schemeCase, 0), [name]: value };

          const result = verify(schemeCase, headers);

          assert.deepEqual(result, { ok: false, reason: 'malformed_header', header: name });
        });
      }
    }

    it('when every header is random junk, answers a failure instead of throwing', () => {
      for (let round = 0; round < 200; round += 1) {
        const headers = Object.fromEntries(
          schemeCase.requiredHeaders.map((name) => [name, junk(round)]),
        );

        const result = verify(schemeCase, headers);

        assert.equal(result.ok, false, `round ${round}`);
      }
    });

    const tolerance = schemeCase.toleranceSeconds;
    if (tolerance === undefined) {
      return;
    }
    const edgeCases = [
      { label: `${tolerance} s old`, offsetSeconds: -tolerance, reason: undefined },
      { label: `${tolerance} s ahead`, offsetSeconds: tolerance, reason: undefined },
      {
        label: `${tolerance + 1} s old`,
        offsetSeconds: -(tolerance + 1),
        reason: 'stale_timestamp',
      },
      {
        label: `${tolerance + 1} s ahead`,
        offsetSeconds: tolerance + 1,
        reason: 'future_timestamp',
      },
      { label: 'a day old', offsetSeconds: -86_400, reason: 'stale_timestamp' },
    ] as const;
    for (const { label, offsetSeconds, reason } of edgeCases) {
      it(`when the signed timestamp is ${label}, ${reason ?? 'accepts'}`, () => {
        const headers = signedHeaders(schemeCase, 0, nowMs + offsetSeconds * 1000);

        const result = verify(schemeCase, headers);

        assert.equal(result.ok ? 'accepted' : result.reason, reason ?? 'accepted');
      });
    }

    it('when the clock gives NaN, refuses with invalid_clock instead of skipping the window', () => {
      const result = verify(schemeCase, signedHeaders(schemeCase, 0), { nowMs: Number.NaN });

      assert.deepEqual(result, { ok: false, reason: 'invalid_clock' });
    });
  });
}

/** Deterministic junk of varied shapes: separators, unicode, digits, long runs. */
function junk(seed: number): string {
  const alphabet = ['=', ',', ' ', 'v1', 'v0', 't', 'sha256', '0', 'f', 'Z', '+', '/', 'é', '\t'];
  let value = '';
  let state = seed * 2_654_435_761;
  const length = (seed * 7) % 90;
  for (let index = 0; index < length; index += 1) {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    value += alphabet[state % alphabet.length];
  }
  return value;
}
