import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { isCliError } from '../errors/cli-error.ts';
import type { SecretLookup } from './resolve-secret.ts';
import { resolveSecret, secretVariable } from './resolve-secret.ts';

const dir = mkdtempSync(join(tmpdir(), 'tributary-cli-secrets-'));
const devFile = join(dir, 'dev-secrets.env');
writeFileSync(
  devFile,
  'TRIBUTARY_SECRET_GITHUB=from-file\nTRIBUTARY_SECRET_STRIPE=file-1,file-2\n',
);
const missingFile = join(dir, 'absent.env');

describe('resolveSecret', () => {
  const cases: readonly [string, Partial<SecretLookup>, { value: string; from: string }][] = [
    [
      'the --secret flag wins over the environment and the file',
      { flag: 'from-flag', env: { TRIBUTARY_SECRET_GITHUB: 'from-env' } },
      { value: 'from-flag', from: 'flag' },
    ],
    [
      'the environment wins over the file',
      { env: { TRIBUTARY_SECRET_GITHUB: 'from-env' } },
      { value: 'from-env', from: 'env' },
    ],
    [
      'a comma-separated rotation list gives its first entry, trimmed',
      { env: { TRIBUTARY_SECRET_GITHUB: ' current , previous' } },
      { value: 'current', from: 'env' },
    ],
    [
      'a blank variable falls through to the file',
      { env: { TRIBUTARY_SECRET_GITHUB: '  ' } },
      { value: 'from-file', from: 'file' },
    ],
    [
      'without flag or variable, the dev secrets file is read',
      {},
      { value: 'from-file', from: 'file' },
    ],
  ];
  for (const [name, lookup, expected] of cases) {
    it(name, () => {
      const secret = resolveSecret('github', { env: {}, devSecretsFile: devFile, ...lookup });

      assert.deepEqual(secret, expected);
    });
  }

  it('takes the first entry of a rotation list in the file too', () => {
    assert.equal(resolveSecret('stripe', { env: {}, devSecretsFile: devFile }).value, 'file-1');
  });

  it('when nothing has a secret, throws secret_missing naming the variable to set', () => {
    assert.throws(
      () => resolveSecret('shopify', { env: {}, devSecretsFile: missingFile }),
      (error: unknown) =>
        isCliError(error, 'secret_missing') &&
        error.message.startsWith('no secret for shopify: set TRIBUTARY_SECRET_SHOPIFY') &&
        !error.message.includes('\n'),
    );
  });
});

describe('secretVariable', () => {
  it('upper-cases the source and turns dashes into underscores, as the ingress does', () => {
    assert.equal(secretVariable('my-shop'), 'TRIBUTARY_SECRET_MY_SHOP');
  });
});
