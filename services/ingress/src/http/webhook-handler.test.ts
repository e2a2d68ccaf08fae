import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startAppUnderTest } from '../test-fixtures/app-under-test.ts';
import { sign } from '../verification/signers/sign.ts';

/** The JSON bodies the ingress answers with. */
interface AnswerBody {
  eventId?: string;
  traceId?: string | null;
  error?: { code: string; message: string };
}

const secret = 'unit-test-secret-value-9f8e7d';
const env = { TRIBUTARY_SECRET_GITHUB: `${secret},older-secret-value-1a2b3c` };
const body = JSON.stringify({ repository: { id: 4242 }, zen: 'Keep it logically awesome.' });

function githubHeaders(payload: string, signWith = secret): Record<string, string> {
  return {
    'content-type': 'application/json',
    'x-github-event': 'push',
    'x-github-delivery': 'delivery-1',
    ...sign('github', signWith, payload, Date.now()),
  };
}

async function post(
  url: string,
  path: string,
  payload: string | Buffer,
  headers: Record<string, string>,
) {
  const response = await fetch(`${url}${path}`, { method: 'POST', headers, body: payload });
  return {
    status: response.status,
    headers: response.headers,
    json: (await response.json()) as AnswerBody,
  };
}

describe('webhook handler', () => {
  let app: Awaited<ReturnType<typeof startAppUnderTest>>;
  before(async () => {
    app = await startAppUnderTest({ env });
  });
  after(() => app.close());

  it('answers 202 with the event id, publishing one record keyed by the partition key', async () => {
    const answer = await post(app.url, '/webhooks/github', body, githubHeaders(body));

    assert.equal(answer.status, 202);
    assert.deepEqual(answer.json, { eventId: 'delivery-1', traceId: null });
    const record = app.batches.at(-1)?.[0];
    assert.equal(record?.topic, 'webhooks.github.v1');
    assert.equal(record?.messages[0]?.key, '4242');
    assert.equal(record?.messages[0]?.headers['tributary-event-id'], 'delivery-1');
    assert.equal(record?.messages[0]?.headers['tributary-event-type'], 'push');
  });

  it('builds the envelope from the exact body, allow-listed headers and the secret that matched', async () => {
    const headers = {
      ...githubHeaders(body, 'older-secret-value-1a2b3c'),
      'User-Agent': 'GitHub-Hookshot/abc',
    };
    await post(app.url, '/webhooks/github', body, headers);

    const envelope = app.envelopes.at(-1);
    assert.ok(envelope);
    assert.equal(envelope.body.toString(), body);
    assert.equal(envelope.eventType, 'push');
    assert.equal(envelope.deliveryId, 'delivery-1');
    assert.deepEqual(envelope.headers, {
      'x-github-event': 'push',
      'user-agent': 'GitHub-Hookshot/abc',
    });
    assert.deepEqual(envelope.verification, {
      scheme: 'github',
      secretLabel: '1',
      timestampChecked: false,
    });
    assert.equal(envelope.contentType, 'application/json');
    assert.equal(envelope.sourceIp, '127.0.0.1');
  });

  it('answers every verification failure with one identical 401 body', async () => {
    const failures = [
      githubHeaders(body, 'wrong-secret'),
      { ...githubHeaders(body), 'x-hub-signature-256': 'sha256=zz' },
      { 'content-type': 'application/json', 'x-github-event': 'push' },
      githubHeaders(`${body} `),
    ];

    const answers = await Promise.all(
      failures.map((headers) => post(app.url, '/webhooks/github', body, headers)),
    );

    for (const answer of answers) {
      assert.equal(answer.status, 401);
      assert.deepEqual(answer.json, answers[0]?.json);
    }
    assert.equal(answers[0]?.json.error?.code, 'unauthenticated');
  });

  it('logs one line per webhook with its outcome, the internal reason kept out of the answer', async () => {
    await post(app.url, '/webhooks/github', body, githubHeaders(body, 'wrong-secret'));

    const line = app.webhookLines().at(-1);
    assert.equal(line?.status, 401);
    assert.equal(line?.outcome, 'rejected');
    assert.equal(line?.code, 'unauthenticated');
    assert.equal(line?.reason, 'no_matching_signature');
    assert.equal(line?.source, 'github');
    assert.equal(typeof line?.durationMs, 'number');
    assert.ok(!Number.isNaN(Date.parse(String(line?.time))));
  });

  it('logs accepted webhooks with time, source, event type, event id, status, duration and outcome', async () => {
    await post(app.url, '/webhooks/github', body, githubHeaders(body));

    const line = app.webhookLines().at(-1) ?? {};
    for (const field of [
      'time',
      'source',
      'eventType',
      'eventId',
      'status',
      'durationMs',
      'outcome',
    ]) {
      assert.ok(field in line, `log line has ${field}`);
    }
    assert.equal(line.outcome, 'accepted');
    assert.equal(line.level, 'info');
  });

  it('never writes a secret or a signature into the log', async () => {
    const headers = githubHeaders(body);
    await post(app.url, '/webhooks/github', body, headers);
    await post(app.url, '/webhooks/github', body, githubHeaders(body, 'wrong-secret'));

    const log = app.rawLog.join('');
    assert.ok(!log.includes(secret), 'secret absent');
    assert.ok(!log.includes('older-secret-value-1a2b3c'), 'second secret absent');
    assert.ok(!log.includes(headers['x-hub-signature-256'] ?? 'x'), 'signature absent');
  });

  it('serves the probes: liveness 200, readiness 200 with its checks, metrics 503 without the telemetry bootstrap', async () => {
    const health = await fetch(`${app.url}/healthz`);
    const ready = await fetch(`${app.url}/readyz`);
    const metrics = await fetch(`${app.url}/metrics`);

    assert.equal(health.status, 200);
    assert.deepEqual(await ready.json(), {
      status: 'ready',
      checks: { producerConnected: true, schemaIdsCached: true, draining: false },
    });
    assert.equal(metrics.status, 503);
    assert.match(await metrics.text(), /telemetry bootstrap did not start/);
  });

  const routingCases = [
    {
      name: 'an unknown source',
      method: 'POST',
      path: '/webhooks/gitlab',
      status: 404,
      code: 'unknown_source',
    },
    { name: 'another path', method: 'POST', path: '/hooks/github', status: 404, code: 'not_found' },
    {
      name: 'GET on a source',
      method: 'GET',
      path: '/webhooks/github',
      status: 405,
      code: 'method_not_allowed',
    },
    {
      name: 'a path that does not decode',
      method: 'POST',
      path: '/webhooks/%E0%A4%A',
      status: 400,
      code: 'malformed_request',
    },
  ];
  for (const { name, method, path, status, code } of routingCases) {
    it(`answers ${name} with ${status} ${code}`, async () => {
      const response = await fetch(`${app.url}${path}`, { method });

      assert.equal(response.status, status);
      assert.equal(((await response.json()) as AnswerBody).error?.code, code);
      if (status === 405) {
        assert.equal(response.headers.get('allow'), 'POST');
        assert.ok(
          app
            .webhookLines()
            .some((line) => line.code === code && line.status === 405 && line.method === method),
          'the refused webhook has its log line',
        );
      }
    });
  }
});

