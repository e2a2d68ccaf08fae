// The envelope codec against the live registry: cross-version reads by Avro resolution,
// one registry fetch per new schema id, and cached ids decoding while the registry is away.
import assert from 'node:assert/strict';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { before, describe, test } from 'node:test';
import { stackEnv, uniqueName } from '../../../../test/support/stack-env.ts';
import { createEnvelopeCodec } from '../../src/codec/envelope-codec.ts';
import { loadEnvelopeSchema } from '../../src/envelope/envelope-schemas.ts';
import type { WebhookEnvelopeV1, WebhookEnvelopeV2 } from '../../src/envelope/webhook-envelope.ts';
import { isContractError } from '../../src/errors/contract-error.ts';
import { createConfluentRegistryPort } from '../../src/registry/confluent-registry-port.ts';
import type { SchemaRegistryPort } from '../../src/registry/schema-registry-port.ts';
import { plain, sampleEnvelopeV1, sampleEnvelopeV2 } from '../support/sample-envelopes.ts';

const v1 = loadEnvelopeSchema(1);
const v2 = loadEnvelopeSchema(2);
const subject = `${uniqueName('contract-codec')}.webhooks.github.v1-value`;
const registry = createConfluentRegistryPort({ url: stackEnv.schemaRegistryUrl });

const writerV1 = createEnvelopeCodec<WebhookEnvelopeV1>({
  registry,
  schema: v1,
  subject,
  writerIdBy: 'register',
});
const writerV2 = createEnvelopeCodec<WebhookEnvelopeV2>({
  registry,
  schema: v2,
  subject,
  writerIdBy: 'register',
});

/** Counts the fetches a port makes, passing them through. */
function counting(port: SchemaRegistryPort) {
  const counter = { fetches: 0 };
  const wrapped: SchemaRegistryPort = {
    ...port,
    fetchType: (id) => {
      counter.fetches += 1;
      return port.fetchType(id);
    },
  };
  return { port: wrapped, counter };
}

/**
 * A TCP proxy in front of the registry that the test can cut, so one codec sees the same
 * registry come and go. `close` drops open keep-alive connections too.
 */
async function registryProxy(): Promise<{ url: string; close: () => Promise<void> }> {
  const target = new URL(stackEnv.schemaRegistryUrl);
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(Number(target.port), target.hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => socket.destroy());
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${address.port}${target.pathname}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

before(async () => {
  // v1 first: FULL_TRANSITIVE registration order is the envelope's version order.
  await writerV1.start();
  await writerV2.start();
});

describe('envelope codec against the live registry', () => {
  test('both versions are registered under the subject with distinct ids', () => {
    assert.ok(writerV1.writerSchemaId !== undefined && writerV2.writerSchemaId !== undefined);
    assert.notEqual(writerV1.writerSchemaId, writerV2.writerSchemaId);
  });

  test('a codec that looks its schema up finds the registered id', async () => {
    const lookedUp = createEnvelopeCodec({ registry, schema: v2, subject });

    await lookedUp.start();

    assert.equal(lookedUp.writerSchemaId, writerV2.writerSchemaId);
  });

  test('a v2-encoded record decodes with the v1 reader', async () => {
    const readerV1 = createEnvelopeCodec<WebhookEnvelopeV1>({ registry, schema: v1 });

    const decoded = await readerV1.decode(writerV2.encode(sampleEnvelopeV2()));

    assert.deepEqual(plain(decoded), sampleEnvelopeV1());
  });

  test('a v1-encoded record decodes with the v2 reader, sourceIp at its default', async () => {
    const readerV2 = createEnvelopeCodec<WebhookEnvelopeV2>({ registry, schema: v2 });

    const decoded = await readerV2.decode(writerV1.encode(sampleEnvelopeV1()));

    assert.deepEqual(plain(decoded), sampleEnvelopeV2({ sourceIp: null }));
  });

  test('concurrent decodes of a schema id not yet cached make one registry request', async () => {
    const { port, counter } = counting(
      createConfluentRegistryPort({ url: stackEnv.schemaRegistryUrl }),
    );
    const reader = createEnvelopeCodec({ registry: port, schema: v2 });
    const record = writerV1.encode(sampleEnvelopeV1());

    const decoded = await Promise.all(Array.from({ length: 25 }, () => reader.decode(record)));

    assert.equal(counter.fetches, 1);
    assert.ok(decoded.every((envelope) => envelope.eventId === sampleEnvelopeV1().eventId));
  });

  test('cached ids keep decoding after the registry becomes unreachable; new ids fail retriably', async () => {
    const proxy = await registryProxy();
    const reader = createEnvelopeCodec({
      registry: createConfluentRegistryPort({
        url: proxy.url,
        retries: 0,
        requestTimeoutMs: 2_000,
      }),
      schema: v2,
    });
    await reader.decode(writerV2.encode(sampleEnvelopeV2()));
    await proxy.close();

    const decoded = await reader.decode(writerV2.encode(sampleEnvelopeV2()));
    const failure = await reader
      .decode(writerV1.encode(sampleEnvelopeV1()))
      .catch((e: unknown) => e);

    assert.equal(decoded.sourceIp, sampleEnvelopeV2().sourceIp);
    assert.ok(isContractError(failure, 'REGISTRY_UNREACHABLE'), String(failure));
    assert.equal(failure.retriable, true);
    assert.match(failure.message, new RegExp(proxy.url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  });
});
