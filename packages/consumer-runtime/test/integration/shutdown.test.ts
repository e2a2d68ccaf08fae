// Shutdown with work in flight: on SIGTERM the handler in progress finishes, its offset is
// committed, the group is left, and the process ends by the signal, within a bound.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import kafkajs from 'kafkajs';
import { stackEnv } from '../../../../test/support/stack-env.ts';
import { waitFor } from '../../../../test/support/wait-for.ts';
import { createTestTopics, envelope, type TestTopics } from '../support/runtime-stack.ts';
import { linesOf, type SpawnedService, spawnService } from '../support/spawn-service.ts';

const handlerMs = 3_000;
let topics: TestTopics;
let service: SpawnedService | undefined;

before(async () => {
  topics = await createTestTopics('rt-shutdown');
});

after(async () => {
  service?.child.kill('SIGKILL');
  await topics?.close();
});

async function groupState(groupId: string): Promise<{ state: string; members: number }> {
  const kafka = new kafkajs.Kafka({
    brokers: [...stackEnv.brokers],
    logLevel: kafkajs.logLevel.NOTHING,
  });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const { groups } = await admin.describeGroups([groupId]);
    return { state: groups[0]?.state ?? 'Unknown', members: groups[0]?.members.length ?? -1 };
  } finally {
    await admin.disconnect();
  }
}

describe('shutdown', () => {
  test('SIGTERM with a handler in flight: the work completes, is committed, and the group is left', async () => {
    const event = envelope('order.paid');
    service = spawnService({
      FIXTURE_PREFIX: topics.prefix,
      FIXTURE_HANDLER_MS: String(handlerMs),
    });
    await service.waitForLine((l) => l.msg === 'partitions assigned', 'service assigned');
    await topics.produce([event]);
    await service.waitForLine((l) => l.msg === 'fixture handler started', 'handler started');

    const signalledMs = Date.now();
    service.child.kill('SIGTERM');
    const exit = await waitFor(() => service?.exited.then((e) => e), {
      timeoutMs: 20_000,
      what: 'the service to exit',
    });
    const tookMs = Date.now() - signalledMs;

    assert.equal(exit.signal, 'SIGTERM', 'ended by the signal it was sent');
    assert.equal(linesOf(service, 'fixture handled', event.eventId).length, 1, 'work completed');
    assert.ok(tookMs < handlerMs + 10_000, `stopped within the bound (${tookMs} ms)`);
    const committed = await topics.committedOffsets(topics.source);
    const ends = await topics.endOffsets(topics.source);
    for (const [partition, end] of ends) {
      if (end > 0n) assert.equal(committed.get(partition), end, 'the in-flight record committed');
    }
    assert.deepEqual(await groupState(topics.topology.groupId), { state: 'Empty', members: 0 });
  });
});
