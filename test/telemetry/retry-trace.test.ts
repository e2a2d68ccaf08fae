// One signed webhook through the ingress and a consumer that fails its first attempt, both run
// as processes under the telemetry bootstrap against the local stack: the one trace in Jaeger
// holds every hop, retry included, and both metrics endpoints counted what happened.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { post, signedDelivery } from '../../services/ingress/test/support/bundled-deliveries.ts';
import { createServiceTestTopics, type ServiceTestTopics } from '../support/service-test-topics.ts';
import { stackEnv, uniqueName } from '../support/stack-env.ts';
import { waitFor } from '../support/wait-for.ts';
import { type Sample, sampleValue, scrape } from './support/prometheus-text.ts';
import {
  type RunningConsumerProcess,
  type RunningIngressProcess,
  startConsumerProcess,
  startIngressProcess,
} from './support/telemetry-processes.ts';

const catalogFile = fileURLToPath(new URL('fixtures/catalog.yaml', import.meta.url));
const observability = new URL('../../deploy/observability/', import.meta.url);

interface JaegerSpan {
  spanID: string;
  operationName: string;
  processID: string;
  references: Array<{ refType: string; spanID: string }>;
  tags: Array<{ key: string; value: unknown }>;
}
interface JaegerTrace {
  spans: JaegerSpan[];
  processes: Record<string, { serviceName: string }>;
}

const tag = (span: JaegerSpan | undefined, key: string) =>
  span?.tags.find((each) => each.key === key)?.value;

async function fetchTrace(traceId: string): Promise<JaegerTrace | undefined> {
  const response = await fetch(`${stackEnv.jaegerQueryUrl}/api/traces/${traceId}`, {
    signal: AbortSignal.timeout(5_000),
  });
  if (!response.ok) return undefined;
  return ((await response.json()) as { data: JaegerTrace[] | null }).data?.[0];
}

/** Every `tributary_*` metric name in the dashboard's and the alert rules' expressions. */
function observabilityMetricNames(): string[] {
  const dashboard = JSON.parse(
    readFileSync(new URL('grafana-dashboard.json', observability), 'utf8'),
  );
  const expressions: string[] = [];
  const collect = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(collect);
    else if (typeof node === 'object' && node !== null) {
      for (const [key, value] of Object.entries(node)) {
        if (key === 'expr' && typeof value === 'string') expressions.push(value);
        else collect(value);
      }
    }
  };
  collect(dashboard);
  const rules = readFileSync(new URL('prometheus-rules.yaml', observability), 'utf8');
  // The rules' `expr:` blocks, up to the next key of the same rule.
  for (const block of rules.matchAll(/expr: \|?\n?([\s\S]*?)\n\s+(?:for|labels):/g)) {
    expressions.push(block[1] as string);
  }
  const names = expressions.flatMap((expr) => expr.match(/\btributary_[a-z0-9_]+\b/g) ?? []);
  return [...new Set(names)].sort();
}

