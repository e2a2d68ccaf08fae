import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { sign } from '@tributary/ingress';
import { ensureDevSecrets } from './ensure-dev-secrets.ts';

const tempFile = () =>
  join(mkdtempSync(join(tmpdir(), 'dev-secrets-')), 'nested', 'dev-secrets.env');

describe('ensureDevSecrets', () => {
  it('on first use creates the file, owner-only, with a secret per source', () => {
    const file = tempFile();
    const result = ensureDevSecrets(file, ['github', 'standard']);

    assert.deepEqual(result.created, ['TRIBUTARY_SECRET_GITHUB', 'TRIBUTARY_SECRET_STANDARD']);
    assert.match(result.variables.get('TRIBUTARY_SECRET_GITHUB') ?? '', /^[0-9a-f]{64}$/);
    assert.match(
      result.variables.get('TRIBUTARY_SECRET_STANDARD') ?? '',
      /^whsec_[A-Za-z0-9+/]{43}=$/,
    );
    assert.equal(statSync(file).mode & 0o777, 0o600);
    const standard = result.variables.get('TRIBUTARY_SECRET_STANDARD') ?? '';
    const signed = sign({ scheme: 'standard-webhooks' }, standard, Buffer.from('{}'), 0, {
      deliveryId: 'msg_1',
    });
    assert.match(signed['webhook-signature'] ?? '', /^v1,/);
  });

  it('run again, changes nothing', () => {
    const file = tempFile();
    ensureDevSecrets(file, ['github', 'stripe']);
    const before = readFileSync(file, 'utf8');

    const again = ensureDevSecrets(file, ['github', 'stripe']);

    assert.deepEqual(again.created, []);
    assert.equal(readFileSync(file, 'utf8'), before);
  });

  it('keeps hand-written lines and adds only the missing sources', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'dev-secrets-')), 'dev-secrets.env');
    writeFileSync(file, '# mine\nTRIBUTARY_SECRET_GITHUB=kept-as-is');

    const result = ensureDevSecrets(file, ['github', 'shopify']);

    assert.deepEqual(result.created, ['TRIBUTARY_SECRET_SHOPIFY']);
    assert.equal(result.variables.get('TRIBUTARY_SECRET_GITHUB'), 'kept-as-is');
    assert.match(
      readFileSync(file, 'utf8'),
      /^# mine\nTRIBUTARY_SECRET_GITHUB=kept-as-is\nTRIBUTARY_SECRET_SHOPIFY=/,
    );
  });
});
