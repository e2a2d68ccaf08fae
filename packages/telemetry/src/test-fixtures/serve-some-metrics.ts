// Test fixture: records one of each pipeline instrument, serves /metrics on a free port,
// prints `{"port":N}` and stays up until the parent sends SIGTERM.
import {
  createPipelineMetrics,
  MetricAttribute,
  serveMetrics,
  shutdownTelemetry,
} from '../index.ts';

const pipeline = createPipelineMetrics();
pipeline.webhooksReceived.add(1, {
  [MetricAttribute.source]: 'github',
  [MetricAttribute.eventType]: 'push',
  [MetricAttribute.outcome]: 'accepted',
  [MetricAttribute.httpStatus]: 202,
});
pipeline.receiptToProcessedMs.record(42, { [MetricAttribute.group]: 'ledger' });
pipeline.dlqDepth.addCallback((result) => result.observe(3, { [MetricAttribute.group]: 'ledger' }));

const server = await serveMetrics({ port: 0 });
process.stdout.write(`${JSON.stringify({ port: server.port })}\n`);
process.once('SIGTERM', async () => {
  await server.close();
  await shutdownTelemetry();
});
