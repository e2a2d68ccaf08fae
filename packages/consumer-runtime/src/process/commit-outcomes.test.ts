import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Producer, TopicMessages } from 'kafkajs';
import { decodeMarkValue } from '../dedup/dedup-mark.ts';
import { isRuntimeError } from '../errors/runtime-error.ts';
import { commitOutcomes } from './commit-outcomes.ts';
import type { RecordOutcome } from './record-outcome.ts';

/** A producer whose transaction records each call; `failAt` makes that call reject. */
function recordingProducer(failAt?: string) {
  const calls: string[] = [];
  const sent: TopicMessages[] = [];
  const step = async (name: string) => {
    calls.push(name);
    if (name === failAt) throw new Error(`${name} failed`);
  };
  const producer = {
    transaction: async () => ({
      sendBatch: async ({ topicMessages }: { topicMessages: TopicMessages[] }) => {
        sent.push(...topicMessages);
        await step('sendBatch');
      },
      sendOffsets: () => step('sendOffsets'),
      commit: () => step('commit'),
      abort: () => step('abort'),
    }),
  } as unknown as Producer;
  return { producer, calls, sent };
}

const mark = { state: 'retrying' as const, atMs: 1, attempts: 1, redrives: 0 };
const outcomes: RecordOutcome[] = [
  { kind: 'skipped', reason: 'duplicate', eventId: 'e0' },
  { kind: 'done', eventId: 'e1', mark: { ...mark, state: 'done' } },
  {
    kind: 'retry',
    eventId: 'e2',
    mark,
    forward: { topic: 'retry.1', message: { key: 'e2', value: 'v', partition: 3 } },
    errorClass: 'Error',
    attempt: 1,
    undecodable: false,
    tier: 1,
  },
];
const request = (producer: Producer, hooks: string[] = []) => ({
  producer,
  groupId: 'billing',
  dedupTopic: 'billing.dedup',
  at: { topic: 'webhooks.orders.v1', partition: 3 },
  nextOffset: '10',
  outcomes,
  faultHooks: {
    afterForwardSent: () => void hooks.push('afterForwardSent'),
    beforeCommit: () => void hooks.push('beforeCommit'),
  },
});

describe('commitOutcomes', () => {
  test('sends forwards and marks, then the offsets, then commits: one transaction', async () => {
    const { producer, calls, sent } = recordingProducer();
    const hooks: string[] = [];

    await commitOutcomes(request(producer, hooks));

    assert.deepEqual(calls, ['sendBatch', 'sendOffsets', 'commit']);
    assert.deepEqual(hooks, ['afterForwardSent', 'beforeCommit']);
    assert.deepEqual(
      sent.map((t) => [t.topic, t.messages.map((m) => `${m.key}@${m.partition}`)]),
      [
        ['billing.dedup', ['e1@3', 'e2@3']],
        ['retry.1', ['e2@3']],
      ],
    );
    const marks = sent[0]?.messages.map((m) => decodeMarkValue(m.value as Buffer)?.state);
    assert.deepEqual(marks, ['done', 'retrying']);
  });

  for (const failAt of ['sendBatch', 'sendOffsets', 'commit']) {
    test(`when ${failAt} fails, aborts and throws TRANSACTION_FAILED`, async () => {
      const { producer, calls } = recordingProducer(failAt);

      await assert.rejects(commitOutcomes(request(producer)), (error: unknown) =>
        isRuntimeError(error, 'TRANSACTION_FAILED'),
      );
      assert.equal(calls[calls.length - 1], 'abort');
    });
  }
});
