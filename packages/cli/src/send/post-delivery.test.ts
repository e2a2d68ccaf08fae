import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, describe, it } from 'node:test';
import { isCliError } from '../errors/cli-error.ts';
import { postDelivery } from './post-delivery.ts';

const delivery = { headers: { 'content-type': 'application/json' }, body: Buffer.from('{}') };

// Reads requests and never answers, so only the client's deadline can end them.
const silent = createServer(() => {});
await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
const silentUrl = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/webhooks/github`;

after(() => {
  silent.closeAllConnections();
  silent.close();
});

describe('postDelivery', () => {
  it('when no answer comes within the timeout, throws ingress_unreachable saying so', async () => {
    await assert.rejects(
      postDelivery(silentUrl, delivery, 200),
      (error: unknown) =>
        isCliError(error, 'ingress_unreachable') &&
        error.message === `no answer from ${silentUrl} within 200 ms`,
    );
  });

  it('when the host does not resolve, names the URL and the resolver error', async () => {
    const url = 'http://no-such-host.invalid/webhooks/github';

    await assert.rejects(
      postDelivery(url, delivery, 5_000),
      (error: unknown) =>
        isCliError(error, 'ingress_unreachable') &&
        error.message.startsWith(`cannot reach the ingress at ${url}: `),
    );
  });
});
