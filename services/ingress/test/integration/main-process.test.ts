// The ingress as deployed: `src/main.ts` under the telemetry bootstrap, configured only by
// environment variables, traced to Jaeger, stopped by SIGTERM.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { sourceTopicName } from '@tributary/contract';
import { stackEnv, uniqueName } from '../../../../test/support/stack-env.ts';
import { waitFor } from '../../../../test/support/wait-for.ts';
import { sign } from '../../src/verification/signers/sign.ts';
import {
  post,
  signedDelivery,
  testSecrets,
  testSecretsEnv,
} from '../support/bundled-deliveries.ts';
import { readTopic } from '../support/read-topic.ts';
import { createTopics } from '../support/test-ingress.ts';

const serviceDir = fileURLToPath(new URL('../..', import.meta.url));
const olderGithubSecret = 'an-older-github-secret-still-in-rotation';

interface JaegerTrace {
  spans: Array<{
    operationName: string;
    spanID: string;
    references: Array<{ refType: string; traceID: string; spanID: string }>;
    tags: Array<{ key: string; value: unknown }>;
  }>;
}

describe('the ingress process (src/main.ts)', () => {
  const prefix = `${uniqueName('ingress-main')}.`;
  const serviceName = uniqueName('ingress-main');
  const topic = sourceTopicName({ source: 'github', major: 1 }, prefix);
  const output: string[] = [];
  let url = '';
  let exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  let child: ReturnType<typeof spawn>;

  before(async () => {
    await createTopics(stackEnv.brokers, [topic]);
    const inherited = Object.fromEntries(
      Object.entries(process.env).filter(
        ([name]) => !name.startsWith('OTEL_') && !name.startsWith('TRIBUTARY_SECRET_'),
      ),
    );
    child = spawn(
      process.execPath,
      [
        '--disable-warning=TimeoutNegativeWarning',
        '--import',
        '@tributary/telemetry/register',
        'src/main.ts',
      ],
      {
        cwd: serviceDir,
        env: {
          ...inherited,
          ...testSecretsEnv,
          TRIBUTARY_SECRET_GITHUB: `${testSecrets.github},${olderGithubSecret}`,
          TRIBUTARY_SECRET_SHOPIFY: '',
          TRIBUTARY_INGRESS_HOST: '127.0.0.1',
          TRIBUTARY_INGRESS_PORT: '0',
          TRIBUTARY_TOPIC_PREFIX: prefix,
          TRIBUTARY_REGISTER_SCHEMAS: '1',
          KAFKA_BROKERS: stackEnv.brokers.join(','),
          SCHEMA_REGISTRY_URL: stackEnv.schemaRegistryUrl,
          OTEL_EXPORTER_OTLP_ENDPOINT: stackEnv.otlpEndpoint,
          OTEL_SERVICE_NAME: serviceName,
        },
      },
    );
    child.stdout?.on('data', (chunk: Buffer) => void output.push(chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => void output.push(chunk.toString()));
    exited = new Promise((resolve) =>
      child.on('close', (code, signal) => resolve({ code, signal })),
    );

    const listening = await waitFor(
      () => lines().find((line) => line.msg === 'ingress listening'),
      {
        timeoutMs: 30_000,
        what: `"ingress listening" in the output:\n${output.join('')}`,
      },
    );
    url = `http://127.0.0.1:${listening.port}`;
    await waitFor(() => lines().some((line) => line.msg === 'ingress ready'), {
      timeoutMs: 30_000,
      what: '"ingress ready" in the output',
    });
  });
  after(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });

  const lines = () =>
    output
      .join('')
      .split('\n')
      .flatMap((line) => {
        try {
          return [JSON.parse(line) as Record<string, unknown>];
        } catch {
          return [];
        }
      });

  let accepted: { eventId: string; traceId: string; signature: string } | undefined;
  // A caller's trace context, unsampled: the webhook's trace must start at the ingress anyway.
  const callerTraceId = 'a1'.repeat(16);
  const callerTraceparent = `00-${callerTraceId}-${'b2'.repeat(8)}-00`;

  it('answers a signed delivery 202 with its event id and trace id, and refuses others 401', async () => {
    const delivery = signedDelivery('github');
    const older = signedDelivery('github', { secret: olderGithubSecret });
    const shopify = signedDelivery('shopify');

    const answer = await post(url, 'github', delivery.body, {
      ...delivery.headers,
      traceparent: callerTraceparent,
    });
    const rotated = await post(url, 'github', older.body, older.headers);
    const forged = await post(url, 'github', delivery.body, {
      ...delivery.headers,
      ...sign('github', 'forged-secret', delivery.body, Date.now()),
    });
    const unconfigured = await post(url, 'shopify', shopify.body, shopify.headers);

    assert.equal(answer.status, 202, JSON.stringify(answer.json));
    assert.equal(answer.json.eventId, delivery.eventId);
    assert.match(String(answer.json.traceId), /^[0-9a-f]{32}$/);
    assert.notEqual(answer.json.traceId, callerTraceId, 'the trace starts at the ingress');
    assert.equal(rotated.status, 202);
    assert.equal(forged.status, 401);
    assert.equal(
      unconfigured.status,
      401,
      'a source whose secret variable is empty accepts nothing',
    );
    accepted = {
      eventId: delivery.eventId,
      traceId: String(answer.json.traceId),
      signature: delivery.headers['x-hub-signature-256'] as string,
    };
  });

  it('writes one log line per webhook with the fields DESIGN.md lists and the trace id', () => {
    const line = lines().find(
      (each) => each.msg === 'webhook answered' && each.eventId === accepted?.eventId,
    );

    assert.ok(line, 'a line for the accepted webhook');
    for (const field of [
      'time',
      'source',
      'eventType',
      'eventId',
      'status',
      'durationMs',
      'outcome',
    ]) {
      assert.ok(field in line, `has ${field}`);
    }
    assert.equal(line.status, 202);
    assert.equal(line.traceId, accepted?.traceId);
  });

  it('writes no secret and no signature anywhere in its output', () => {
    const text = output.join('');

    for (const secret of [...Object.values(testSecrets), olderGithubSecret]) {
      assert.ok(!text.includes(secret), 'a secret reached the output');
    }
    assert.ok(accepted !== undefined && !text.includes(accepted.signature.slice('sha256='.length)));
  });

  it('on SIGTERM drains, disconnects and exits 0', async () => {
    child.kill('SIGTERM');

    const ended = await Promise.race([
      exited,
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error('no exit within 20 s')), 20_000),
      ),
    ]);

    assert.deepEqual(ended, { code: 0, signal: null });
    assert.ok(lines().some((line) => line.msg === 'ingress stopped'));
  });

  it('published the record, and its trace in Jaeger holds the server, verify, publish and send spans', async () => {
    const records = await readTopic(topic, 2);
    const record = records.find((each) => each.envelope.eventId === accepted?.eventId);
    assert.ok(
      record?.headers.traceparent?.includes(accepted?.traceId ?? '-'),
      'traceparent of the webhook trace',
    );

    const trace = await waitFor(
      async () => {
        const response = await fetch(`${stackEnv.jaegerQueryUrl}/api/traces/${accepted?.traceId}`, {
          signal: AbortSignal.timeout(5_000),
        });
        if (!response.ok) return undefined;
        const found = ((await response.json()) as { data: JaegerTrace[] | null }).data?.[0];
        return found?.spans.some((span) => span.operationName.startsWith('send '))
          ? found
          : undefined;
      },
      { timeoutMs: 20_000, intervalMs: 250, what: `trace ${accepted?.traceId} in Jaeger` },
    );
    const names = trace.spans.map((span) => span.operationName);
    for (const name of ['verify', 'publish', `send ${topic}`]) {
      assert.ok(names.includes(name), `span ${name} in ${names.join(', ')}`);
    }
    const server = trace.spans.find((span) => span.operationName === 'POST /webhooks/:source');
    assert.ok(server, `an HTTP server span named by its route in ${names.join(', ')}`);
    const tags = new Map(server.tags.map((tag) => [tag.key, tag.value]));
    assert.equal(tags.get('span.kind'), 'server');
    assert.equal(tags.get('http.route'), '/webhooks/:source');
    assert.equal(tags.get('http.request.method'), 'POST');
    assert.equal(tags.get('http.response.status_code'), 202);
    assert.equal(tags.get('url.path'), '/webhooks/github');
    assert.deepEqual(
      server.references.map((reference) => [reference.refType, reference.traceID]),
      [['FOLLOWS_FROM', callerTraceId]],
      "the server span is the root of the trace, linked to the caller's context",
    );
    for (const name of ['verify', 'publish']) {
      const child = trace.spans.find((span) => span.operationName === name);
      assert.equal(child?.references[0]?.spanID, server.spanID, `${name} is a child of it`);
    }
    const publish = trace.spans.find((span) => span.operationName === 'publish');
    const send = trace.spans.find((span) => span.operationName === `send ${topic}`);
    assert.equal(
      send?.references[0]?.spanID,
      publish?.spanID,
      'the send span is a child of publish',
    );
  });
});
