import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  consumerGroupId,
  dedupTopicName,
  dlqTopicName,
  retryTopicName,
  sourceTopicName,
  valueSubjectName,
} from './topic-names.ts';

const parts = { source: 'github', major: 1, group: 'audit' };

describe('topic names', () => {
  const built = [
    {
      name: 'source topic',
      build: (p: string) => sourceTopicName(parts, p),
      want: 'webhooks.github.v1',
    },
    {
      name: 'retry tier 2',
      build: (p: string) => retryTopicName({ ...parts, tier: 2 }, p),
      want: 'webhooks.github.v1.audit.retry.2',
    },
    {
      name: 'DLQ',
      build: (p: string) => dlqTopicName(parts, p),
      want: 'webhooks.github.v1.audit.dlq',
    },
    { name: 'dedup topic', build: (p: string) => dedupTopicName('audit', p), want: 'audit.dedup' },
    { name: 'consumer group', build: (p: string) => consumerGroupId('audit', p), want: 'audit' },
    {
      name: 'value subject',
      build: (p: string) => valueSubjectName(sourceTopicName(parts, p)),
      want: 'webhooks.github.v1-value',
    },
  ];
  for (const { name, build, want } of built) {
    test(`the ${name} is ${want}, and carries the prefix once at the front`, () => {
      assert.equal(build(''), want);
      assert.equal(build('run42.'), `run42.${want}`);
    });
  }

  const refused = [
    {
      name: 'a source with a dot',
      build: () => sourceTopicName({ source: 'git.hub', major: 1 }),
      message: /source name "git.hub"/,
    },
    {
      name: 'an empty source',
      build: () => sourceTopicName({ source: '', major: 1 }),
      message: /source name ""/,
    },
    {
      name: 'major 0',
      build: () => sourceTopicName({ source: 'github', major: 0 }),
      message: /major version must be an integer from 1/,
    },
    {
      name: 'retry tier 0',
      build: () => retryTopicName({ ...parts, tier: 0 }),
      message: /retry tier must be/,
    },
    {
      name: 'a group with a space',
      build: () => dedupTopicName('my group'),
      message: /group name "my group"/,
    },
    {
      name: 'a prefix with a slash',
      build: () => consumerGroupId('audit', 'a/b.'),
      message: /prefix "a\/b\."/,
    },
    {
      name: 'a name past 249 characters',
      build: () => sourceTopicName({ source: 'x'.repeat(240), major: 1 }),
      message: /Kafka allows at most 249/,
    },
  ];
  for (const { name, build, message } of refused) {
    test(`refuses ${name} with INVALID_NAME`, () => {
      assert.throws(build, { code: 'INVALID_NAME', message });
    });
  }
});
