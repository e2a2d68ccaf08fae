// `tributary dlq list|show|replay` against a live consumer service: an event the handler
// refuses as permanent is dead-lettered; `replay --dry-run` changes nothing; once the cause is
// fixed, `replay` has it handled exactly once; replaying again is a no-op.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { PermanentError, type ServiceHandle, startService } from '@tributary/consumer-runtime';
import { kafkaHeaderNames } from '@tributary/contract';
import { readRecords } from '../../../../test/e2e/support/read-records.ts';
import {
  createServiceTestTopics,
  type ServiceTestTopics,
  serviceStartOptions,
  serviceTestLogger,
  testEnvelope,
} from '../../../../test/support/service-test-topics.ts';
import { stackEnv } from '../../../../test/support/stack-env.ts';
import { waitFor } from '../../../../test/support/wait-for.ts';
import { runTributary } from '../support/run-tributary.ts';

const catalogFile = fileURLToPath(new URL('../fixtures/dlq-catalog.yaml', import.meta.url));
const group = 'dlq-cli';

interface ListedLetter {
  id: string;
  eventId: string | null;
  errorClass: string | null;
  redriveCount: number;
}

describe('tributary dlq against a live service', () => {
  let topics: ServiceTestTopics;
  let service: ServiceHandle;
  let causeFixed = false;
  const handled: string[] = [];
  const poison = testEnvelope('stripe', 'charge.refunded', { id: 'ch_1', object: 'charge' });

  const dlq = (args: readonly string[]) =>
    runTributary(
      ['dlq', ...args, '--service', group, '--prefix', topics.prefix, '--catalog', catalogFile],
      {
        KAFKA_BROKERS: stackEnv.brokers.join(','),
        SCHEMA_REGISTRY_URL: stackEnv.schemaRegistryUrl,
      },
    );
  const listed = async (): Promise<ListedLetter[]> => {
    const run = await dlq(['list', '--json']);
    assert.equal(run.code, 0, run.stderr.join('\n'));
    return JSON.parse(run.stdout.join('\n')) as ListedLetter[];
  };
  // Read up to the end offsets: only right for a tier no transaction wrote to yet (a commit
  // marker occupies an offset no reader ever gets).
  const tierCopies = async () => {
    const tier = topics.topology.routes[0]?.tiers[0]?.topic ?? '';
    return readRecords([tier], { brokers: stackEnv.brokers, timeoutMs: 20_000 });
  };

  before(async () => {
    topics = await createServiceTestTopics(catalogFile, group);
    service = await startService(
      {
        name: group,
        eventTypes: ['charge.refunded'],
        handlerTimeoutMs: 5_000,
        handler: async (event) => {
          if (!causeFixed) throw new PermanentError('the ledger account is closed');
          handled.push(event.eventId);
        },
      },
      { ...serviceStartOptions(topics), logger: serviceTestLogger(group), stopOnSignals: [] },
    );
    await topics.produce([{ envelope: poison }]);
    await waitFor(async () => (await listed()).some((l) => l.eventId === poison.eventId), {
      timeoutMs: 45_000,
      intervalMs: 1_000,
      what: 'the refused event in the DLQ',
    });
  });

  after(async () => {
    await service?.stop();
    await topics?.close();
  });

  test('list shows the dead letter with its error class; show prints its headers', async () => {
    const [letter] = (await listed()).filter((l) => l.eventId === poison.eventId);
    assert.equal(letter?.errorClass, 'PermanentError');
    assert.equal(letter?.redriveCount, 0);

    const shown = await dlq(['show', letter?.id ?? '']);
    assert.equal(shown.code, 0, shown.stderr.join('\n'));
    assert.ok(shown.stdout.some((line) => line.includes(kafkaHeaderNames.errorMessage)));
    assert.ok(shown.stdout.some((line) => line.includes('the ledger account is closed')));
    assert.ok(
      shown.stdout.some((line) => /^body \(application\/json, \d+ bytes, utf8\):$/.test(line)),
    );
    assert.deepEqual(JSON.parse(shown.stdout.at(-1) ?? ''), { id: 'ch_1', object: 'charge' });
  });

  test('show with an id that is not <partition>:<offset>: exit 2 and one line', async () => {
    const run = await dlq(['show', 'not-an-id']);

    assert.equal(run.code, 2);
    assert.equal(run.stderr.length, 1);
  });

  test('replay --dry-run reports would-send and sends nothing', async () => {
    const [letter] = (await listed()).filter((l) => l.eventId === poison.eventId);
    const run = await dlq(['replay', '--dry-run', letter?.id ?? '']);

    assert.equal(run.code, 0, run.stderr.join('\n'));
    assert.match(run.stdout.at(-1) ?? '', /^dry run: 1 would-send$/);
    assert.equal((await tierCopies()).length, 0, 'no copy in the first tier');
    assert.deepEqual(handled, []);
  });

  test('once the cause is fixed, replay has the event handled once; again, it is a no-op', async () => {
    const [letter] = (await listed()).filter((l) => l.eventId === poison.eventId);
    causeFixed = true;

    const first = await dlq(['replay', letter?.id ?? '']);
    assert.equal(first.code, 0, first.stderr.join('\n'));
    assert.match(first.stdout.at(-1) ?? '', /^1 sent$/);
    await waitFor(() => handled.length > 0, {
      timeoutMs: 30_000,
      what: 'the replayed event handled',
    });

    const second = await dlq(['replay', letter?.id ?? '']);
    assert.equal(second.code, 0, second.stderr.join('\n'));
    assert.match(second.stdout.at(-1) ?? '', /^1 not-dead$/);
    assert.deepEqual(handled, [poison.eventId]);
  });
});
