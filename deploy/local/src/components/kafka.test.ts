import assert from 'node:assert/strict';
import { test } from 'node:test';
import { newClusterId } from './kafka.ts';

test('a cluster id is 22 base64url characters, never starting with a dash', () => {
  for (let i = 0; i < 500; i += 1) {
    const id = newClusterId();

    assert.match(id, /^[A-Za-z0-9_][A-Za-z0-9_-]{21}$/);
  }
});
