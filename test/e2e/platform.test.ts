// The whole platform on real webhook payloads: the ingress, the ledger and the notifier run as
// processes (the commands `platform up` runs) under this run's prefix, with ports, a ledger
// file and a chat sink of the suite's own, so a platform started by `npm start` is untouched.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  applyTopicCatalog,
  type CommandOutput,
  dlqTopicName,
  kafkaHeaderNames,
  registerEnvelopeSchemas,
  sourceTopicName,
} from '@tributary/contract';
import { ledgerEventTypes, openLedgerReader } from '@tributary/ledger';
import { notifierEventTypes } from '@tributary/notifier';
import { planBatch } from '../../packages/cli/src/demo/plan-batch.ts';
import {
  documentedPayloads,
  githubPayloads,
  poisonStripePayload,
  type RealPayload,
} from '../../packages/cli/src/demo/real-payloads.ts';
import { type DeliveryOutcome, sendBatch } from '../../packages/cli/src/demo/send-batch.ts';
import {
  type ChatSink,
  createChatSink,
} from '../../packages/cli/src/platform/chat-sink/create-chat-sink.ts';
import { newDevSecret } from '../../packages/cli/src/platform/ensure-dev-secrets.ts';
import { platformProcesses } from '../../packages/cli/src/platform/platform-processes.ts';
import type { PlatformSettings } from '../../packages/cli/src/platform/platform-settings.ts';
import { secretVariable } from '../../packages/cli/src/send/resolve-secret.ts';
import { sendSourceNames } from '../../packages/cli/src/send/send-sources.ts';
import { freePort } from '../support/free-port.ts';
import { stackEnv } from '../support/stack-env.ts';
import { waitFor } from '../support/wait-for.ts';
import { groupLag, readRecords } from './support/read-records.ts';
import { type RunningServices, runServices } from './support/run-services.ts';

const repoRoot = join(import.meta.dirname, '..', '..');
const prefix = `${stackEnv.runPrefix}e2e.`;
const quiet: CommandOutput = { line: () => {}, fail: () => {} };
const ledgerTypes = new Set<string>(ledgerEventTypes);
const notifierTypes = new Set<string>(notifierEventTypes);

/** Which consumer services an event concerns, by its source and type. */
function consumersOf(payload: RealPayload): string[] {
  if (payload.source === 'stripe' && ledgerTypes.has(payload.eventType)) return ['ledger'];
  if (payload.source === 'github' && notifierTypes.has(payload.eventType)) return ['notifier'];
  return [];
}

/** Every n-th of `items`, so 130 of 329 GitHub payloads still cover every event type. */
function spread<T>(items: readonly T[], count: number): T[] {
  return Array.from(
    { length: count },
    (_, i) => items[Math.floor((i * items.length) / count)] as T,
  );
}

const isAccepted = (status: number) => status >= 200 && status < 300;

