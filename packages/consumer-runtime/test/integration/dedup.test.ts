// Dedup across processes: the same event id delivered before a restart, after it, and while a
// second instance has joined the group is handled once. Each instance is its own process, so
// nothing held in one process's memory can make this pass: the marks come from the topic.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { waitFor } from '../../../../test/support/wait-for.ts';
import { createTestTopics, envelope, type TestTopics } from '../support/runtime-stack.ts';
import { linesOf, type SpawnedService, spawnService } from '../support/spawn-service.ts';

let topics: TestTopics;
const running: SpawnedService[] = [];

function start(): SpawnedService {
  const service = spawnService({ FIXTURE_PREFIX: topics.prefix, FIXTURE_LOG_LEVEL: 'debug' });
  running.push(service);
  return service;
}

async function stop(service: SpawnedService): Promise<void> {
  service.child.kill('SIGTERM');
  const { signal } = await service.exited;
  assert.equal(signal, 'SIGTERM', 'the service ends by the signal after a clean stop');
}

const assigned = (service: SpawnedService) => linesOf(service, 'partitions assigned').length;
const duplicatesSkipped = (service: SpawnedService, eventId: string) =>
  linesOf(service, 'record skipped', eventId).filter((line) => line.reason === 'duplicate').length;

before(async () => {
  topics = await createTestTopics('rt-dedup');
});

after(async () => {
  for (const service of running) service.child.kill('SIGKILL');
  await topics?.close();
});

describe('dedup on the compacted topic', () => {
  test('one event id delivered before a restart, after it, and with a second instance joined: handled once', async () => {
    const event = envelope('order.paid');

    const first = start();
    await first.waitForLine((l) => l.msg === 'partitions assigned', 'first instance assigned');
    await topics.produce([event]);
    await first.waitForLine(
      (l) => l.msg === 'fixture handled' && l.eventId === event.eventId,
      'first delivery handled',
    );
    await stop(first);

    const restarted = start();
    await restarted.waitForLine((l) => l.msg === 'dedup marks rebuilt', 'marks rebuilt');
    await topics.produce([event]);
    await waitFor(() => duplicatesSkipped(restarted, event.eventId) === 1, {
      what: 'the redelivery after the restart skipped',
    });

    const second = start();
    await waitFor(() => assigned(second) >= 1 && assigned(restarted) >= 2, {
      timeoutMs: 30_000,
      what: 'both instances assigned after the second joined',
    });
    await topics.produce([event]);
    // Whichever instance owns the event's partition now skips it.
    await waitFor(
      () =>
        duplicatesSkipped(restarted, event.eventId) + duplicatesSkipped(second, event.eventId) ===
        2,
      {
        timeoutMs: 30_000,
        what: 'the third delivery skipped',
      },
    );

    const handled = running.flatMap((s) => linesOf(s, 'fixture handled', event.eventId));
    const started = running.flatMap((s) => linesOf(s, 'fixture handler started', event.eventId));
    assert.equal(handled.length, 1, 'handled once');
    assert.equal(started.length, 1, 'the handler ran once');
    await Promise.all([stop(restarted), stop(second)]);
  });
});