describe('webhook handler without a configured secret', () => {
  it('answers 401 to a delivery signed with any secret', async () => {
    const app = await startAppUnderTest({ env: {} });
    try {
      const answer = await post(app.url, '/webhooks/github', body, githubHeaders(body));

      assert.equal(answer.status, 401);
      assert.equal(app.webhookLines().at(-1)?.reason, 'no_secrets_configured');
      assert.equal(app.batches.length, 0);
    } finally {
      await app.close();
    }
  });
});

describe('webhook handler under pressure', () => {
  it('when publishes do not finish within the deadline, answers 503 publish_timeout with Retry-After', async () => {
    const app = await startAppUnderTest({
      env,
      send: () => new Promise(() => undefined),
      publish: { deadlineMs: 100, unavailableRetryAfterSeconds: 7 },
    });
    try {
      const startedMs = Date.now();
      const answer = await post(app.url, '/webhooks/github', body, githubHeaders(body));

      assert.equal(answer.status, 503);
      assert.equal(answer.json.error?.code, 'publish_timeout');
      assert.equal(answer.headers.get('retry-after'), '7');
      assert.ok(Date.now() - startedMs < 2_000);
      assert.equal(app.webhookLines().at(-1)?.level, 'error');
    } finally {
      await app.close();
    }
  });

  it('when the publishes in flight are at their bound, answers 429 saturated with Retry-After', async () => {
    const app = await startAppUnderTest({
      env,
      send: () => new Promise(() => undefined),
      publish: { deadlineMs: 60_000, maxInFlight: 1, saturatedRetryAfterSeconds: 2 },
    });
    try {
      const hung = fetch(`${app.url}/webhooks/github`, {
        method: 'POST',
        headers: githubHeaders(body),
        body,
      }).catch(() => undefined);
      for (let i = 0; i < 100 && app.publisher.inFlight === 0; i += 1) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      const answer = await post(app.url, '/webhooks/github', body, githubHeaders(body));

      assert.equal(answer.status, 429);
      assert.equal(answer.json.error?.code, 'saturated');
      assert.equal(answer.headers.get('retry-after'), '2');
      void hung;
    } finally {
      await app.close();
    }
  });

  it('when a source is over its rate, answers 429 rate_limited with the seconds until the next token', async () => {
    const app = await startAppUnderTest({
      env,
      sources: {
        github: {
          verification: { scheme: 'github' },
          eventType: [{ header: 'x-github-event' }],
          rateLimit: { perSecond: 0.1, burst: 1 },
        },
      },
      nowMs: () => 1_000_000,
    });
    try {
      const first = await post(app.url, '/webhooks/github', body, githubHeaders(body));
      const second = await post(app.url, '/webhooks/github', body, githubHeaders(body));

      assert.equal(first.status, 202);
      assert.equal(second.status, 429);
      assert.equal(second.json.error?.code, 'rate_limited');
      assert.equal(second.headers.get('retry-after'), '10');
    } finally {
      await app.close();
    }
  });

  const gateCases = [
    { state: 'not_ready', readyz: 503 },
    { state: 'shutting_down', readyz: 503 },
  ] as const;
  for (const { state, readyz } of gateCases) {
    it(`while ${state}, answers webhooks 503 ${state} with Retry-After`, async () => {
      const app = await startAppUnderTest({ env, unavailable: () => state });
      try {
        const answer = await post(app.url, '/webhooks/github', body, githubHeaders(body));

        assert.equal(answer.status, 503);
        assert.equal(answer.json.error?.code, state);
        assert.equal(answer.headers.get('retry-after'), '5');
        assert.equal((await fetch(`${app.url}/readyz`)).status, readyz);
      } finally {
        await app.close();
      }
    });
  }
});

