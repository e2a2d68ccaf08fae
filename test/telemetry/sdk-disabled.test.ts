// With OTEL_SDK_DISABLED=true the ingress and a consumer, still started under the telemetry
// bootstrap, process a webhook as usual and never open a connection to the OTLP endpoint: it
// points at a TCP listener this suite owns, which counts every connection made to it.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { post, signedDelivery } from '../../services/ingress/test/support/bundled-deliveries.ts';
import { createServiceTestTopics, type ServiceTestTopics } from '../support/service-test-topics.ts';
import { scrape } from './support/prometheus-text.ts';
import {
  type RunningConsumerProcess,
  type RunningIngressProcess,
  startConsumerProcess,
  startIngressProcess,
} from './support/telemetry-processes.ts';

const catalogFile = fileURLToPath(new URL('fixtures/catalog.yaml', import.meta.url));

describe('with OTEL_SDK_DISABLED=true', { timeout: 120_000 }, () => {
  let topics: ServiceTestTopics;
  let ingress: RunningIngressProcess | undefined;
  let consumer: RunningConsumerProcess | undefined;
  let listener: Server;
  let connections = 0;
  const delivery = signedDelivery('github');

  before(async () => {
    listener = createServer((socket) => {
      connections += 1;
      socket.destroy();
    });
    await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
    const { port } = listener.address() as { port: number };
    // Both the generic and the traces-only variable, so no exporter falls back to a default.
    const telemetry = {
      OTEL_SDK_DISABLED: 'true',
      OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}`,
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `http://127.0.0.1:${port}/v1/traces`,
    };
    topics = await createServiceTestTopics(catalogFile, 'retrier');
    ingress = await startIngressProcess(topics.prefix, telemetry);
    consumer = await startConsumerProcess(topics.prefix, { failFirst: false, telemetry });
  });
  after(async () => {
    await Promise.all([ingress?.process.stop(), consumer?.process.stop()]);
    await topics?.close();
    await new Promise<void>((resolve) => listener.close(() => resolve()));
  });

  it('the ingress accepts a webhook, without a trace id, and the consumer handles it', async () => {
    const answer = await post(ingress?.url ?? '', 'github', delivery.body, delivery.headers);

    assert.equal(answer.status, 202, JSON.stringify(answer.json));
    assert.deepEqual(answer.json, { eventId: delivery.eventId, traceId: null });
    const handled = await consumer?.process.waitForLine(
      (line) => line.msg === 'fixture handled' && line.eventId === delivery.eventId,
      'the event handled',
    );
    assert.equal(handled?.attempt, 1);
  });

  it('both metrics endpoints say metrics are off, with 503', async () => {
    const answers = await Promise.all([
      scrape(`${ingress?.url}/metrics`),
      scrape(`http://127.0.0.1:${consumer?.metricsPort}/metrics`),
    ]);

    assert.deepEqual(
      answers.map(({ status }) => status),
      [503, 503],
    );
  });

  it('after both stopped (when an SDK would flush its spans), the OTLP endpoint saw no connection', async () => {
    const ended = await Promise.all([ingress?.process.stop(), consumer?.process.stop()]);

    assert.deepEqual(ended, [
      { code: 0, signal: null },
      { code: null, signal: 'SIGTERM' },
    ]);
    assert.equal(connections, 0);
  });
});
