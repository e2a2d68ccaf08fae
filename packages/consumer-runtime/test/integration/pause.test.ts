// A handler that pauses its partition (PauseError) against the live broker: the same record
// runs again after the pause with the same attempt number, nothing goes to a tier or the DLQ,
// and the record behind it in the partition waits for it.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { waitFor } from '../../../../test/support/wait-for.ts';
import { PauseError } from '../../src/errors/handler-errors.ts';
import { type ServiceHandle, startService } from '../../src/service/start-service.ts';
import { fastHandlerTimeoutMs, fastTimings } from '../support/fast-timings.ts';
import {
  createTestTopics,
  envelope,
  stackStartOptions,
  type TestTopics,
  testLogger,
} from '../support/runtime-stack.ts';

const pauseSeconds = 0.5;
const pauses = 3;
const head = envelope('order.paid');
const behind = envelope('order.paid');
const runs: Array<{ eventId: string; attempt: number; atMs: number }> = [];

let topics: TestTopics;
let service: ServiceHandle;

before(async () => {
  topics = await createTestTopics('rt-pause');
  service = await startService(
    {
      name: 'billing',
      eventTypes: ['order.paid'],
      handlerTimeoutMs: fastHandlerTimeoutMs,
      handler: async (event, { attempt }) => {
        runs.push({ eventId: event.eventId, attempt, atMs: Date.now() });
        const headRuns = runs.filter((r) => r.eventId === head.eventId).length;
        if (event.eventId === head.eventId && headRuns <= pauses) {
          throw new PauseError(pauseSeconds, 'downstream down');
        }
      },
    },
    { ...stackStartOptions(topics), ...fastTimings, logger: testLogger('rt-pause') },
  );
  // One key: both records in one partition, the paused one first.
  await topics.produce([
    { ...head, key: 'one-key' },
    { ...behind, key: 'one-key' },
  ]);
  await waitFor(() => service.counters().handled >= 2, {
    timeoutMs: 40_000,
    what: 'both records handled',
  });
});

after(async () => {
  await service?.stop();
  await topics?.close();
});

describe('a handler pausing its partition', () => {
  test('the record runs again after each pause, always as attempt 1, and then succeeds', () => {
    const headRuns = runs.filter((r) => r.eventId === head.eventId);

    assert.deepEqual(
      headRuns.map((r) => r.attempt),
      Array(pauses + 1).fill(1),
    );
    for (let i = 1; i < headRuns.length; i += 1) {
      const gap = (headRuns[i]?.atMs ?? 0) - (headRuns[i - 1]?.atMs ?? 0);
      assert.ok(gap >= pauseSeconds * 1000, `run ${i} came ${gap} ms after the previous one`);
    }
    assert.equal(service.counters().handlerPauses, pauses);
  });

  test('nothing is forwarded to a tier or the DLQ', () => {
    const counters = service.counters();

    assert.equal(counters.retried, 0);
    assert.equal(counters.deadLettered, 0);
  });

  test('the record behind the paused one waits for it', () => {
    const lastHead = runs.findLastIndex((r) => r.eventId === head.eventId);
    const firstBehind = runs.findIndex((r) => r.eventId === behind.eventId);

    assert.ok(firstBehind > lastHead, JSON.stringify(runs));
  });
});
