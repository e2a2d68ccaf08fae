import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Type } from 'avsc';
import { plain, sampleEnvelopeV1, sampleEnvelopeV2 } from '../../test/support/sample-envelopes.ts';
import { loadEnvelopeSchema } from '../envelope/envelope-schemas.ts';
import type { WebhookEnvelopeV1, WebhookEnvelopeV2 } from '../envelope/webhook-envelope.ts';
import { ContractError, isContractError } from '../errors/contract-error.ts';
import type { SchemaRegistryPort } from '../registry/schema-registry-port.ts';
import { parseSchemaText } from '../schema/load-schema-file.ts';
import { createEnvelopeCodec } from './envelope-codec.ts';
import { frameRecord } from './wire-format.ts';

const v1 = loadEnvelopeSchema(1);
const v2 = loadEnvelopeSchema(2);
const subject = 'webhooks.github.v1-value';

/** An in-memory registry that counts calls and can be switched off. */
function fakeRegistry() {
  const texts = new Map<number, string>();
  const calls = { fetchType: 0, lookupId: 0, register: 0 };
  let down = false;
  const unreachable = () => new ContractError('REGISTRY_UNREACHABLE', 'registry is down');
  const port: SchemaRegistryPort = {
    async fetchType(id) {
      calls.fetchType += 1;
      if (down) throw unreachable();
      const text = texts.get(id);
      if (text === undefined) throw new ContractError('SCHEMA_ID_UNKNOWN', `no id ${id}`);
      return parseSchemaText(text, `registry id ${id}`).type as Type;
    },
    async lookupId(_subject, text) {
      calls.lookupId += 1;
      if (down) throw unreachable();
      const found = [...texts].find(([, candidate]) => candidate === text);
      if (found === undefined) throw new ContractError('SCHEMA_NOT_REGISTERED', 'absent');
      return found[0];
    },
    async register(_subject, text) {
      calls.register += 1;
      const id = texts.size + 1;
      texts.set(id, text);
      return id;
    },
  };
  return {
    port,
    calls,
    setDown: (value: boolean) => {
      down = value;
    },
  };
}

async function startedCodecs() {
  const registry = fakeRegistry();
  const writerV1 = createEnvelopeCodec<WebhookEnvelopeV1>({
    registry: registry.port,
    schema: v1,
    subject,
    writerIdBy: 'register',
  });
  const writerV2 = createEnvelopeCodec<WebhookEnvelopeV2>({
    registry: registry.port,
    schema: v2,
    subject,
    writerIdBy: 'register',
  });
  await writerV1.start();
  await writerV2.start();
  return { registry, writerV1, writerV2 };
}

