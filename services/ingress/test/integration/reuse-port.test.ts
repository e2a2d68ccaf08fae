// Several ingress processes on one port (`server.reusePort`), as the ingress is scaled over
// cores: each listener takes webhooks while the others run and goes on when they stop, and
// each answers `/readyz` and `/metrics` on a port of its own (`server.metricsPort`).
import assert from 'node:assert/strict';
import { get, request } from 'node:http';
import { after, describe, it } from 'node:test';
import { freePort } from '../../../../test/support/free-port.ts';
import {
  bundledSources,
  type Delivery,
  signedDelivery,
  testSecretsEnv,
} from '../support/bundled-deliveries.ts';
import { startTestIngress, type TestIngress } from '../support/test-ingress.ts';

/** POSTs a GitHub delivery on a connection of its own (no pooled socket of a closed instance). */
function postOnNewConnection(url: string, delivery: Delivery): Promise<number> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      `${url}/webhooks/github`,
      { method: 'POST', headers: delivery.headers, agent: false, timeout: 10_000 },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      },
    );
    outgoing.on('timeout', () => outgoing.destroy(new Error('no answer in 10 s')));
    outgoing.on('error', reject);
    outgoing.end(delivery.body);
  });
}

/** The status of `GET http://127.0.0.1:<port><path>`, or the error code when refused. */
function statusOf(port: number, path: string): Promise<number | string> {
  return new Promise((resolve) => {
    const outgoing = get({ host: '127.0.0.1', port, path, agent: false, timeout: 5_000 }, (r) => {
      r.resume();
      resolve(r.statusCode ?? 0);
    });
    outgoing.on('timeout', () => outgoing.destroy(new Error('timeout')));
    outgoing.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

describe('ingress instances sharing a port (reusePort)', () => {
  const running: TestIngress[] = [];
  after(async () => {
    await Promise.all(running.map((each) => each.close()));
  });

  it('starts a second instance on a port the first holds, and it answers once the first stops', async () => {
    const port = await freePort();
    const [firstMetrics, secondMetrics] = [await freePort(), await freePort()];
    const shared = { sources: bundledSources, env: testSecretsEnv };
    const first = await startTestIngress({
      ...shared,
      listen: { port, reusePort: true, metricsPort: firstMetrics },
    });
    running.push(first);
    const second = await startTestIngress({
      ...shared,
      listen: { port, reusePort: true, metricsPort: secondMetrics },
    });
    running.push(second);
    assert.equal(first.url, second.url);
    assert.equal(first.ingress.metricsPort, firstMetrics);
    assert.equal(second.ingress.metricsPort, secondMetrics);
    for (const own of [firstMetrics, secondMetrics]) {
      assert.equal(await statusOf(own, '/readyz'), 200, `readiness on port ${own}`);
      // 503 in plain text here: this test process runs without the telemetry bootstrap.
      assert.equal(await statusOf(own, '/metrics'), 503, `metrics on port ${own}`);
    }

    assert.equal(await postOnNewConnection(first.url, signedDelivery('github')), 202);

    await first.close();
    running.splice(running.indexOf(first), 1);
    assert.equal(await statusOf(firstMetrics, '/readyz'), 'ECONNREFUSED');
    assert.equal(
      await postOnNewConnection(second.url, signedDelivery('github')),
      202,
      'the instance left on the port takes the webhook',
    );
    assert.ok(
      second.logLines.some((line) => line.msg === 'webhook answered' && line.status === 202),
      'the second instance logged the webhook it answered',
    );
  });

  it('refuses a port another instance holds when reusePort is off', async () => {
    const port = await freePort();
    const holder = await startTestIngress({
      sources: bundledSources,
      env: testSecretsEnv,
      listen: { port, reusePort: true },
    });
    running.push(holder);
    await assert.rejects(
      startTestIngress({
        sources: bundledSources,
        env: testSecretsEnv,
        listen: { port, reusePort: false },
      }),
      (error: unknown) => (error as NodeJS.ErrnoException).code === 'EADDRINUSE',
    );
  });
});
