import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseRotationSet } from './rotation-secrets.ts';
import { VerifierError } from './verifier-error.ts';

describe('rotation set parsing', () => {
  it('returns a frozen copy of a valid set, in order', () => {
    const input = [
      { label: 'old', value: 'a' },
      { label: 'new', value: 'b' },
    ];

    const set = parseRotationSet(input);

    assert.deepEqual(set, input);
    assert.equal(Object.isFrozen(set), true);
    assert.equal(Object.isFrozen(set[0]), true);
  });

  const invalid = [
    { label: 'an empty set', input: [] },
    { label: 'not a list', input: { label: 'a', value: 'b' } },
    { label: 'an empty label', input: [{ label: '', value: 'b' }] },
    { label: 'an empty value', input: [{ label: 'a', value: '' }] },
    { label: 'an unknown field', input: [{ label: 'a', value: 'b', extra: 1 }] },
    {
      label: 'a repeated label',
      input: [
        { label: 'a', value: 'b' },
        { label: 'a', value: 'c' },
      ],
    },
  ];
  for (const { label, input } of invalid) {
    it(`refuses ${label} with invalid_options`, () => {
      assert.throws(
        () => parseRotationSet(input),
        (error: unknown) =>
          error instanceof VerifierError && error.code === 'invalid_options' && !error.retriable,
      );
    });
  }

  it('does not put secret values in the error it throws', () => {
    try {
      parseRotationSet([{ label: 'a', value: 'top-secret-value', extra: true }]);
      assert.fail('expected a VerifierError');
    } catch (error: unknown) {
      assert.ok(error instanceof VerifierError);
      assert.doesNotMatch(JSON.stringify(error), /top-secret-value/);
    }
  });
});
