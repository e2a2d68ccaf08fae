import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import type { SourceConfig } from '../../src/config/source-config.ts';
import type { VerifierConfig } from '../../src/verification/create-verifier.ts';
import { sign } from '../../src/verification/signers/sign.ts';
import {
  bundledSources,
  post,
  signedDelivery,
  testSecrets,
} from '../support/bundled-deliveries.ts';
import { rawPost } from '../support/raw-post.ts';
import { readTopic } from '../support/read-topic.ts';
import { startTestIngress, type TestIngress } from '../support/test-ingress.ts';

const limitBytes = 4_096;
const hmac: VerifierConfig = { scheme: 'generic-hmac', signatureHeaderName: 'x-signature' };
const hmacSource = (extra: Partial<SourceConfig>): SourceConfig => ({
  verification: hmac,
  secretsEnv: 'TEST_HMAC_SECRET',
  eventType: [{ pointer: '/type' }],
  maxBodyBytes: limitBytes,
  ...extra,
});
const hmacSecret = 'bad-input-hmac-secret';
const sources: Record<string, SourceConfig> = {
  github: bundledSources.github as SourceConfig,
  decoded: hmacSource({ gzip: 'verify-decoded' }),
  encoded: hmacSource({ gzip: 'verify-encoded' }),
  small: hmacSource({}),
};

/** Headers signing `signed` for the generic HMAC test sources. */
function hmacHeaders(signed: Buffer | string, extra: Record<string, string> = {}) {
  return {
    'content-type': 'application/json',
    ...sign(hmac, hmacSecret, signed, Date.now()),
    ...extra,
  };
}

const event = JSON.stringify({ type: 'thing.happened', padding: 'x'.repeat(200) });

