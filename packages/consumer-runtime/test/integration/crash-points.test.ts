// Atomicity: the process is killed (SIGKILL) at each named point between the handler and
// the commit, then restarted. Nothing is lost, nothing is forwarded twice, and the copy
// forwarded in the killed transaction is visible to a read_uncommitted reader only.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { kafkaHeaderNames } from '@tributary/contract';
import type { KafkaMessage } from 'kafkajs';
import { waitFor } from '../../../../test/support/wait-for.ts';
import { decodeMarkValue } from '../../src/dedup/dedup-mark.ts';
import { headerText } from '../../src/headers/record-headers.ts';
import type { FaultHooks } from '../../src/process/fault-hooks.ts';
import { createTestTopics, envelope, type TestTopics } from '../support/runtime-stack.ts';
import { linesOf, type SpawnedService, spawnService } from '../support/spawn-service.ts';

const markers = mkdtempSync(join(tmpdir(), 'tributary-crash-'));
const cleanup: Array<() => Promise<void>> = [];

after(async () => {
  for (const step of cleanup) await step();
});

const eventIdsOf = (records: KafkaMessage[]) =>
  records.map((record) => headerText(record.headers, kafkaHeaderNames.eventId)).sort();

/** Runs the scenario for one crash point and returns what the topics hold afterwards. */
async function crashAndRestart(point: keyof FaultHooks) {
  const topics: TestTopics = await createTestTopics(`rt-crash-${point}`);
  const services: SpawnedService[] = [];
  cleanup.push(async () => {
    for (const service of services) service.child.kill('SIGKILL');
    await topics.close();
  });
  const events = [envelope('order.paid'), envelope('order.paid'), envelope('order.paid')];
  await topics.produce(events);
  const env = { FIXTURE_PREFIX: topics.prefix, FIXTURE_FAIL_FIRST: '1' };

  const crashing = spawnService({
    ...env,
    FIXTURE_CRASH_AT: point,
    FIXTURE_CRASH_MARKER: join(markers, point),
  });
  services.push(crashing);
  const crash = await Promise.race([
    crashing.exited,
    new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 30_000).unref()),
  ]);
  assert.equal(crash?.signal, 'SIGKILL', `killed at ${point}`);

  const restarted = spawnService(env);
  services.push(restarted);
  await waitFor(
    () => events.every((e) => linesOf(restarted, 'fixture handled', e.eventId).length > 0),
    { timeoutMs: 45_000, what: 'every event handled after the restart' },
  );
  restarted.child.kill('SIGTERM');
  await restarted.exited;

  const route = topics.topology.routes[0];
  const tier1 = route?.tiers[0]?.topic ?? '';
  const marks = new Map<string, string | undefined>();
  for (const record of await topics.read(topics.topology.dedupTopic)) {
    marks.set(record.key?.toString() ?? '', decodeMarkValue(record.value)?.state);
  }
  return {
    events,
    crashing,
    restarted,
    committed: await topics.read(tier1),
    uncommitted: await topics.read(tier1, { readUncommitted: true }),
    dlq: await topics.read(route?.dlqTopic ?? ''),
    marks,
    sourceCommitted: await topics.committedOffsets(topics.source),
    sourceEnds: await topics.endOffsets(topics.source),
  };
}

/** What both processes logged about one event, for a failure message. */
function historyOf(result: { crashing: SpawnedService; restarted: SpawnedService }, id: string) {
  const about = (service: SpawnedService) =>
    service
      .lines()
      .filter((line) => JSON.stringify(line).includes(id) || line.level === 50 || line.level === 40)
      .map(
        (line) => `${line.msg} ${line.topic ?? ''}[${line.partition ?? ''}]@${line.offset ?? ''}`,
      );
  return `crashing: ${about(result.crashing).join('; ')} | restarted: ${about(result.restarted).join('; ')}`;
}

const points: Array<{ point: keyof FaultHooks; abortedCopyVisible: boolean }> = [
  { point: 'afterHandler', abortedCopyVisible: false },
  { point: 'afterForwardSent', abortedCopyVisible: true },
  { point: 'beforeCommit', abortedCopyVisible: true },
];

// One point at a time: three crashing services and their restarts at once overload a
// 2-core machine running the broker, and the suite then measures the machine, not the runtime.
describe('killed between the handler and the commit', () => {
  for (const { point, abortedCopyVisible } of points) {
    test(`killed at ${point} and restarted: nothing lost, nothing forwarded twice`, async () => {
      const result = await crashAndRestart(point);
      const ids = result.events.map((e) => e.eventId).sort();

      assert.deepEqual(eventIdsOf(result.committed), ids, 'one committed tier copy per event');
      assert.equal(result.dlq.length, 0);
      for (const id of ids) {
        assert.equal(result.marks.get(id), 'done', `${id} marked done; ${historyOf(result, id)}`);
      }
      for (const [partition, end] of result.sourceEnds) {
        if (end > 0n) assert.equal(result.sourceCommitted.get(partition), end, 'source committed');
      }
      if (abortedCopyVisible) {
        assert.ok(
          result.uncommitted.length > result.committed.length,
          'read_uncommitted sees the aborted forward that read_committed never sees',
        );
        assert.ok(linesOf(result.crashing, 'fixture handler failing').length > 0);
      } else {
        assert.deepEqual(eventIdsOf(result.uncommitted), ids, 'nothing was sent before the kill');
      }
    });
  }
});
