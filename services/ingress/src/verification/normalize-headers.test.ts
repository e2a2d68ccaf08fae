import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createVerifier } from './create-verifier.ts';
import { normalizeHeaders } from './normalize-headers.ts';
import { sign } from './signers/sign.ts';

const secrets = [{ label: 'current', value: 'secret' }];
const body = Buffer.from('{"ok":true}');
const nowMs = 1_700_000_000_000;

describe('header normalisation', () => {
  it('lower-cases names and keeps values', () => {
    const headers = normalizeHeaders({ 'X-Hub-Signature-256': 'sha256=ab', 'Content-Length': 10 });

    assert.deepEqual(headers, { 'x-hub-signature-256': 'sha256=ab', 'content-length': '10' });
  });

  it('reads a fetch-style Headers object', () => {
    const headers = normalizeHeaders(new Headers({ 'X-Slack-Signature': 'v0=ab' }));

    assert.deepEqual(headers, { 'x-slack-signature': 'v0=ab' });
  });

  it('drops undefined values', () => {
    assert.deepEqual(normalizeHeaders({ 'X-A': undefined, 'X-B': 'b' }), { 'x-b': 'b' });
  });

  it('keeps both values when two names differ only in case', () => {
    const headers = normalizeHeaders({ 'X-Sig': 'one', 'x-sig': 'two' });

    assert.deepEqual(headers, { 'x-sig': ['one', 'two'] });
  });

  it('lets a verifier accept a delivery whose headers arrived in odd casing', () => {
    const signed = sign('slack', 'secret', body, nowMs);
    const oddlyCased = Object.fromEntries(
      Object.entries(signed).map(([name, value]) => [name.toUpperCase(), value]),
    );
    const verifier = createVerifier({ scheme: 'slack' });

    const raw = verifier.verify({ rawBody: body, headers: oddlyCased, secrets, nowMs });
    const normalized = verifier.verify({
      rawBody: body,
      headers: normalizeHeaders(oddlyCased),
      secrets,
      nowMs,
    });

    assert.deepEqual(raw, { ok: false, reason: 'missing_header', header: 'x-slack-signature' });
    assert.equal(normalized.ok, true);
  });

  it('when a signature header collides across casings, the verifier refuses it as malformed', () => {
    const signed = sign('github', 'secret', body, nowMs);
    const headers = normalizeHeaders({
      ...signed,
      'X-Hub-Signature-256': signed['x-hub-signature-256'] ?? '',
    });

    const result = createVerifier({ scheme: 'github' }).verify({
      rawBody: body,
      headers,
      secrets,
      nowMs,
    });

    assert.deepEqual(result, {
      ok: false,
      reason: 'malformed_header',
      header: 'x-hub-signature-256',
    });
  });
});
