import assert from 'node:assert/strict';
import { test } from 'node:test';
import { kafkaHeaderNames } from './kafka-header-names.ts';

test('header names are distinct, lower-case, and ours carry the tributary- prefix', () => {
  const names = Object.values(kafkaHeaderNames);

  assert.equal(new Set(names).size, names.length);
  for (const name of names) {
    assert.match(name, /^(traceparent|tracestate|tributary-[a-z-]+)$/);
  }
});