describe('webhook handler counting answers', () => {
  it('counts every answered webhook once, by source, event type when known, outcome and status', async () => {
    const app = await startAppUnderTest({ env });
    try {
      await post(app.url, '/webhooks/github', body, githubHeaders(body));
      await post(app.url, '/webhooks/github', body, githubHeaders(body, 'forged-secret'));
      await post(app.url, '/webhooks/gitlab', body, githubHeaders(body));
      await fetch(`${app.url}/webhooks/github`);

      assert.deepEqual(app.webhookCounts, [
        { source: 'github', event_type: 'push', outcome: 'accepted', http_status: '202' },
        { source: 'github', outcome: 'rejected', http_status: '401' },
        { source: 'unknown', outcome: 'rejected', http_status: '404' },
        { source: 'github', outcome: 'rejected', http_status: '405' },
      ]);
    } finally {
      await app.close();
    }
  });

  it('counts a publish that times out as failed with status 503 and its event type', async () => {
    const app = await startAppUnderTest({
      env,
      send: () => new Promise(() => undefined),
      publish: { deadlineMs: 50 },
    });
    try {
      await post(app.url, '/webhooks/github', body, githubHeaders(body));

      assert.deepEqual(app.webhookCounts, [
        { source: 'github', event_type: 'push', outcome: 'failed', http_status: '503' },
      ]);
    } finally {
      await app.close();
    }
  });
});
