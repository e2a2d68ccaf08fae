import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  isVerificationFailure,
  VerificationFailureReason,
  verificationFailure,
  verificationFailureOrigins,
  verificationSuccess,
} from './verification-result.ts';

describe('verification results', () => {
  it('gives every failure code an origin, and no origin to a code outside the set', () => {
    const codes = Object.values(VerificationFailureReason).sort();

    assert.deepEqual(Object.keys(verificationFailureOrigins).sort(), codes);
  });

  it('keeps failure codes distinct and snake_case', () => {
    const codes = Object.values(VerificationFailureReason);

    assert.equal(new Set(codes).size, codes.length);
    for (const code of codes) {
      assert.match(code, /^[a-z]+(_[a-z]+)*$/);
    }
  });

  it('blames the request for signature problems and the configuration for secret and clock ones', () => {
    const configuration = Object.entries(verificationFailureOrigins)
      .filter(([, origin]) => origin === 'configuration')
      .map(([code]) => code)
      .sort();

    assert.deepEqual(configuration, ['invalid_clock', 'no_secrets', 'unusable_secret']);
  });

  it('builds frozen failures, naming the header only when given', () => {
    const withHeader = verificationFailure('malformed_header', 'x-sig');
    const without = verificationFailure('no_secrets');

    assert.deepEqual(withHeader, { ok: false, reason: 'malformed_header', header: 'x-sig' });
    assert.deepEqual(without, { ok: false, reason: 'no_secrets' });
    assert.equal(Object.isFrozen(withHeader), true);
  });

  it('marks a success as timestamp-checked exactly when it carries a timestamp', () => {
    const base = { scheme: 'slack', secretIndex: 1, secretLabel: 'next' } as const;

    const checked = verificationSuccess({ ...base, timestampMs: 5000, deliveryId: undefined });
    const unchecked = verificationSuccess(base);

    assert.deepEqual(checked, { ok: true, ...base, timestampChecked: true, timestampMs: 5000 });
    assert.deepEqual(unchecked, { ok: true, ...base, timestampChecked: false });
    assert.equal(Object.isFrozen(checked), true);
  });

  const guardCases = [
    { label: 'a failure', value: verificationFailure('no_secrets'), expected: true },
    { label: 'a success', value: { ok: true }, expected: false },
    { label: 'a Buffer', value: Buffer.alloc(32), expected: false },
    { label: 'an array', value: [Buffer.alloc(32)], expected: false },
    { label: 'null', value: null, expected: false },
  ];
  for (const { label, value, expected } of guardCases) {
    it(`tells ${label} ${expected ? 'is' : 'is not'} a failure`, () => {
      assert.equal(isVerificationFailure(value), expected);
    });
  }
});
