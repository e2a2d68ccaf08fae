import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { loadEnvelopeSchema } from '../envelope/envelope-schemas.ts';
import { loadSchemaFile } from '../schema/load-schema-file.ts';
import { explainIncompatibility } from './explain-incompatibility.ts';

const fixture = (name: string) =>
  loadSchemaFile(fileURLToPath(new URL(`../../test/fixtures/${name}`, import.meta.url)));
const v1 = { label: 'v1', type: loadEnvelopeSchema(1).type };

describe('explainIncompatibility', () => {
  const cases = [
    {
      name: 'a new field without a default breaks reading old records',
      candidate: fixture('v3-adds-field-without-default.avsc'),
      reasons: [
        'it cannot read records of v1 (no matching field for default-less dev.tributary.WebhookEnvelope.tenantId)',
      ],
    },
    {
      name: 'a removed field without a default breaks old readers',
      candidate: fixture('v3-removes-field.avsc'),
      reasons: [
        'readers of v1 cannot read its records (no matching field for default-less dev.tributary.WebhookEnvelope.contentType)',
      ],
    },
    { name: 'v2 breaks nothing', candidate: loadEnvelopeSchema(2), reasons: [] },
  ];
  for (const { name, candidate, reasons } of cases) {
    test(name, () => {
      assert.deepEqual(explainIncompatibility(candidate.type, [v1]), reasons);
    });
  }
});
