// Keeps the TypeScript envelope types and the .avsc files from drifting apart. The samples
// are typed as the TS interfaces, so tsc refuses a missing or extra key; the tests then
// prove the same objects have exactly the schema's fields and round-trip through avsc.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Type, types } from 'avsc';
import { loadEnvelopeSchema } from './envelope-schemas.ts';
import type { WebhookEnvelopeV1, WebhookEnvelopeV2 } from './webhook-envelope.ts';

const sampleV1: WebhookEnvelopeV1 = {
  eventId: 'evt_1',
  source: 'github',
  eventType: 'push',
  receivedAt: new Date('2025-01-02T03:04:05.678Z'),
  deliveryId: '72d3162e-cc78-11e3-81ab-4c9367dc0958',
  headers: { 'x-github-event': 'push' },
  contentType: 'application/json',
  body: Buffer.from('{"ref":"main"}'),
  bodySha256: 'a'.repeat(64),
  verification: { scheme: 'github-hmac-sha256', secretLabel: 'current', timestampChecked: false },
};

const sampleV2: WebhookEnvelopeV2 = { ...sampleV1, sourceIp: '192.0.2.10' };

/** Same shapes with every optional field at its null. */
const nullsV1: WebhookEnvelopeV1 = {
  ...sampleV1,
  deliveryId: null,
  verification: { ...sampleV1.verification, secretLabel: null },
};
const nullsV2: WebhookEnvelopeV2 = { ...nullsV1, sourceIp: null };

const cases = [
  { version: 1, sample: sampleV1, nulls: nullsV1 },
  { version: 2, sample: sampleV2, nulls: nullsV2 },
] as const;

function fieldNames(type: Type): string[] {
  return (type as types.RecordType).fields.map((field) => field.name).sort();
}

function invalidPaths(type: Type, value: unknown): string[] {
  const paths: string[] = [];
  type.isValid(value, { errorHook: (path) => paths.push(path.join('.')) });
  return paths;
}

describe('the WebhookEnvelope TypeScript types match the schema files', () => {
  for (const { version, sample, nulls } of cases) {
    const { type } = loadEnvelopeSchema(version);

    test(`v${version}: the type has exactly the schema's fields`, () => {
      assert.deepEqual(Object.keys(sample).sort(), fieldNames(type));
    });

    test(`v${version}: the verification type has exactly the nested record's fields`, () => {
      const nested = (type as types.RecordType).field('verification').type;
      assert.deepEqual(Object.keys(sample.verification).sort(), fieldNames(nested));
    });

    test(`v${version}: a typed sample, and one with every nullable at null, are valid`, () => {
      assert.deepEqual(invalidPaths(type, sample), []);
      assert.deepEqual(invalidPaths(type, nulls), []);
    });

    test(`v${version}: a typed sample survives encode and decode unchanged`, () => {
      const decoded = type.fromBuffer(type.toBuffer(sample));
      assert.deepEqual({ ...decoded, verification: { ...decoded.verification } }, sample);
      assert.ok(decoded.receivedAt instanceof Date, 'timestamp-millis decodes as a Date');
    });
  }
});