describe('createEnvelopeCodec', () => {
  test('encode before start fails with CODEC_NOT_STARTED', () => {
    const codec = createEnvelopeCodec({ registry: fakeRegistry().port, schema: v2, subject });

    assert.throws(() => codec.encode(sampleEnvelopeV2()), { code: 'CODEC_NOT_STARTED' });
  });

  test('start looks the writer id up once; encoding afterwards makes no registry call', async () => {
    const registry = fakeRegistry();
    await registry.port.register(subject, v2.text);
    const codec = createEnvelopeCodec({ registry: registry.port, schema: v2, subject });

    await Promise.all([codec.start(), codec.start()]);
    registry.setDown(true);
    const records = [codec.encode(sampleEnvelopeV2()), codec.encode(sampleEnvelopeV2())];

    assert.equal(registry.calls.lookupId, 1);
    assert.equal(codec.writerSchemaId, 1);
    assert.equal(records[0]?.readInt32BE(1), 1, 'the record names the writer id');
  });

  test('start fails with SCHEMA_NOT_REGISTERED when lookup finds no such schema', async () => {
    const codec = createEnvelopeCodec({ registry: fakeRegistry().port, schema: v2, subject });

    await assert.rejects(codec.start(), { code: 'SCHEMA_NOT_REGISTERED' });
  });

  test('a v1 reader reads a v2 record, dropping the field it does not know', async () => {
    const { registry, writerV2 } = await startedCodecs();
    const readerV1 = createEnvelopeCodec<WebhookEnvelopeV1>({
      registry: registry.port,
      schema: v1,
    });

    const decoded = await readerV1.decode(writerV2.encode(sampleEnvelopeV2()));

    assert.deepEqual(plain(decoded), sampleEnvelopeV1());
    assert.equal('sourceIp' in decoded, false);
  });

  test('a v2 reader reads a v1 record, filling the new field with its default', async () => {
    const { registry, writerV1 } = await startedCodecs();
    const readerV2 = createEnvelopeCodec<WebhookEnvelopeV2>({
      registry: registry.port,
      schema: v2,
    });

    const decoded = await readerV2.decode(writerV1.encode(sampleEnvelopeV1()));

    assert.deepEqual(plain(decoded), sampleEnvelopeV2({ sourceIp: null }));
  });

  test('concurrent decodes of an unknown schema id share one registry fetch', async () => {
    const { registry, writerV2 } = await startedCodecs();
    const reader = createEnvelopeCodec({ registry: registry.port, schema: v2 });
    const record = writerV2.encode(sampleEnvelopeV2());

    const decoded = await Promise.all(Array.from({ length: 20 }, () => reader.decode(record)));

    assert.equal(registry.calls.fetchType, 1);
    assert.equal(decoded.length, 20);
  });

  test('a cached schema id keeps decoding while the registry is down; an unknown one fails retriably', async () => {
    const { registry, writerV1, writerV2 } = await startedCodecs();
    const reader = createEnvelopeCodec({ registry: registry.port, schema: v2 });
    await reader.decode(writerV2.encode(sampleEnvelopeV2()));
    registry.setDown(true);

    const decoded = await reader.decode(writerV2.encode(sampleEnvelopeV2()));
    const failure = await reader
      .decode(writerV1.encode(sampleEnvelopeV1()))
      .catch((e: unknown) => e);

    assert.equal(decoded.eventId, sampleEnvelopeV2().eventId);
    assert.ok(isContractError(failure, 'REGISTRY_UNREACHABLE'));
    assert.equal(failure.retriable, true);
  });

  test('a failed fetch is not remembered: the id decodes once the registry is back', async () => {
    const { registry, writerV2 } = await startedCodecs();
    const reader = createEnvelopeCodec({ registry: registry.port, schema: v2 });
    const record = writerV2.encode(sampleEnvelopeV2());
    registry.setDown(true);
    await assert.rejects(reader.decode(record), { code: 'REGISTRY_UNREACHABLE' });

    registry.setDown(false);

    assert.equal((await reader.decode(record)).eventId, sampleEnvelopeV2().eventId);
  });

  const undecodable = [
    { name: 'fewer bytes than the header', record: Buffer.from([0, 0, 1]), code: 'DECODE_FAILED' },
    { name: 'a wrong magic byte', record: Buffer.from([1, 0, 0, 0, 1, 2]), code: 'DECODE_FAILED' },
    {
      name: 'a body cut short',
      record: frameRecord(2, Buffer.from([2, 65])),
      code: 'DECODE_FAILED',
    },
    {
      name: 'an id the registry does not know',
      record: frameRecord(99, Buffer.alloc(4)),
      code: 'SCHEMA_ID_UNKNOWN',
    },
  ];
  for (const { name, record, code } of undecodable) {
    test(`decoding a record with ${name} fails with ${code}`, async () => {
      const { registry } = await startedCodecs();
      const reader = createEnvelopeCodec({ registry: registry.port, schema: v2 });

      await assert.rejects(reader.decode(record), { code, retriable: false });
    });
  }

  test('encoding a value that does not match the schema fails with ENCODE_FAILED naming the field', async () => {
    const { writerV2 } = await startedCodecs();
    const bad = { ...sampleEnvelopeV2(), receivedAt: 'yesterday' } as unknown as WebhookEnvelopeV2;

    assert.throws(() => writerV2.encode(bad), { code: 'ENCODE_FAILED', message: /receivedAt/ });
  });
});