describe('the platform end to end, on real webhook payloads', { timeout: 300_000 }, () => {
  const secrets = new Map(
    sendSourceNames.map((source) => [secretVariable(source), newDevSecret(source)]),
  );
  const workDir = mkdtempSync(join(tmpdir(), 'tributary-e2e-'));
  const ledgerDatabase = join(workDir, 'ledger.sqlite');
  let sink: ChatSink;
  let services: RunningServices | undefined;
  let outcomes: DeliveryOutcome[] = [];
  let good: DeliveryOutcome[] = [];
  let bad: DeliveryOutcome[] = [];
  let poison: DeliveryOutcome;

  before(async () => {
    await applyTopicCatalog(
      { brokers: stackEnv.brokers, prefix, dryRun: false, increasePartitions: false },
      quiet,
    );
    await registerEnvelopeSchemas({ registryUrl: stackEnv.schemaRegistryUrl, prefix }, quiet);
    sink = await createChatSink({ port: 0 });
    const settings: PlatformSettings = {
      repoRoot,
      stateDir: workDir,
      prefix,
      brokers: stackEnv.brokers,
      registryUrl: stackEnv.schemaRegistryUrl,
      otlpEndpoint: stackEnv.otlpEndpoint,
      jaegerUrl: stackEnv.jaegerQueryUrl,
      ingressPort: await freePort(),
      chatSinkPort: Number(new URL(sink.url).port),
      metricsPorts: { ledger: await freePort(), notifier: await freePort() },
      otherMetricsFrom: await freePort(),
      ledgerDatabase,
      devSecretsFile: join(workDir, 'unused.env'),
    };
    // The suite owns the chat sink (in process), so the platform's own sink process is left out.
    const processes = platformProcesses(settings, ['ledger', 'notifier'], secrets).filter(
      (spec) => spec.name !== 'chat-sink',
    );
    services = await runServices(processes, {
      cwd: repoRoot,
      logDir: workDir,
      brokers: stackEnv.brokers,
    });

    // 130 real GitHub deliveries, 60 Stripe and 30 Shopify events from the documented shapes:
    // every tenth sent twice, six badly signed, and one event the ledger cannot handle.
    const tag = prefix.replace(/\W/g, '');
    const payloads = [
      ...spread(githubPayloads(), 130),
      ...documentedPayloads('stripe', 60, `${tag}g`),
      ...documentedPayloads('shopify', 30),
    ].sort(() => Math.random() - 0.5);
    const badlySigned = [
      ...spread(githubPayloads(), 2),
      ...documentedPayloads('stripe', 2, `${tag}b`),
      ...documentedPayloads('shopify', 2),
    ];
    const plan = planBatch({ payloads, badlySigned, poison: poisonStripePayload(tag) });
    outcomes = await sendBatch(plan, {
      ingressBaseUrl: `http://127.0.0.1:${settings.ingressPort}`,
      secretOf: (source) => secrets.get(secretVariable(source)) as string,
    });
    good = outcomes.filter((o) => !o.planned.badSignature && !o.planned.poison);
    bad = outcomes.filter((o) => o.planned.badSignature);
    poison = outcomes.find((o) => o.planned.poison) as DeliveryOutcome;
  });

  after(async () => {
    await services?.stop();
    await sink?.close();
  });

  it('sends at least 200 real payloads, about one in ten twice, a few badly signed', () => {
    assert.ok(good.length >= 200, `${good.length} good deliveries`);
    const twice = good.filter((o) => o.planned.copies === 2).length;
    assert.ok(twice >= good.length / 12 && twice <= good.length / 8, `${twice} sent twice`);
    assert.ok(bad.length >= 3, `${bad.length} badly signed`);
  });

  it('accepts every well-signed copy with 2xx, the same event id for both copies', () => {
    const refused = [...good, poison].filter(
      (o) => !o.statuses.every(isAccepted) || o.eventId === undefined,
    );
    assert.deepEqual(
      refused.map(
        (o) => `${o.planned.payload.origin}: ${o.statuses.join(',')} ${o.reasons.join(',')}`,
      ),
      [],
    );
    assert.equal(new Set(good.map((o) => o.eventId)).size, good.length, 'event ids are distinct');
  });

  it('answers every bad signature 401 and publishes nothing for it on any topic', async () => {
    assert.deepEqual(
      bad.map((o) => o.statuses),
      bad.map(() => [401]),
    );
    const topics = ['github', 'stripe', 'shopify'].map((source) =>
      sourceTopicName({ source, major: 1 }, prefix),
    );
    const records = await readRecords(topics, { brokers: stackEnv.brokers });

    const published = new Set(records.map((r) => r.headers[kafkaHeaderNames.eventId]));
    // The ids a bad delivery would have had: its delivery id (GitHub, Shopify) or body id (Stripe).
    const badIds = bad.flatMap((o) => [
      o.planned.deliveryId,
      String(JSON.parse(o.planned.payload.body.toString()).id),
    ]);
    assert.deepEqual(
      badIds.filter((id) => published.has(id)),
      [],
    );
    const acceptedPosts = outcomes.flatMap((o) => o.statuses).filter(isAccepted).length;
    assert.equal(records.length, acceptedPosts, 'one record per accepted POST, none for a 401');
  });

  it('has the ledger handle every Stripe event it keeps exactly once', async () => {
    const expected = good.filter((o) => consumersOf(o.planned.payload).includes('ledger'));
    assert.ok(expected.length >= 30, `${expected.length} ledger events`);
    const topic = sourceTopicName({ source: 'stripe', major: 1 }, prefix);
    const retries = [1, 2, 3].map((n) => `${topic}.ledger.retry.${n}`);
    const reader = await waitFor(() => openLedgerReader(ledgerDatabase), {
      what: 'the ledger file',
    });
    try {
      await waitFor(
        async () => {
          const rows = await Promise.all(expected.map((o) => reader.event(o.eventId as string)));
          return rows.every((row) => row !== undefined);
        },
        { timeoutMs: 90_000, intervalMs: 500, what: `${expected.length} ledger rows` },
      );
      await waitFor(
        async () =>
          (await groupLag(stackEnv.brokers, `${prefix}ledger`, [topic, ...retries])) === 0n,
        {
          timeoutMs: 60_000,
          intervalMs: 500,
          what: 'the ledger group to catch up',
        },
      );
      const rows = await reader.events();
      const expectedIds = new Set(expected.map((o) => o.eventId));
      assert.deepEqual(
        rows
          .filter((row) => row.deliveries !== 1)
          .map((row) => `${row.eventId}: ${row.deliveries}`),
        [],
      );
      assert.deepEqual(
        rows.map((row) => row.eventId).filter((id) => !expectedIds.has(id)),
        [],
      );
      assert.equal(rows.length, expected.length);
    } finally {
      await reader.close();
    }
  });

  it('has the notifier post every GitHub event it summarises exactly once', async () => {
    const expected = good.filter((o) => consumersOf(o.planned.payload).includes('notifier'));
    assert.ok(expected.length >= 40, `${expected.length} notifier events`);
    const topic = sourceTopicName({ source: 'github', major: 1 }, prefix);
    const retries = [1, 2, 3].map((n) => `${topic}.notifier.retry.${n}`);
    await waitFor(() => expected.every((o) => sink.countsByKey().has(o.eventId as string)), {
      timeoutMs: 90_000,
      intervalMs: 500,
      what: `${expected.length} chat messages (have ${sink.messages.length})`,
    });
    await waitFor(
      async () =>
        (await groupLag(stackEnv.brokers, `${prefix}notifier`, [topic, ...retries])) === 0n,
      {
        timeoutMs: 60_000,
        intervalMs: 500,
        what: 'the notifier group to catch up',
      },
    );
    const counts = sink.countsByKey();
    assert.deepEqual(
      [...counts].filter(([, n]) => n !== 1).map(([key, n]) => `${key}: ${n}`),
      [],
    );
    assert.deepEqual(
      new Set(counts.keys()),
      new Set(expected.map((o) => o.eventId)),
      'one message per summarised event, none for other types',
    );
    for (const message of sink.messages) {
      assert.ok(message.text.includes(message.idempotencyKey), 'the event id is in the text too');
    }
  });

  it('keeps the poison event in the ledger DLQ with its headers', async () => {
    const dlq = dlqTopicName({ source: 'stripe', major: 1, group: 'ledger' }, prefix);
    const records = await readRecords([dlq], {
      brokers: stackEnv.brokers,
      until: (read) => read.some((r) => r.headers[kafkaHeaderNames.eventId] === poison.eventId),
    });
    const record = records.find((r) => r.headers[kafkaHeaderNames.eventId] === poison.eventId);
    const headers = record?.headers ?? {};
    assert.equal(
      headers[kafkaHeaderNames.originalTopic],
      sourceTopicName({ source: 'stripe', major: 1 }, prefix),
    );
    assert.match(headers[kafkaHeaderNames.originalPartition] ?? '', /^\d+$/);
    assert.match(headers[kafkaHeaderNames.originalOffset] ?? '', /^\d+$/);
    assert.equal(headers[kafkaHeaderNames.attemptCount], '1');
    assert.equal(headers[kafkaHeaderNames.errorClass], 'PermanentError');
    assert.match(headers[kafkaHeaderNames.errorMessage] ?? '', /created/);
    assert.equal(headers[kafkaHeaderNames.eventType], 'payment_intent.succeeded');
    assert.match(
      headers[kafkaHeaderNames.traceparent] ?? '',
      /^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$/,
    );
  });

  it("carries the webhook's own trace context on the poison event's DLQ record", async () => {
    const dlq = dlqTopicName({ source: 'stripe', major: 1, group: 'ledger' }, prefix);
    const records = await readRecords([dlq], {
      brokers: stackEnv.brokers,
      until: (read) => read.some((r) => r.headers[kafkaHeaderNames.eventId] === poison.eventId),
    });
    const record = records.find((r) => r.headers[kafkaHeaderNames.eventId] === poison.eventId);
    // DESIGN.md: retries and dead letters stay in the one trace of the webhook.
    assert.equal(record?.headers[kafkaHeaderNames.traceparent]?.split('-')[1], poison.traceId);
  });

  it('has a Jaeger trace per accepted event spanning the ingress and each consumer it concerns', async () => {
    const missing = new Map<string, string>();
    const check = async (outcome: DeliveryOutcome): Promise<void> => {
      const wanted = ['tributary-ingress', ...consumersOf(outcome.planned.payload)];
      const services = await traceServices(outcome.traceId as string);
      const absent = wanted.filter((name) => !services.has(name));
      if (absent.length === 0) missing.delete(outcome.eventId as string);
      else
        missing.set(
          outcome.eventId as string,
          `${outcome.planned.payload.origin} trace ${outcome.traceId} lacks ${absent.join(', ')}`,
        );
    };
    let pending = [...good, poison];
    await waitFor(
      async () => {
        for (let i = 0; i < pending.length; i += 8)
          await Promise.all(pending.slice(i, i + 8).map(check));
        pending = pending.filter((o) => missing.has(o.eventId as string));
        return pending.length === 0;
      },
      { timeoutMs: 90_000, intervalMs: 2_000, what: 'traces in Jaeger' },
    ).catch(() => undefined);
    assert.deepEqual(
      [...missing.values()].slice(0, 10),
      [],
      `${missing.size} events without a whole trace`,
    );
  });
});

/** The service names of a trace's spans in Jaeger; empty while Jaeger does not have it. */
async function traceServices(traceId: string): Promise<Set<string>> {
  const response = await fetch(`${stackEnv.jaegerQueryUrl}/api/traces/${traceId}`, {
    signal: AbortSignal.timeout(5_000),
  });
  if (!response.ok) return new Set();
  const body = (await response.json()) as {
    data?: { processes: Record<string, { serviceName: string }>; spans: { processID: string }[] }[];
  };
  const trace = body.data?.[0];
  if (trace === undefined) return new Set();
  return new Set(trace.spans.map((span) => trace.processes[span.processID]?.serviceName ?? ''));
}
