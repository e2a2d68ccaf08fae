// A schema registry outage holds the partition and retries the decode; nothing goes to the
// DLQ, and the record is handled once the registry answers again.
import assert from 'node:assert/strict';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { stackEnv } from '../../../../test/support/stack-env.ts';
import { waitFor } from '../../../../test/support/wait-for.ts';
import { type ServiceHandle, startService } from '../../src/service/start-service.ts';
import { fastHandlerTimeoutMs, fastTimings } from '../support/fast-timings.ts';
import {
  createTestTopics,
  envelope,
  stackStartOptions,
  type TestTopics,
  testLogger,
} from '../support/runtime-stack.ts';

/** A TCP proxy to the registry on a fixed port, down until `open()` is called. */
async function registryProxy() {
  const target = new URL(stackEnv.schemaRegistryUrl);
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as { port: number }).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  const sockets = new Set<Socket>();
  let server: Server | undefined;

  return {
    url: `http://127.0.0.1:${port}${target.pathname}`,
    async open() {
      server = createServer((client) => {
        const upstream = connect(Number(target.port), target.hostname);
        for (const socket of [client, upstream]) {
          sockets.add(socket);
          socket.on('close', () => sockets.delete(socket));
          socket.on('error', () => socket.destroy());
        }
        client.pipe(upstream).pipe(client);
      });
      await new Promise<void>((resolve) => server?.listen(port, '127.0.0.1', resolve));
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        if (server === undefined) resolve();
        else server.close(() => resolve());
      }),
  };
}

let topics: TestTopics;
let service: ServiceHandle;
let proxy: Awaited<ReturnType<typeof registryProxy>>;
const handled: string[] = [];

before(async () => {
  topics = await createTestTopics('rt-registry');
  proxy = await registryProxy();
  service = await startService(
    {
      name: 'billing',
      eventTypes: ['order.paid'],
      handlerTimeoutMs: fastHandlerTimeoutMs,
      handler: async (event) => void handled.push(event.eventId),
    },
    {
      ...stackStartOptions(topics),
      ...fastTimings,
      schemaRegistryUrl: proxy.url,
      registryRequestTimeoutMs: 1_000,
      logger: testLogger('rt-registry'),
    },
  );
});

after(async () => {
  await service?.stop();
  await proxy?.close();
  await topics?.close();
});

describe('schema registry outage', () => {
  test('the partition waits and retries instead of dead-lettering, then handles the record', async () => {
    const event = envelope('order.paid');
    await topics.produce([event]);

    await waitFor(() => service.counters().registryWaits >= 2, {
      timeoutMs: 20_000,
      what: 'the partition held for the registry twice',
    });
    assert.equal(service.counters().deadLettered, 0, 'nothing dead-lettered during the outage');
    await proxy.open();
    await waitFor(() => handled.includes(event.eventId), {
      timeoutMs: 20_000,
      what: 'the record handled once the registry is back',
    });

    assert.deepEqual(handled, [event.eventId]);
    assert.equal(service.counters().deadLettered, 0);
  });
});
