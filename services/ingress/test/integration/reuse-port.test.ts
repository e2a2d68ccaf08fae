// Several ingress processes on one port (`server.reusePort`), as the ingress is scaled over
// cores: each listener takes webhooks while the others run, and goes on when they stop.
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { after, describe, it } from 'node:test';
import {
  bundledSources,
  type Delivery,
  signedDelivery,
  testSecretsEnv,
} from '../support/bundled-deliveries.ts';
import { startTestIngress, type TestIngress } from '../support/test-ingress.ts';

/** A loopback port free right now (the kernel's pick for port 0). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address !== null
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

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

describe('ingress instances sharing a port (reusePort)', () => {
  const running: TestIngress[] = [];
  after(async () => {
    await Promise.all(running.map((each) => each.close()));
  });

  it('starts a second instance on a port the first holds, and it answers once the first stops', async () => {
    const port = await freePort();
    const listen = { port, reusePort: true };
    const first = await startTestIngress({ sources: bundledSources, env: testSecretsEnv, listen });
    running.push(first);
    const second = await startTestIngress({ sources: bundledSources, env: testSecretsEnv, listen });
    running.push(second);
    assert.equal(first.url, second.url);

    assert.equal(await postOnNewConnection(first.url, signedDelivery('github')), 202);

    await first.close();
    running.splice(running.indexOf(first), 1);
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
