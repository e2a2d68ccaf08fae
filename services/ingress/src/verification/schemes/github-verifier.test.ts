import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sign as octokitSign, verify as octokitVerify } from '@octokit/webhooks-methods';
import { sign } from '../signers/sign.ts';
import { createGitHubVerifier } from './github-verifier.ts';

const verifier = createGitHubVerifier();
const secrets = [{ label: 'current', value: "It's a Secret to Everybody" }];
const nowMs = Date.UTC(2025, 0, 1);

function verifyWith(headers: Record<string, string | string[]>, body = 'Hello, World!') {
  return verifier.verify({ rawBody: Buffer.from(body), headers, secrets, nowMs });
}

const validHex = '757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17';

describe('github verifier', () => {
  it("accepts GitHub's documented example delivery", () => {
    const result = verifyWith({ 'x-hub-signature-256': `sha256=${validHex}` });

    assert.deepEqual(result, {
      ok: true,
      scheme: 'github',
      secretIndex: 0,
      secretLabel: 'current',
      timestampChecked: false,
    });
  });

  it('reads the delivery id from x-github-delivery', () => {
    const result = verifyWith({
      'x-hub-signature-256': `sha256=${validHex}`,
      'x-github-delivery': '72d3162e-cc78-11e3-81ab-4c9367dc0958',
    });

    assert.equal(result.ok && result.deliveryId, '72d3162e-cc78-11e3-81ab-4c9367dc0958');
  });

  it('accepts the signature written in upper-case hex', () => {
    const result = verifyWith({ 'x-hub-signature-256': `sha256=${validHex.toUpperCase()}` });

    assert.equal(result.ok, true);
  });

  // @octokit/webhooks-methods refuses an empty payload, so none is among these.
  const bodies = ['{"action":"opened","number":1}', 'ünïcödé ✓', 'a\r\nb\n', '{"a":"\\u0000"}'];
  for (const body of bodies) {
    it(`accepts what @octokit/webhooks-methods signs, body ${JSON.stringify(body)}`, async () => {
      const header = await octokitSign(secrets[0]?.value ?? '', body);

      const result = verifyWith({ 'x-hub-signature-256': header }, body);

      assert.equal(result.ok, true);
    });

    it(`signs what @octokit/webhooks-methods verifies, body ${JSON.stringify(body)}`, async () => {
      const headers = sign('github', secrets[0]?.value ?? '', body, nowMs);

      const header = headers['x-hub-signature-256'] ?? '';
      assert.equal(await octokitVerify(secrets[0]?.value ?? '', body, header), true);
      assert.equal(await octokitVerify('another secret', body, header), false);
    });
  }

  const malformed = [
    { label: 'garbage', value: 'garbage' },
    { label: 'a bare hex digest without prefix', value: validHex },
    { label: 'the prefix only', value: 'sha256=' },
    { label: 'a colon instead of "="', value: `sha256:${validHex}` },
    { label: 'an upper-case algorithm', value: `SHA256=${validHex}` },
    { label: 'an odd-length digest', value: `sha256=${validHex.slice(1)}` },
    { label: 'a digest one byte short', value: `sha256=${validHex.slice(2)}` },
    { label: 'a digest one byte long', value: `sha256=${validHex}00` },
    { label: 'non-hex characters', value: `sha256=${'zz'.repeat(32)}` },
    { label: 'whitespace inside', value: `sha256= ${validHex}` },
    { label: 'two signatures joined', value: `sha256=${validHex}, sha256=${validHex}` },
    { label: 'huge', value: `sha256=${'ab'.repeat(3000)}` },
  ];
  for (const { label, value } of malformed) {
    it(`when the signature header is ${label}, refuses with malformed_header`, () => {
      const result = verifyWith({ 'x-hub-signature-256': value });

      assert.deepEqual(result, {
        ok: false,
        reason: 'malformed_header',
        header: 'x-hub-signature-256',
      });
    });
  }

  const otherAlgorithms = [
    { label: 'sha1', value: 'sha1=0a4d55a8d778e5022fab701977c5d840bbc486d0' },
    { label: 'sha512', value: `sha512=${'ab'.repeat(64)}` },
  ];
  for (const { label, value } of otherAlgorithms) {
    it(`when the header names ${label}, refuses with unsupported_algorithm`, () => {
      const result = verifyWith({ 'x-hub-signature-256': value });

      assert.deepEqual(result, {
        ok: false,
        reason: 'unsupported_algorithm',
        header: 'x-hub-signature-256',
      });
    });
  }

  it('when only the legacy sha1 header is sent, refuses with missing_header', () => {
    const result = verifyWith({
      'x-hub-signature': 'sha1=0a4d55a8d778e5022fab701977c5d840bbc486d0',
    });

    assert.deepEqual(result, {
      ok: false,
      reason: 'missing_header',
      header: 'x-hub-signature-256',
    });
  });
});
