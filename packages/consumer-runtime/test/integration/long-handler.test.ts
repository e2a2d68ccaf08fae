// A handler running 1.5 times the session timeout while a second member joins the group:
// the consumer keeps heartbeating during the handler and rejoins once the batch committed,
// so the record is not handed to the newcomer and runs once.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { waitFor } from '../../../../test/support/wait-for.ts';
import type { ServiceDefinition } from '../../src/service/service-definition.ts';
import { type ServiceHandle, startService } from '../../src/service/start-service.ts';
import { fastTimings } from '../support/fast-timings.ts';
import {
  createTestTopics,
  envelope,
  stackStartOptions,
  type TestTopics,
  testLogger,
} from '../support/runtime-stack.ts';

const sessionTimeoutMs = fastTimings.sessionTimeoutMs;
const handlerMs = sessionTimeoutMs * 1.5;
// The member in its handler must rejoin within the rebalance timeout.
const timings = { ...fastTimings, rebalanceTimeoutMs: 25_000 };

let topics: TestTopics;
const services: ServiceHandle[] = [];
const runs: Array<{ startedMs: number; endedMs?: number }> = [];

const definition: ServiceDefinition = {
  name: 'billing',
  eventTypes: ['order.paid'],
  handlerTimeoutMs: handlerMs + 5_000,
  handler: async (_event, context) => {
    const run: { startedMs: number; endedMs?: number } = { startedMs: Date.now() };
    runs.push(run);
    // The handler's own slow work (a slow downstream), not a wait in the test.
    await delay(handlerMs, undefined, { signal: context.signal });
    run.endedMs = Date.now();
  },
};

async function startMember(label: string): Promise<ServiceHandle> {
  const service = await startService(definition, {
    ...stackStartOptions(topics),
    ...timings,
    logger: testLogger(label),
  });
  services.push(service);
  return service;
}

before(async () => {
  topics = await createTestTopics('rt-long');
});

after(async () => {
  await Promise.all(services.map((service) => service.stop()));
  await topics?.close();
});

describe('a long handler while the group rebalances', () => {
  test('a handler taking 1.5 times the session timeout while another member joins runs once', async () => {
    const first = await startMember('rt-long-1');
    await waitFor(() => first.assignment().length > 0, { what: 'first member assigned' });
    await topics.produce([envelope('order.paid')]);
    await waitFor(() => runs.length === 1, { what: 'the handler started' });

    const second = await startMember('rt-long-2');
    await waitFor(() => runs[0]?.endedMs !== undefined, {
      timeoutMs: handlerMs + 10_000,
      what: 'the handler finished',
    });
    await waitFor(() => second.assignment().length > 0 && first.counters().handled === 1, {
      timeoutMs: 30_000,
      what: 'the rebalance completed with the record committed',
    });
    // The newcomer has fetched from the committed offsets of whatever it was given.
    const committed = await topics.committedOffsets(topics.source);
    const ends = await topics.endOffsets(topics.source);

    assert.equal(runs.length, 1, 'the handler ran once');
    assert.ok((runs[0]?.endedMs ?? 0) - (runs[0]?.startedMs ?? 0) >= handlerMs);
    assert.equal(first.counters().handled + second.counters().handled, 1);
    for (const [partition, end] of ends) {
      if (end > 0n) assert.equal(committed.get(partition), end, 'committed before the handoff');
    }
  });
});
