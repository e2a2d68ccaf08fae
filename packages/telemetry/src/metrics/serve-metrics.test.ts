import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { waitFor } from '../../../../test/support/wait-for.ts';
import { fixturePath, jsonLines, spawnNode } from '../test-fixtures/spawn-node.ts';
import { serveMetrics } from './serve-metrics.ts';

async function scrape(port: number, path = '/metrics'): Promise<{ status: number; body: string }> {
  const response = await fetch(`http://127.0.0.1:${port}${path}`);
  return { status: response.status, body: await response.text() };
}

describe('metrics endpoint', () => {
  test('with the bootstrap started, a scrape shows every recorded pipeline metric', async () => {
    const node = spawnNode([
      '--import',
      '@tributary/telemetry/register',
      fixturePath('serve-some-metrics.ts'),
    ]);
    try {
      const ready = await waitFor(() => jsonLines(node.stdout()).find((line) => 'port' in line), {
        what: 'the fixture to serve metrics',
      });

      const { status, body } = await scrape(Number(ready.port));

      assert.equal(status, 200);
      assert.match(
        body,
        /^tributary_webhooks_received_total\{(?=.*source="github")(?=.*event_type="push")(?=.*outcome="accepted").*\} 1$/m,
      );
      assert.match(
        body,
        /^tributary_events_receipt_to_processed_ms_count\{consumer_group="ledger".*\} 1$/m,
      );
      assert.match(body, /^tributary_dlq_depth\{consumer_group="ledger".*\} 3$/m);
    } finally {
      node.child.kill('SIGTERM');
      await node.exited;
    }
  });

  test('without the bootstrap, a scrape answers 503 saying metrics are off', async () => {
    const server = await serveMetrics({ port: 0 });
    try {
      const { status, body } = await scrape(server.port);

      assert.equal(status, 503);
      assert.match(body, /telemetry bootstrap did not start/);
    } finally {
      await server.close();
    }
  });

  test('a path other than /metrics is a 404', async () => {
    const server = await serveMetrics({ port: 0 });
    try {
      assert.equal((await scrape(server.port, '/')).status, 404);
    } finally {
      await server.close();
    }
  });

  test('a port already taken fails with METRICS_PORT_IN_USE', async () => {
    const first = await serveMetrics({ port: 0 });
    try {
      await assert.rejects(serveMetrics({ port: first.port }), { code: 'METRICS_PORT_IN_USE' });
    } finally {
      await first.close();
    }
  });
});