describe('bad input, against the live stack: each a clear 4xx with its reason code', () => {
  let ingress: TestIngress;
  before(async () => {
    ingress = await startTestIngress({
      sources,
      env: { TRIBUTARY_SECRET_GITHUB: testSecrets.github, TEST_HMAC_SECRET: hmacSecret },
    });
  });
  after(() => ingress.close());

  const github = () => signedDelivery('github');
  const cases: Array<{
    name: string;
    source: string;
    make: () => { body: string | Buffer; headers: Record<string, string> };
    status: number;
    code: string;
  }> = [
    {
      name: 'malformed JSON, correctly signed',
      source: 'small',
      make: () => ({ body: '{"type": "x",', headers: hmacHeaders('{"type": "x",') }),
      status: 400,
      code: 'malformed_json',
    },
    {
      name: 'JSON that is not valid UTF-8, correctly signed',
      source: 'small',
      make: () => {
        const body = Buffer.from('{"type":"caf\xe9"}', 'latin1');
        return { body, headers: hmacHeaders(body) };
      },
      status: 400,
      code: 'invalid_utf8',
    },
    {
      name: 'no event type in the body',
      source: 'small',
      make: () => ({ body: '{"kind":"x"}', headers: hmacHeaders('{"kind":"x"}') }),
      status: 400,
      code: 'missing_event_type',
    },
    {
      name: 'a charset other than UTF-8',
      source: 'github',
      make: () => {
        const d = github();
        return {
          body: d.body,
          headers: { ...d.headers, 'content-type': 'application/json; charset=iso-8859-1' },
        };
      },
      status: 415,
      code: 'unsupported_charset',
    },
    {
      name: 'no Content-Type',
      source: 'github',
      make: () => {
        const { 'content-type': _, ...headers } = github().headers;
        return { body: Buffer.from(github().body), headers };
      },
      status: 415,
      code: 'missing_content_type',
    },
    {
      name: 'a media type the source does not accept',
      source: 'github',
      make: () => ({
        body: github().body,
        headers: { ...github().headers, 'content-type': 'application/xml' },
      }),
      status: 415,
      code: 'unsupported_media_type',
    },
    {
      name: 'Content-Encoding: br',
      source: 'decoded',
      make: () => ({ body: event, headers: hmacHeaders(event, { 'content-encoding': 'br' }) }),
      status: 415,
      code: 'unsupported_content_encoding',
    },
    {
      name: 'Content-Encoding: gzip to a source that refuses it',
      source: 'github',
      make: () => {
        const d = github();
        return { body: gzipSync(d.body), headers: { ...d.headers, 'content-encoding': 'gzip' } };
      },
      status: 415,
      code: 'unsupported_content_encoding',
    },
    {
      name: 'a gzip body that inflates past the limit',
      source: 'decoded',
      make: () => {
        const big = JSON.stringify({ type: 't', padding: 'x'.repeat(limitBytes * 4) });
        return { body: gzipSync(big), headers: hmacHeaders(big, { 'content-encoding': 'gzip' }) };
      },
      status: 413,
      code: 'inflated_body_too_large',
    },
    {
      name: 'Content-Encoding: gzip over bytes that are not gzip',
      source: 'decoded',
      make: () => ({ body: event, headers: hmacHeaders(event, { 'content-encoding': 'gzip' }) }),
      status: 400,
      code: 'malformed_gzip',
    },
    {
      name: 'a body over the limit (by Content-Length)',
      source: 'small',
      make: () => {
        const big = JSON.stringify({ type: 't', padding: 'x'.repeat(limitBytes) });
        return { body: big, headers: hmacHeaders(big) };
      },
      status: 413,
      code: 'body_too_large',
    },
  ];
  for (const { name, source, make, status, code } of cases) {
    it(`answers ${name} with ${status} ${code}`, async () => {
      const { body, headers } = make();

      const answer = await post(ingress.url, source, body, headers);

      assert.equal(answer.status, status, JSON.stringify(answer.json));
      assert.equal(answer.json.error?.code, code);
      assert.equal(typeof answer.json.error?.message, 'string');
    });
  }

  it('answers an unknown source with 404 unknown_source and a GET with 405', async () => {
    const unknown = await post(ingress.url, 'gitlab', event, hmacHeaders(event));
    const get = await fetch(`${ingress.url}/webhooks/github`);

    assert.equal(unknown.status, 404);
    assert.equal(unknown.json.error?.code, 'unknown_source');
    assert.equal(get.status, 405);
    assert.equal(get.headers.get('allow'), 'POST');
  });

  it('refuses an oversized chunked upload with 413 before reading it all, and keeps serving', async () => {
    const chunk = Buffer.alloc(16 * 1024, 0x20);
    const chunks = Array.from({ length: 640 }, () => chunk); // 10 MiB if it were all sent

    const answer = await rawPost(ingress.url, '/webhooks/small', hmacHeaders('unused'), chunks);

    assert.equal(answer.status, 413);
    assert.equal(answer.json.error?.code, 'body_too_large');
    assert.equal(answer.headers.connection, 'close');
    assert.ok(
      answer.bytesWritten < 10 * 1024 * 1024,
      `stopped early (${answer.bytesWritten} bytes written)`,
    );
    const after = await post(ingress.url, 'small', event, hmacHeaders(event));
    assert.equal(after.status, 202);
  });

  it('accepts odd header casing and a quoted, upper-case charset', async () => {
    const d = github();
    const headers = {
      'CONTENT-TYPE': 'Application/JSON; Charset="UTF-8"',
      'X-Hub-Signature-256': d.headers['x-hub-signature-256'] as string,
      'X-GITHUB-EVENT': d.headers['x-github-event'] as string,
      'x-GitHub-Delivery': d.headers['x-github-delivery'] as string,
    };

    const answer = await rawPost(ingress.url, '/webhooks/github', headers, [Buffer.from(d.body)]);

    assert.equal(answer.status, 202, JSON.stringify(answer.json));
    assert.equal(answer.json.eventId, d.eventId);
  });

  it('refuses a repeated signature header with 401', async () => {
    const d = github();
    const signature = d.headers['x-hub-signature-256'] as string;
    const headers = { ...d.headers, 'x-hub-signature-256': [signature, signature] };

    const answer = await rawPost(ingress.url, '/webhooks/github', headers, [Buffer.from(d.body)]);

    assert.equal(answer.status, 401);
  });

  it('accepts gzip signed over the decoded bytes, and over the compressed bytes, storing the decoded body', async () => {
    const decodedBody = JSON.stringify({ type: 'gz.decoded', n: Date.now() });
    const encodedBody = JSON.stringify({ type: 'gz.encoded', n: Date.now() });
    const compressed = gzipSync(encodedBody);

    const decoded = await post(
      ingress.url,
      'decoded',
      gzipSync(decodedBody),
      hmacHeaders(decodedBody, { 'content-encoding': 'gzip' }),
    );
    const encoded = await post(
      ingress.url,
      'encoded',
      compressed,
      hmacHeaders(compressed, { 'content-encoding': 'gzip' }),
    );
    const wrongBytes = await post(
      ingress.url,
      'encoded',
      gzipSync(encodedBody),
      hmacHeaders(encodedBody, { 'content-encoding': 'gzip' }),
    );

    assert.equal(decoded.status, 202, JSON.stringify(decoded.json));
    assert.equal(encoded.status, 202, JSON.stringify(encoded.json));
    assert.equal(
      wrongBytes.status,
      401,
      'a verify-encoded source does not accept a MAC over the decoded bytes',
    );
    const [fromDecoded] = await readTopic(ingress.topicOf('decoded'), 1);
    const [fromEncoded] = await readTopic(ingress.topicOf('encoded'), 1);
    assert.equal(Buffer.from(fromDecoded?.envelope.body ?? []).toString(), decodedBody);
    assert.equal(Buffer.from(fromEncoded?.envelope.body ?? []).toString(), encodedBody);
  });
  it('a Content-Length that is not a number: 400 malformed_request in the JSON error body', async () => {
    const { port } = new URL(ingress.url);
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1');
      const parts: Buffer[] = [];
      socket.setTimeout(10_000, () => socket.destroy(new Error('no answer within 10 s')));
      socket.on('data', (chunk: Buffer) => parts.push(chunk));
      socket.on('error', reject);
      socket.on('close', () => resolve(Buffer.concat(parts).toString('utf8')));
      socket.write(
        'POST /webhooks/github HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: abc\r\n\r\n{}',
      );
    });
    const [head = '', body = ''] = raw.split('\r\n\r\n');

    assert.match(head, /^HTTP\/1\.1 400 /);
    assert.deepEqual(JSON.parse(body), {
      error: { code: 'malformed_request', message: 'the request could not be parsed' },
    });
  });
});
