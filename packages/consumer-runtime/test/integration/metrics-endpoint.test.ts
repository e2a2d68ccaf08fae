// The metricsPort start option: the endpoint is up while the service runs and gone after stop();
// a taken port fails the start before any broker connection is made.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { serveMetrics } from '@tributary/telemetry';
import { freePort } from '../../../../test/support/free-port.ts';
import { waitFor } from '../../../../test/support/wait-for.ts';
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
  topics = await createTestTopics('rt-metrics');
});

after(async () => {
  await topics?.close();
});

const definition = {
  name: 'billing',
  eventTypes: ['order.paid'],
  handlerTimeoutMs: 5_000,
  handler: async () => {},
};

describe('metrics endpoint of a service', () => {
  test('serves /metrics on metricsPort while running (503 here: no telemetry bootstrap), and closes it on stop', async () => {
    const port = await freePort();
    const service = await startService(definition, {
      ...stackStartOptions(topics),
      ...fastTimings,
      logger: testLogger('rt-metrics'),
      metricsPort: port,
    });
    let answer: Response;
    try {
      assert.equal(service.metricsPort, port);
      answer = await fetch(`http://127.0.0.1:${port}/metrics`);
    } finally {
      await service.stop();
    }

    assert.equal(answer.status, 503);
    assert.match(await answer.text(), /telemetry bootstrap did not start/);
    await assert.rejects(fetch(`http://127.0.0.1:${port}/metrics`), 'closed after stop()');
  });

  test('/readyz answers 200 once the instance joined its group with partitions, 503 once stopping', async () => {
    const port = await freePort();
    const service = await startService(definition, {
      ...stackStartOptions(topics),
      ...fastTimings,
      logger: testLogger('rt-metrics'),
      metricsPort: port,
    });
    const readyz = async () => (await fetch(`http://127.0.0.1:${port}/readyz`)).status;
    try {
      await waitFor(async () => (await readyz()) === 200, {
        timeoutMs: 30_000,
        what: 'the service ready',
      });
      assert.ok(service.assignment().length > 0, 'ready means partitions are assigned');
    } finally {
      const stopping = service.stop();
      assert.equal(await readyz(), 503, 'not ready once stop() began');
      await stopping;
    }
  });

  test('without metricsPort no endpoint is opened', async () => {
    const service = await startService(definition, {
      ...stackStartOptions(topics),
      ...fastTimings,
      logger: testLogger('rt-metrics'),
    });
    await service.stop();

    assert.equal(service.metricsPort, undefined);
  });

  test('a metricsPort already taken fails the start with METRICS_PORT_IN_USE', async () => {
    const taken = await serveMetrics({ port: 0 });
    try {
      await assert.rejects(
        startService(definition, {
          ...stackStartOptions(topics),
          ...fastTimings,
          logger: testLogger('rt-metrics'),
          metricsPort: taken.port,
        }),
        { code: 'METRICS_PORT_IN_USE' },
      );
    } finally {
      await taken.close();
    }
  });
});
