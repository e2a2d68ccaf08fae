import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { findLoadedKafkajs } from './find-loaded-kafkajs.ts';

const cases: Array<{ name: string; paths: string[]; found: string | undefined }> = [
  { name: 'an empty cache', paths: [], found: undefined },
  {
    name: 'a cache without kafkajs',
    paths: ['/app/node_modules/pino/pino.js', '/app/src/kafkajs.js'],
    found: undefined,
  },
  {
    name: 'a package whose name only starts with kafkajs',
    paths: ['/app/node_modules/kafkajs-snappy/index.js'],
    found: undefined,
  },
  {
    name: 'the hoisted kafkajs',
    paths: ['/app/node_modules/pino/pino.js', '/app/node_modules/kafkajs/index.js'],
    found: '/app/node_modules/kafkajs/index.js',
  },
  {
    name: "a workspace's own copy",
    paths: ['/app/services/x/node_modules/kafkajs/src/index.js'],
    found: '/app/services/x/node_modules/kafkajs/src/index.js',
  },
  {
    name: 'a Windows path',
    paths: ['C:\\app\\node_modules\\kafkajs\\index.js'],
    found: 'C:\\app\\node_modules\\kafkajs\\index.js',
  },
];

describe('findLoadedKafkajs', () => {
  for (const { name, paths, found } of cases) {
    test(`in ${name}, finds ${found ?? 'nothing'}`, () => {
      const cache = Object.fromEntries(paths.map((path) => [path, {}]));

      assert.equal(findLoadedKafkajs(cache), found);
    });
  }
});
