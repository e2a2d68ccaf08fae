// The schema registry of the local stack (Apicurio, Confluent-compatible API) as the contract
// package uses it through @kafkajs/confluent-schema-registry: register under FULL_TRANSITIVE,
// encode, decode by the id in the record, and the same schema keeps its id.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { COMPATIBILITY, SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry';
import { stackEnv, uniqueName } from '../support/stack-env.ts';

// Wire format of a Confluent-framed record: magic byte 0, then the schema id (int32, BE).
const MAGIC_BYTE = 0;
const SCHEMA_ID_OFFSET = 1;

const schema = JSON.stringify({
  type: 'record',
  name: 'SmokeRecord',
  namespace: 'io.tributary.smoke',
  doc: 'A small record for the registry round-trip smoke test.',
  fields: [
    { name: 'id', type: 'string', doc: 'Identifier.' },
    { name: 'count', type: 'int', doc: 'A number.' },
    {
      name: 'note',
      type: ['null', 'string'],
      default: null,
      doc: 'Optional, with a default, as every added field is.',
    },
  ],
});

describe('schema registry round trip', () => {
  const registry = new SchemaRegistry({ host: stackEnv.schemaRegistryUrl });
  // Apicurio's global rule is FULL_TRANSITIVE: register() compares the subject's level with
  // the one passed here, and on a first registration sets it on the subject.
  const registerOptions = {
    subject: `${uniqueName('smoke')}-value`,
    compatibility: COMPATIBILITY.FULL_TRANSITIVE,
  };

  test('a registered Avro schema encodes a value that decodes back equal', async () => {
    const value = { id: 'evt-1', count: 42, note: 'hello' };

    const { id } = await registry.register({ type: SchemaType.AVRO, schema }, registerOptions);
    const encoded = await registry.encode(id, value);
    // A fresh client has no cache: decoding fetches the schema by the id in the bytes.
    const decoded = await new SchemaRegistry({ host: stackEnv.schemaRegistryUrl }).decode(encoded);

    assert.equal(encoded.readUInt8(0), MAGIC_BYTE);
    assert.equal(encoded.readInt32BE(SCHEMA_ID_OFFSET), id);
    assert.deepEqual({ ...decoded }, value);
  });

  test('registering the same schema again under the subject returns the same id', async () => {
    const first = await registry.register({ type: SchemaType.AVRO, schema }, registerOptions);

    const again = await new SchemaRegistry({ host: stackEnv.schemaRegistryUrl }).register(
      { type: SchemaType.AVRO, schema },
      registerOptions,
    );

    assert.equal(again.id, first.id);
  });
});
