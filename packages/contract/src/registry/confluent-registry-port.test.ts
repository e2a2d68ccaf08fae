import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createConfluentRegistryPort } from './confluent-registry-port.ts';

test('an unreachable registry fails with a retriable REGISTRY_UNREACHABLE naming the URL', async () => {
  const port = createConfluentRegistryPort({ url: 'http://127.0.0.1:1', retries: 0 });

  await assert.rejects(port.fetchType(1), {
    code: 'REGISTRY_UNREACHABLE',
    retriable: true,
    message: /cannot reach the schema registry at http:\/\/127\.0\.0\.1:1 \(schema id 1\)/,
  });
});