describe('one retried webhook, traced and counted end to end', { timeout: 180_000 }, () => {
  let topics: ServiceTestTopics;
  let ingress: RunningIngressProcess | undefined;
  let consumer: RunningConsumerProcess | undefined;
  const ingressName = uniqueName('telemetry-ingress');
  const consumerName = uniqueName('telemetry-consumer');
  const delivery = signedDelivery('github');
  let traceId = '';

  before(async () => {
    topics = await createServiceTestTopics(catalogFile, 'retrier');
    const telemetry = { OTEL_EXPORTER_OTLP_ENDPOINT: stackEnv.otlpEndpoint };
    ingress = await startIngressProcess(topics.prefix, {
      ...telemetry,
      OTEL_SERVICE_NAME: ingressName,
    });
    consumer = await startConsumerProcess(topics.prefix, {
      failFirst: true,
      telemetry: { ...telemetry, OTEL_SERVICE_NAME: consumerName },
    });
  });
  after(async () => {
    await Promise.all([ingress?.process.stop(), consumer?.process.stop()]);
    await topics?.close();
  });

  const group = () => topics.topology.groupId;
  const tierTopic = () => topics.topology.routes[0]?.tiers[0]?.topic ?? '';

  it('accepts the webhook, and the consumer handles it on its second attempt', async () => {
    const answer = await post(ingress?.url ?? '', 'github', delivery.body, delivery.headers);

    assert.equal(answer.status, 202, JSON.stringify(answer.json));
    traceId = String(answer.json.traceId);
    assert.match(traceId, /^[0-9a-f]{32}$/);
    const handled = await consumer?.process.waitForLine(
      (line) => line.msg === 'fixture handled' && line.eventId === delivery.eventId,
      'the event handled',
    );
    assert.equal(handled?.attempt, 2);
  });

  it('holds the server, send, failed process and retried process spans in the one trace', async () => {
    const source = topics.source;
    const ours = (span: JaegerSpan) =>
      tag(span, 'otel.scope.name') === '@tributary/consumer-runtime';
    const trace = await waitFor(
      async () => {
        const found = await fetchTrace(traceId);
        const names = new Set(found?.spans.filter(ours).map((span) => span.operationName));
        return names.has(`process ${source}`) && names.has(`process ${tierTopic()}`)
          ? found
          : undefined;
      },
      {
        timeoutMs: 30_000,
        intervalMs: 500,
        what: `both process spans of trace ${traceId} in Jaeger`,
      },
    );
    const byName = (name: string) => trace.spans.filter((span) => span.operationName === name);
    const serviceOf = (span: JaegerSpan | undefined) =>
      trace.processes[span?.processID ?? '']?.serviceName;

    const server = trace.spans.find(
      (span) => span.operationName.startsWith('POST') && tag(span, 'span.kind') === 'server',
    );
    assert.equal(serviceOf(server), ingressName, 'the ingress HTTP server span');

    const [send] = byName(`send ${source}`).filter((span) => serviceOf(span) === ingressName);
    assert.ok(send, `a send ${source} span`);
    assert.equal(tag(send, 'span.kind'), 'producer');
    assert.equal(tag(send, 'messaging.system'), 'kafka');
    assert.equal(tag(send, 'messaging.destination.name'), source);
    assert.equal(tag(send, 'messaging.message.id'), delivery.eventId);

    const [failed, ...moreFirst] = byName(`process ${source}`).filter(ours);
    const [retried, ...moreRetried] = byName(`process ${tierTopic()}`).filter(ours);
    assert.ok(failed && retried);
    assert.deepEqual([moreFirst.length, moreRetried.length], [0, 0], 'one span per attempt');
    assert.equal(serviceOf(failed), consumerName);
    assert.equal(failed.references[0]?.spanID, send.spanID, 'the first attempt is a child of send');
    // The failed attempt's forward to the tier is a producer span of its own, and the copy it
    // sent carries its context: the retry is that span's child, in the webhook's trace.
    const [forward, ...moreForwards] = byName(`send ${tierTopic()}`).filter(ours);
    assert.ok(forward, `a send ${tierTopic()} span`);
    assert.equal(moreForwards.length, 0);
    assert.equal(tag(forward, 'span.kind'), 'producer');
    assert.equal(
      forward.references[0]?.spanID,
      failed.spanID,
      'the forward is a child of the failed attempt',
    );
    assert.equal(tag(forward, 'messaging.destination.partition.id'), '0');
    assert.equal(tag(forward, 'messaging.consumer.group.name'), group());
    assert.equal(tag(forward, 'messaging.message.id'), delivery.eventId);
    assert.deepEqual(
      retried.references.map(({ refType, spanID }) => ({ refType, spanID })),
      [{ refType: 'CHILD_OF', spanID: forward.spanID }],
    );
    assert.equal(tag(failed, 'otel.status_code'), 'ERROR');
    assert.notEqual(tag(retried, 'otel.status_code'), 'ERROR');

    for (const [span, topic, attempt] of [
      [failed, source, 1],
      [retried, tierTopic(), 2],
    ] as const) {
      assert.equal(tag(span, 'span.kind'), 'consumer');
      assert.equal(tag(span, 'messaging.system'), 'kafka');
      assert.equal(tag(span, 'messaging.destination.name'), topic);
      assert.equal(tag(span, 'messaging.destination.partition.id'), '0');
      assert.equal(typeof tag(span, 'messaging.kafka.offset'), 'number');
      assert.equal(tag(span, 'messaging.consumer.group.name'), group());
      assert.equal(tag(span, 'messaging.message.id'), delivery.eventId);
      assert.equal(tag(span, 'tributary.event.id'), delivery.eventId);
      assert.equal(tag(span, 'tributary.attempt'), attempt);
    }
  });

  it("logs the retry forward with the webhook's trace id", async () => {
    const line = await consumer?.process.waitForLine(
      (l) => l.msg === 'record sent to a retry tier',
      'the retry forward logged',
    );

    assert.equal(line?.traceId, traceId);
  });

  it('exports no trace for the consumer but its records: no batch poll, producer init or probe traces', async () => {
    // The consumer has polled its source and tier topics many times by now, read its dedup
    // marks, initialised a producer per partition and answered its readiness probe; each of
    // these would otherwise be a trace of its own in Jaeger. Only its records' traces remain,
    // rooted in the webhook's HTTP span.
    const url = `${stackEnv.jaegerQueryUrl}/api/traces?service=${encodeURIComponent(consumerName)}&limit=200&lookback=1h`;
    const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
    assert.equal(response.status, 200);
    const traces = ((await response.json()) as { data: JaegerTrace[] | null }).data ?? [];
    const roots = traces.flatMap((t) => t.spans).filter((s) => s.references.length === 0);
    const noise = roots.filter((s) => /^(poll |transaction$|GET$)/.test(s.operationName));

    assert.ok(traces.length > 0, 'the consumer has traces in Jaeger');
    assert.deepEqual(
      noise.map((s) => s.operationName),
      [],
    );
  });

  it('counts the arrival at the ingress, and the retry and the success at the consumer', async () => {
    const ingressScrape = await scrape(`${ingress?.url}/metrics`);
    assert.equal(ingressScrape.status, 200);
    assert.equal(
      sampleValue(ingressScrape.samples, 'tributary_webhooks_received_total', {
        source: 'github',
        event_type: 'pull_request',
        outcome: 'accepted',
        http_status: '202',
      }),
      1,
    );
    assert.equal(
      sampleValue(ingressScrape.samples, 'tributary_ingress_publishes_in_flight', {}),
      0,
    );

    const base = { consumer_group: group(), event_type: 'pull_request' };
    // Outcomes are counted once the batch commits, a moment after the handler logged.
    const samples = await waitFor(
      async () => {
        const { samples } = await scrape(`http://127.0.0.1:${consumer?.metricsPort}/metrics`);
        const handled = sampleValue(samples, 'tributary_events_processed_total', {
          ...base,
          topic: tierTopic(),
          outcome: 'handled',
        });
        return handled === undefined ? undefined : samples;
      },
      { timeoutMs: 15_000, intervalMs: 250, what: 'the handled record counted' },
    );
    const processed = (topic: string, outcome: string) =>
      sampleValue(samples, 'tributary_events_processed_total', { ...base, topic, outcome });
    assert.equal(processed(topics.source, 'retried'), 1);
    assert.equal(processed(tierTopic(), 'handled'), 1);
    assert.equal(
      processed(topics.source, 'handled'),
      undefined,
      'the first attempt did not succeed',
    );
    assert.equal(
      sampleValue(samples, 'tributary_retries_forwarded_total', {
        consumer_group: group(),
        tier: '1',
      }),
      1,
    );
    const latency = { consumer_group: group(), topic: topics.source, outcome: 'handled' };
    assert.equal(
      sampleValue(samples, 'tributary_events_receipt_to_processed_ms_count', latency),
      1,
    );
    // The record waited its one-second tier: the time from receipt covers it.
    const sumMs = sampleValue(samples, 'tributary_events_receipt_to_processed_ms_sum', latency);
    assert.ok(sumMs !== undefined && sumMs >= 1_000, `latency sum ${sumMs} ms`);
    assert.equal(
      sampleValue(samples, 'tributary_dlq_depth', { consumer_group: group(), partition: '0' }),
      0,
    );
  });

  it('serves every metric the dashboard and the alert rules query', async () => {
    const wanted = observabilityMetricNames();
    assert.ok(wanted.length >= 7, `names found: ${wanted.join(', ')}`);

    const scrapes = await Promise.all([
      scrape(`${ingress?.url}/metrics`),
      scrape(`http://127.0.0.1:${consumer?.metricsPort}/metrics`),
    ]);
    const served = new Set(scrapes.flatMap(({ samples }) => samples.map((s: Sample) => s.name)));

    assert.deepEqual(
      wanted.filter((name) => !served.has(name)),
      [],
      `served: ${[...served].filter((name) => name.startsWith('tributary_')).join(', ')}`,
    );
  });
});
