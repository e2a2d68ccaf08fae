// biome-ignore-all lint/suspicious/noTemplateCurlyInString: signed-content templates are written with literal ${...} placeholders on purpose.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { GenericHmacOptions } from './generic-hmac-options.ts';
import { createGenericHmacVerifier } from './generic-hmac-verifier.ts';

// Vectors computed with OpenSSL, independently of our code, e.g.
//   printf '%s' ping | openssl dgst -sha512 -hmac generic-secret -binary | base64
const secret = 'generic-secret';
const nowMs = 1_700_000_000_000;

const vectorCases: readonly {
  label: string;
  options: GenericHmacOptions;
  headers: Record<string, string>;
  body: string;
}[] = [
  {
    label: 'sha1, hex',
    options: { signatureHeaderName: 'x-sig', algorithm: 'sha1' },
    headers: { 'x-sig': '462ba02bcb14a27197983f1e7201238ed609ac09' },
    body: 'ping',
  },
  {
    label: 'sha1, base64',
    options: { signatureHeaderName: 'x-sig', algorithm: 'sha1', encoding: 'base64' },
    headers: { 'x-sig': 'RiugK8sUonGXmD8ecgEjjtYJrAk=' },
    body: 'ping',
  },
  {
    label: 'sha256, hex, with a sha256= prefix',
    options: { signatureHeaderName: 'x-sig', signaturePrefix: 'sha256=' },
    headers: { 'x-sig': 'sha256=ba477d1405eba228e870b01c708094877d4daac39640fa676a05b5490912d59f' },
    body: 'ping',
  },
  {
    label: 'sha256, base64',
    options: { signatureHeaderName: 'x-sig', encoding: 'base64' },
    headers: { 'x-sig': 'ukd9FAXroijocLAccICUh31NqsOWQPpnagW1SQkS1Z8=' },
    body: 'ping',
  },
  {
    label: 'sha512, hex',
    options: { signatureHeaderName: 'x-sig', algorithm: 'sha512' },
    headers: {
      'x-sig':
        '7917fd96855b2c0b4e04976b907c9d4bf86e28cd7969d491c05e42c52b59a59b' +
        'b1dc20ee2a6faead345f6b7140bdd8e97c78a0587d4b45cf800cdf6fdf0a2650',
    },
    body: 'ping',
  },
  {
    label: 'sha256, hex, over the default ${timestamp}.${body}',
    options: { signatureHeaderName: 'x-sig', timestamp: { headerName: 'x-ts' } },
    headers: {
      'x-sig': 'fed30c042e74b6a1dd92164bacd0c927e2cc1a967658c38051d73900e3f9f2ad',
      'x-ts': '1700000000',
    },
    body: 'ping',
  },
  {
    label: 'sha512, base64, over ${body}|${timestamp}',
    options: {
      signatureHeaderName: 'x-sig',
      algorithm: 'sha512',
      encoding: 'base64',
      timestamp: { headerName: 'x-ts', signedContentTemplate: '${body}|${timestamp}' },
    },
    headers: {
      'x-sig':
        'XXcXc6lB4vb/rraA+Gca/LalR6Q7FeHGvR/1yp/nyV+5SYDvtKOv4EKt3yRFKS/HgZbNZmyYg9kUSEYTDGubaw==',
      'x-ts': '1700000000',
    },
    body: 'ping',
  },
];

describe('generic hmac verifier', () => {
  for (const { label, options, headers, body } of vectorCases) {
    it(`accepts an OpenSSL-computed signature: ${label}`, () => {
      const verifier = createGenericHmacVerifier(options);

      const result = verifier.verify({
        rawBody: Buffer.from(body),
        headers,
        secrets: [{ label: 'only', value: secret }],
        nowMs,
      });

      assert.equal(result.ok, true);
      assert.equal(result.ok && result.timestampChecked, options.timestamp !== undefined);
    });
  }

  it("configured like Slack, accepts Slack's documented example", () => {
    const verifier = createGenericHmacVerifier({
      signatureHeaderName: 'x-slack-signature',
      signaturePrefix: 'v0=',
      timestamp: {
        headerName: 'x-slack-request-timestamp',
        signedContentTemplate: 'v0:${timestamp}:${body}',
      },
    });
    const body =
      'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V' +
      '&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=' +
      '&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibI' +
      'GlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';

    const result = verifier.verify({
      rawBody: Buffer.from(body),
      headers: {
        'x-slack-signature': 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503',
        'x-slack-request-timestamp': '1531420618',
      },
      secrets: [{ label: 'slack', value: '8f742231b10e8888abcd99yyyzzz85a5' }],
      nowMs: 1_531_420_618_000,
    });

    assert.equal(result.ok && result.timestampMs, 1_531_420_618_000);
  });

  it('reads a delivery id from the configured header', () => {
    const verifier = createGenericHmacVerifier({
      signatureHeaderName: 'x-sig',
      algorithm: 'sha1',
      deliveryIdHeaderName: 'x-delivery',
    });

    const result = verifier.verify({
      rawBody: Buffer.from('ping'),
      headers: { 'x-sig': '462ba02bcb14a27197983f1e7201238ed609ac09', 'x-delivery': 'd-1' },
      secrets: [{ label: 'only', value: secret }],
      nowMs,
    });

    assert.equal(result.ok && result.deliveryId, 'd-1');
  });

  const sha256Hex = 'ba477d1405eba228e870b01c708094877d4daac39640fa676a05b5490912d59f';
  const malformedCases = [
    { label: 'missing its prefix', options: { signaturePrefix: 'sha256=' }, value: sha256Hex },
    {
      label: 'with the wrong prefix',
      options: { signaturePrefix: 'sha256=' },
      value: `sha1=${sha256Hex}`,
    },
    {
      label: 'base64 where hex is configured',
      options: {},
      value: 'ukd9FAXroijocLAccICUh31NqsOWQPpnagW1SQkS1Z8=',
    },
    { label: 'hex where base64 is configured', options: { encoding: 'base64' }, value: sha256Hex },
    {
      label: 'a sha1 digest where sha256 is configured',
      options: {},
      value: '462ba02bcb14a27197983f1e7201238ed609ac09',
    },
    { label: 'odd-length hex', options: {}, value: sha256Hex.slice(1) },
  ] as const;
  for (const { label, options, value } of malformedCases) {
    it(`when the signature is ${label}, refuses with malformed_header`, () => {
      const verifier = createGenericHmacVerifier({ signatureHeaderName: 'x-sig', ...options });

      const result = verifier.verify({
        rawBody: Buffer.from('ping'),
        headers: { 'x-sig': value },
        secrets: [{ label: 'only', value: secret }],
        nowMs,
      });

      assert.deepEqual(result, { ok: false, reason: 'malformed_header', header: 'x-sig' });
    });
  }
});
