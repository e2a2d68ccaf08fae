import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { isIngressError } from '../errors/ingress-error.ts';
import { checkContentEncoding, type GzipPolicy, inflateGzip } from './content-encoding.ts';

describe('checkContentEncoding', () => {
  const cases: Array<{ header: string | undefined; policy: GzipPolicy; expected: string }> = [
    { header: undefined, policy: 'refuse', expected: 'identity' },
    { header: '', policy: 'refuse', expected: 'identity' },
    { header: 'Identity', policy: 'refuse', expected: 'identity' },
    { header: 'gzip', policy: 'refuse', expected: 'unsupported_content_encoding' },
    { header: 'GZIP', policy: 'verify-decoded', expected: 'gzip' },
    { header: 'x-gzip', policy: 'verify-encoded', expected: 'gzip' },
    { header: 'gzip, identity', policy: 'verify-decoded', expected: 'gzip' },
    { header: 'gzip, gzip', policy: 'verify-decoded', expected: 'unsupported_content_encoding' },
    { header: 'br', policy: 'verify-decoded', expected: 'unsupported_content_encoding' },
    { header: 'deflate', policy: 'verify-decoded', expected: 'unsupported_content_encoding' },
  ];
  for (const { header, policy, expected } of cases) {
    it(`with ${JSON.stringify(header)} under policy ${policy}, answers ${expected}`, () => {
      let answer: string;
      try {
        answer = checkContentEncoding(header, policy);
      } catch (error: unknown) {
        answer = isIngressError(error) ? error.code : 'unexpected';
      }
      assert.equal(answer, expected);
    });
  }
});

describe('inflateGzip', () => {
  it('returns the decoded bytes of a body within the limit', async () => {
    const body = Buffer.from('{"hello":"world"}');

    assert.deepEqual(await inflateGzip(gzipSync(body), 1024), body);
  });

  it('when the body inflates past the limit, throws inflated_body_too_large', async () => {
    const bomb = gzipSync(Buffer.alloc(10 * 1024 * 1024));

    await assert.rejects(inflateGzip(bomb, 64 * 1024), (error: unknown) =>
      isIngressError(error, 'inflated_body_too_large'),
    );
  });

  const malformedCases = [
    { name: 'not gzip at all', body: Buffer.from('{"plain":true}') },
    { name: 'truncated gzip', body: gzipSync(Buffer.from('x'.repeat(1000))).subarray(0, 12) },
  ];
  for (const { name, body } of malformedCases) {
    it(`when the body is ${name}, throws malformed_gzip`, async () => {
      await assert.rejects(inflateGzip(body, 1024), (error: unknown) =>
        isIngressError(error, 'malformed_gzip'),
      );
    });
  }
});
