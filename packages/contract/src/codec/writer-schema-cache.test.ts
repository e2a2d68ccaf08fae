import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Type } from 'avsc';
import avsc from 'avsc';
import { createWriterSchemaCache } from './writer-schema-cache.ts';

test('concurrent gets of a new id share one fetch, and later gets hit the cache', async () => {
  const type = avsc.Type.forSchema('string');
  let fetches = 0;
  let release: (value: Type) => void = () => {};
  const cache = createWriterSchemaCache(() => {
    fetches += 1;
    return new Promise<Type>((resolve) => {
      release = resolve;
    });
  });

  const pending = [cache.get(5), cache.get(5), cache.get(5)];
  release(type);
  const results = await Promise.all(pending);
  await cache.get(5);

  assert.equal(fetches, 1);
  assert.ok(results.every((result) => result === type));
  assert.equal(cache.has(5), true);
  assert.equal(cache.has(6), false);
});
