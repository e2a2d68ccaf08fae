import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createSlackVerifier } from './slack-verifier.ts';

// The example from Slack's "Verifying requests from Slack" guide, byte for byte.
const slackExample = {
  secret: '8f742231b10e8888abcd99yyyzzz85a5',
  timestamp: '1531420618',
  signature: 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503',
  body:
    'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V' +
    '&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=' +
    '&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibI' +
    'GlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c',
};
const timestampMs = Number(slackExample.timestamp) * 1000;
const verifier = createSlackVerifier();

function verifyWith(overrides: Record<string, string> = {}, nowMs = timestampMs) {
  const headers = {
    'x-slack-signature': slackExample.signature,
    'x-slack-request-timestamp': slackExample.timestamp,
    ...overrides,
  };
  const secrets = [{ label: 'signing', value: slackExample.secret }];
  return verifier.verify({ rawBody: Buffer.from(slackExample.body), headers, secrets, nowMs });
}

describe('slack verifier', () => {
  it('has the documented 362-byte example body', () => {
    assert.equal(Buffer.byteLength(slackExample.body), 362);
  });

  it("accepts Slack's documented example with the clock at its timestamp", () => {
    assert.deepEqual(verifyWith(), {
      ok: true,
      scheme: 'slack',
      secretIndex: 0,
      secretLabel: 'signing',
      timestampChecked: true,
      timestampMs,
    });
  });

  const clockCases = [
    { label: '300 s after', nowMs: timestampMs + 300_000, expected: 'accepted' },
    { label: '300 s before', nowMs: timestampMs - 300_000, expected: 'accepted' },
    { label: '301 s after', nowMs: timestampMs + 301_000, expected: 'stale_timestamp' },
    { label: '301 s before', nowMs: timestampMs - 301_000, expected: 'future_timestamp' },
    {
      label: '300.999 s after (whole seconds count)',
      nowMs: timestampMs + 300_999,
      expected: 'accepted',
    },
  ];
  for (const { label, nowMs, expected } of clockCases) {
    it(`with the clock ${label} the example timestamp, answers ${expected}`, () => {
      const result = verifyWith({}, nowMs);

      assert.equal(result.ok ? 'accepted' : result.reason, expected);
    });
  }

  const digest = slackExample.signature.slice(3);
  const signatureCases = [
    { label: 'garbage', value: 'garbage', reason: 'malformed_header' },
    { label: 'a colon separator', value: `v0:${digest}`, reason: 'malformed_header' },
    { label: 'without version', value: digest, reason: 'malformed_header' },
    { label: 'an odd-length digest', value: `v0=${digest.slice(1)}`, reason: 'malformed_header' },
    { label: 'a short digest', value: `v0=${digest.slice(2)}`, reason: 'malformed_header' },
    { label: 'non-hex', value: `v0=${'x'.repeat(64)}`, reason: 'malformed_header' },
    { label: 'huge', value: `v0=${'a'.repeat(4094)}`, reason: 'malformed_header' },
    { label: 'version v1', value: `v1=${digest}`, reason: 'unsupported_algorithm' },
  ];
  for (const { label, value, reason } of signatureCases) {
    it(`when the signature is ${label}, refuses with ${reason}`, () => {
      const result = verifyWith({ 'x-slack-signature': value });

      assert.deepEqual(result, { ok: false, reason, header: 'x-slack-signature' });
    });
  }

  const timestampCases = [
    { label: 'not a number', value: 'yesterday' },
    { label: 'negative', value: '-1531420618' },
    { label: 'in exponent notation', value: '1.531420618e9' },
    { label: 'with trailing junk', value: `${slackExample.timestamp}abc` },
    { label: 'padded with a space', value: ` ${slackExample.timestamp}` },
    { label: 'longer than 12 digits', value: '1531420618000' },
  ];
  for (const { label, value } of timestampCases) {
    it(`when the timestamp is ${label}, refuses with malformed_header`, () => {
      const result = verifyWith({ 'x-slack-request-timestamp': value });

      assert.deepEqual(result, {
        ok: false,
        reason: 'malformed_header',
        header: 'x-slack-request-timestamp',
      });
    });
  }

  it('when the timestamp header is changed by a second, refuses with no_matching_signature', () => {
    const shifted = String(Number(slackExample.timestamp) + 1);

    const result = verifyWith({ 'x-slack-request-timestamp': shifted });

    assert.deepEqual(result, { ok: false, reason: 'no_matching_signature' });
  });
});
