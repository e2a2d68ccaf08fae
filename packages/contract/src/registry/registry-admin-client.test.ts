import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, test } from 'node:test';
import { closedPort } from '../../test/support/closed-port.ts';
import { createRegistryAdminClient } from './registry-admin-client.ts';

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

/** Serves `handler` on a free local port for the duration of the test. */
async function serve(t: { after: (fn: () => Promise<void>) => void }, handler: Handler) {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/apis/ccompat/v7`;
}

const json = (response: ServerResponse, status: number, body: unknown) => {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
};

describe('createRegistryAdminClient', () => {
  test('an unreachable registry fails with REGISTRY_UNREACHABLE naming the URL', async () => {
    const url = `http://127.0.0.1:${await closedPort()}/apis/ccompat/v7`;
    const client = createRegistryAdminClient({ url });

    await assert.rejects(client.listVersions('s-value'), {
      code: 'REGISTRY_UNREACHABLE',
      retriable: true,
      message: `cannot reach the schema registry at ${url}: ECONNREFUSED`,
    });
  });

  const verdicts = [
    {
      name: 'compatible',
      status: 200,
      body: { is_compatible: true },
      want: { kind: 'compatible' },
    },
    {
      name: 'incompatible without messages (Apicurio)',
      status: 200,
      body: { is_compatible: false },
      want: { kind: 'incompatible', messages: [] },
    },
    {
      name: 'incompatible with messages (Confluent)',
      status: 200,
      body: { is_compatible: false, messages: ['READER_FIELD_MISSING_DEFAULT_VALUE'] },
      want: { kind: 'incompatible', messages: ['READER_FIELD_MISSING_DEFAULT_VALUE'] },
    },
    {
      name: 'no subject',
      status: 404,
      body: { error_code: 40401, message: 'Subject not found' },
      want: { kind: 'no-subject' },
    },
  ];
  for (const { name, status, body, want } of verdicts) {
    test(`a compatibility answer of ${name} becomes a ${want.kind} verdict`, async (t) => {
      let seen = '';
      const url = await serve(t, (request, response) => {
        seen = `${request.method} ${request.url}`;
        json(response, status, body);
      });

      const verdict = await createRegistryAdminClient({ url }).checkCompatibility(
        'a.b-value',
        '{}',
      );

      assert.deepEqual(verdict, want);
      assert.equal(
        seen,
        'POST /apis/ccompat/v7/compatibility/subjects/a.b-value/versions?verbose=true',
      );
    });
  }

  test('a 409 on register is SCHEMA_INCOMPATIBLE carrying the registry message', async (t) => {
    const url = await serve(t, (_, response) =>
      json(response, 409, { error_code: 409, message: 'diff: c at /fields/1' }),
    );

    await assert.rejects(createRegistryAdminClient({ url }).register('a-value', '{}'), {
      code: 'SCHEMA_INCOMPATIBLE',
      message: /refused to register under a-value: diff: c at \/fields\/1/,
    });
  });

  test('a 5xx is a retriable REGISTRY_REQUEST_FAILED', async (t) => {
    const url = await serve(t, (_, response) => json(response, 503, { message: 'starting' }));

    await assert.rejects(
      createRegistryAdminClient({ url }).setCompatibility('a-value', 'FULL_TRANSITIVE'),
      {
        code: 'REGISTRY_REQUEST_FAILED',
        retriable: true,
        message: /answered 503 to PUT \/config\/a-value: starting/,
      },
    );
  });
});
