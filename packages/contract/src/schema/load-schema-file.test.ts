import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { loadSchemaFile, parseSchemaText } from './load-schema-file.ts';

const fixture = (name: string) =>
  fileURLToPath(new URL(`../../test/fixtures/${name}`, import.meta.url));

describe('loadSchemaFile', () => {
  const refused = [
    {
      name: 'a union default that does not match the first branch',
      file: fixture('bad-union-default.avsc'),
      message: /bad-union-default\.avsc: .*union defaults must match the first branch/,
    },
    {
      name: 'malformed JSON',
      file: fixture('malformed.avsc'),
      message: /malformed\.avsc: not valid JSON/,
    },
  ];
  for (const { name, file, message } of refused) {
    test(`refuses ${name} with SCHEMA_INVALID naming the file`, () => {
      assert.throws(() => loadSchemaFile(file), { code: 'SCHEMA_INVALID', message });
    });
  }

  test('a missing file fails with SCHEMA_FILE_UNREADABLE naming it', () => {
    assert.throws(() => loadSchemaFile('/nonexistent/v9.avsc'), {
      code: 'SCHEMA_FILE_UNREADABLE',
      message: /\/nonexistent\/v9\.avsc/,
    });
  });

  const textCases = [
    {
      name: 'an unknown type name',
      schema: {
        type: 'record',
        name: 'A',
        doc: 'a',
        fields: [{ name: 'x', type: 'strin', doc: 'x' }],
      },
      message: /in\.avsc: undefined type name: strin/,
    },
    {
      name: 'a field without doc',
      schema: { type: 'record', name: 'A', doc: 'a', fields: [{ name: 'x', type: 'string' }] },
      message: /missing "doc" on field A\.x/,
    },
    {
      name: 'a nested record without doc',
      schema: {
        type: 'record',
        name: 'A',
        doc: 'a',
        fields: [{ name: 'inner', doc: 'i', type: { type: 'record', name: 'B', fields: [] } }],
      },
      message: /missing "doc" on record A\.inner/,
    },
  ];
  for (const { name, schema, message } of textCases) {
    test(`refuses ${name}`, () => {
      assert.throws(() => parseSchemaText(JSON.stringify(schema), 'in.avsc'), {
        code: 'SCHEMA_INVALID',
        message,
      });
    });
  }

  test('a valid schema loads with compact text ready for the registry', () => {
    const schema = {
      type: 'record',
      name: 'A',
      doc: 'a',
      fields: [{ name: 'x', type: 'long', doc: 'x' }],
    };

    const loaded = parseSchemaText(JSON.stringify(schema, null, 2), 'in.avsc');

    assert.equal(loaded.text, JSON.stringify(schema));
    assert.equal(loaded.type.name, 'A');
    assert.ok(Object.isFrozen(loaded));
  });
});
