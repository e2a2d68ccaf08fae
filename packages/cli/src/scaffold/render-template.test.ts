import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderTemplate } from './render-template.ts';

describe('renderTemplate', () => {
  it('replaces every placeholder, each as often as it appears, and leaves other braces', () => {
    const text = "name: '{{name}}' ({{name}}), types {{types}}, object { a: 1 }";

    assert.equal(
      renderTemplate(text, { name: 'demo', types: "['push']" }),
      "name: 'demo' (demo), types ['push'], object { a: 1 }",
    );
  });

  it('a placeholder without a value is a bug in the template or its caller: throws', () => {
    assert.throws(() => renderTemplate('{{name}} {{missing}}', { name: 'x' }), /\{\{missing\}\}/);
  });
});
