// Start and stop: a stop right after start (during the first join) ends cleanly and leaves
// no connection open behind it.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startService } from '../../src/service/start-service.ts';
import { fastTimings } from '../support/fast-timings.ts';
import {
  createTestTopics,
  stackStartOptions,
  type TestTopics,
  testLogger,
} from '../support/runtime-stack.ts';

let topics: TestTopics;

before(async () => {
  topics = await createTestTopics('rt-lifecycle');
});

after(async () => {
  await topics?.close();
});

const openSockets = () =>
  process.getActiveResourcesInfo().filter((name) => name === 'TCPSocketWrap').length;

describe('lifecycle', () => {
  test('a stop right after start ends cleanly and leaves no connection open', async () => {
    const before = openSockets();
    const service = await startService(
      {
        name: 'billing',
        eventTypes: ['order.paid'],
        handlerTimeoutMs: 5_000,
        handler: async () => {},
      },
      { ...stackStartOptions(topics), ...fastTimings, logger: testLogger('rt-lifecycle') },
    );

    await service.stop();
    await service.stop();

    assert.equal(openSockets(), before);
  });
  test('afterStop runs once, after the drain closed every connection, however often stop() is called', async () => {
    const before = openSockets();
    const seen: number[] = [];
    const service = await startService(
      {
        name: 'billing',
        eventTypes: ['order.paid'],
        handlerTimeoutMs: 5_000,
        handler: async () => {},
      },
      {
        ...stackStartOptions(topics),
        ...fastTimings,
        logger: testLogger('rt-lifecycle'),
        afterStop: () => {
          seen.push(openSockets());
        },
      },
    );

    await Promise.all([service.stop(), service.stop()]);

    assert.deepEqual(seen, [before]);
  });
});
