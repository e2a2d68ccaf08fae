// biome-ignore-all lint/suspicious/noTemplateCurlyInString: signed-content templates are written with literal ${...} placeholders on purpose.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { VerifierConfig } from './create-verifier.ts';
import { createVerifier } from './create-verifier.ts';
import { schemeNames } from './scheme-names.ts';
import { VerifierError } from './verifier-error.ts';

const minimalConfigs: Record<(typeof schemeNames)[number], VerifierConfig> = {
  github: { scheme: 'github' },
  stripe: { scheme: 'stripe' },
  shopify: { scheme: 'shopify' },
  slack: { scheme: 'slack' },
  'standard-webhooks': { scheme: 'standard-webhooks' },
  'generic-hmac': { scheme: 'generic-hmac', signatureHeaderName: 'x-signature' },
};

function isVerifierError(code: string) {
  return (error: unknown) =>
    error instanceof VerifierError && error.code === code && error.retriable === false;
}

describe('createVerifier', () => {
  for (const scheme of schemeNames) {
    it(`builds a frozen ${scheme} verifier from its name and default options`, () => {
      const verifier = createVerifier(minimalConfigs[scheme]);

      assert.equal(verifier.scheme, scheme);
      assert.equal(Object.isFrozen(verifier), true);
    });
  }

  it('when the scheme is unknown, throws unknown_scheme', () => {
    const config = { scheme: 'gitlab' } as unknown as VerifierConfig;

    assert.throws(() => createVerifier(config), isVerifierError('unknown_scheme'));
  });

  it('when the config is not an object, throws unknown_scheme', () => {
    assert.throws(
      () => createVerifier(undefined as unknown as VerifierConfig),
      isVerifierError('unknown_scheme'),
    );
  });

  const invalidConfigs = [
    {
      label: 'an upper-case header name',
      config: { scheme: 'github', signatureHeaderName: 'X-Sig' },
    },
    {
      label: 'a header name with a space',
      config: { scheme: 'shopify', signatureHeaderName: 'x sig' },
    },
    { label: 'a zero tolerance', config: { scheme: 'stripe', toleranceSeconds: 0 } },
    { label: 'a fractional tolerance', config: { scheme: 'slack', toleranceSeconds: 1.5 } },
    { label: 'a tolerance over a day', config: { scheme: 'slack', toleranceSeconds: 86_401 } },
    { label: 'a misspelt option', config: { scheme: 'stripe', toleranceSecs: 10 } },
    { label: 'no header prefixes', config: { scheme: 'standard-webhooks', headerPrefixes: [] } },
    { label: 'generic without a header name', config: { scheme: 'generic-hmac' } },
    {
      label: 'generic with md5',
      config: { scheme: 'generic-hmac', signatureHeaderName: 'x-sig', algorithm: 'md5' },
    },
    {
      label: 'generic with base32',
      config: { scheme: 'generic-hmac', signatureHeaderName: 'x-sig', encoding: 'base32' },
    },
    {
      label: 'a template without the body',
      config: {
        scheme: 'generic-hmac',
        signatureHeaderName: 'x-sig',
        timestamp: { headerName: 'x-ts', signedContentTemplate: '${timestamp}' },
      },
    },
    {
      label: 'a template with the body twice',
      config: {
        scheme: 'generic-hmac',
        signatureHeaderName: 'x-sig',
        timestamp: { headerName: 'x-ts', signedContentTemplate: '${timestamp}${body}${body}' },
      },
    },
    {
      label: 'a template with an unknown placeholder',
      config: {
        scheme: 'generic-hmac',
        signatureHeaderName: 'x-sig',
        timestamp: { headerName: 'x-ts', signedContentTemplate: '${id}.${timestamp}.${body}' },
      },
    },
    {
      label: 'a timestamp without its header name',
      config: { scheme: 'generic-hmac', signatureHeaderName: 'x-sig', timestamp: {} },
    },
  ];
  for (const { label, config } of invalidConfigs) {
    it(`when given ${label}, throws invalid_options`, () => {
      assert.throws(
        () => createVerifier(config as unknown as VerifierConfig),
        isVerifierError('invalid_options'),
      );
    });
  }

  it('explains invalid options in its issues and its JSON form', () => {
    try {
      createVerifier({ scheme: 'stripe', toleranceSeconds: 0 });
      assert.fail('expected a VerifierError');
    } catch (error: unknown) {
      assert.ok(error instanceof VerifierError);
      assert.match(error.issues ?? '', /toleranceSeconds/);
      assert.deepEqual(Object.keys(error.toJSON()).sort(), [
        'code',
        'issues',
        'message',
        'name',
        'retriable',
      ]);
    }
  });

  it('does not let a caller change options after validation', () => {
    const options = { signatureHeaderName: 'x-sig', timestamp: { headerName: 'x-ts' } };
    const verifier = createVerifier({ scheme: 'generic-hmac', ...options });

    options.timestamp.headerName = 'x-other';
    const result = verifier.verify({
      rawBody: Buffer.from('x'),
      headers: { 'x-sig': 'ab'.repeat(32) },
      secrets: [{ label: 'a', value: 'b' }],
      nowMs: 0,
    });

    assert.deepEqual(result, { ok: false, reason: 'missing_header', header: 'x-ts' });
  });
});
