import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { explainIncompatibility } from '../registry/explain-incompatibility.ts';
import { envelopeRecordName, envelopeSchemaDir, loadEnvelopeSchemas } from './envelope-schemas.ts';

describe('loadEnvelopeSchemas', () => {
  test('loads the repository versions in order, all naming the envelope record', () => {
    const versions = loadEnvelopeSchemas();

    assert.deepEqual(
      versions.map((v) => v.version),
      [1, 2],
    );
    assert.ok(versions.every((v) => v.schema.type.name === envelopeRecordName));
  });

  test('each version reads and is read by every earlier one (FULL_TRANSITIVE)', () => {
    const versions = loadEnvelopeSchemas();

    for (const { version, schema } of versions) {
      const earlier = versions
        .filter((v) => v.version < version)
        .map((v) => ({ label: `v${v.version}`, type: v.schema.type }));
      assert.deepEqual(explainIncompatibility(schema.type, earlier), [], `v${version}`);
    }
  });

  test('a folder whose versions skip a number is refused with SCHEMA_INVALID', (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'envelope-'));
    t.after(() => rmSync(dir, { recursive: true }));
    copyFileSync(join(envelopeSchemaDir, 'v1.avsc'), join(dir, 'v1.avsc'));
    copyFileSync(join(envelopeSchemaDir, 'v2.avsc'), join(dir, 'v3.avsc'));

    assert.throws(() => loadEnvelopeSchemas(dir), { code: 'SCHEMA_INVALID', message: /skip v2/ });
  });
});
