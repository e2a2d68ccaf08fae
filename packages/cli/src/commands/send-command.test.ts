// `tributary send` as a child process against a fake ingress of the test's own (port 0) that
// verifies with the ingress's createVerifier: headers, duplicates, bad signatures, exit codes.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { FakeIngress, FakeIngressOptions } from '../../test/support/fake-ingress.ts';
import { startFakeIngress } from '../../test/support/fake-ingress.ts';
import { runTributary } from '../../test/support/run-tributary.ts';
import { listExamples } from '../send/load-payload.ts';
import type { SendSourceName } from '../send/send-sources.ts';
import { sendSourceNames, sendSources } from '../send/send-sources.ts';

const scratch = mkdtempSync(join(tmpdir(), 'tributary-cli-send-'));
const payloadFile = join(scratch, 'payload.json');
writeFileSync(payloadFile, '{"zen":"Keep it logically awesome.","hook_id":1}');

const secrets: Record<SendSourceName, string> = {
  github: 'gh-secret',
  stripe: 'whsec_stripe-secret',
  shopify: 'shopify-secret',
  slack: 'slack-signing-secret',
  standard: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  generic: 'generic-secret',
};

// No secret leaks in from the developer's shell or the checkout's dev secrets file.
const cleanEnv: Record<string, string | undefined> = {
  TRIBUTARY_DEV_SECRETS_FILE: join(scratch, 'no-dev-secrets.env'),
  ...Object.fromEntries(
    sendSourceNames.map((s) => [`TRIBUTARY_SECRET_${s.toUpperCase()}`, undefined]),
  ),
};

const servers: FakeIngress[] = [];
async function fakeIngress(
  source: SendSourceName,
  options: Partial<FakeIngressOptions> = {},
): Promise<FakeIngress> {
  const server = await startFakeIngress({
    verification: sendSources[source].verification,
    secret: secrets[source],
    ...options,
  });
  servers.push(server);
  return server;
}

function send(
  server: FakeIngress,
  args: readonly string[],
  env: Record<string, string | undefined> = {},
) {
  return runTributary(['send', ...args], {
    ...cleanEnv,
    TRIBUTARY_INGRESS_URL: server.url,
    ...env,
  });
}

after(async () => {
  await Promise.all(servers.map((server) => server.close()));
});

describe('tributary send', () => {
  for (const source of sendSourceNames) {
    it(`${source}: its built-in example is signed so the ingress verifier accepts it, exit 0`, async () => {
      const server = await fakeIngress(source);
      const example = listExamples(source)[0] ?? '';

      const run = await send(server, [source, example, '--secret', secrets[source]]);

      assert.equal(run.code, 0, run.stderr.join('\n'));
      assert.equal(server.received.length, 1);
      assert.equal(server.received[0]?.path, `/webhooks/${source}`);
      assert.equal(server.received[0]?.verification.ok, true);
      assert.match(run.stdout[0] ?? '', /^1\/1 202 Accepted event=\S+ trace=trace-1$/);
      assert.deepEqual(run.stderr, []);
    });
  }

  it('github: sends the example name as x-github-event and the delivery id as x-github-delivery', async () => {
    const server = await fakeIngress('github');

    const run = await send(server, ['github', 'push', '--delivery-id', 'd-42'], {
      TRIBUTARY_SECRET_GITHUB: secrets.github,
    });

    const headers = server.received[0]?.headers;
    assert.equal(run.code, 0);
    assert.equal(headers?.['x-github-event'], 'push');
    assert.equal(headers?.['x-github-delivery'], 'd-42');
    assert.deepEqual(run.stdout, ['1/1 202 Accepted event=d-42 trace=trace-1']);
  });

  it('--duplicate 2 sends the identical signed delivery three times, one line each', async () => {
    const server = await fakeIngress('standard');

    const run = await send(server, ['standard', 'contact.created', '--duplicate', '2'], {
      TRIBUTARY_SECRET_STANDARD: secrets.standard,
    });

    assert.equal(run.code, 0);
    assert.equal(server.received.length, 3);
    const [first, ...copies] = server.received;
    for (const copy of copies) {
      assert.deepEqual(copy.body, first?.body);
      assert.equal(copy.headers['webhook-id'], first?.headers['webhook-id']);
      assert.equal(copy.headers['webhook-signature'], first?.headers['webhook-signature']);
      assert.equal(copy.verification.ok, true);
    }
    assert.match(String(first?.headers['webhook-id']), /^msg_/);
    assert.deepEqual(
      run.stdout.map((line) => line.split(' ').slice(0, 2).join(' ')),
      ['1/3 202', '2/3 202', '3/3 202'],
    );
  });

  it('--bad-signature is refused by the verifier, the 401 is expected: exit 0', async () => {
    const server = await fakeIngress('stripe');

    const run = await send(server, ['stripe', 'payment_intent.succeeded', '--bad-signature'], {
      TRIBUTARY_SECRET_STRIPE: secrets.stripe,
    });

    assert.equal(run.code, 0);
    assert.deepEqual(server.received[0]?.verification, {
      ok: false,
      reason: 'no_matching_signature',
    });
    assert.deepEqual(run.stdout, ['1/1 401 Unauthorized reason=unauthenticated']);
  });

  it('--bad-signature that gets a 2xx anyway: exit 1 with one summary line', async () => {
    const server = await fakeIngress('slack', { forcedStatus: 202 });

    const run = await send(
      server,
      ['slack', 'event_callback', '--bad-signature', '--duplicate', '1'],
      {
        TRIBUTARY_SECRET_SLACK: secrets.slack,
      },
    );

    assert.equal(run.code, 1);
    assert.equal(run.stdout.length, 2);
    assert.deepEqual(run.stderr, ['error: 2 of 2 answers were not 401']);
  });

  it('a valid delivery answered 503: exit 1, the line shows the status', async () => {
    const server = await fakeIngress('shopify', { forcedStatus: 503 });

    const run = await send(server, ['shopify', 'orders/create'], {
      TRIBUTARY_SECRET_SHOPIFY: secrets.shopify,
    });

    assert.equal(run.code, 1);
    assert.deepEqual(run.stdout, [
      '1/1 503 Service Unavailable reason=unauthenticated (expected 2xx)',
    ]);
    assert.deepEqual(run.stderr, ['error: 1 of 1 answers were not 2xx']);
  });

  it('signs with the first secret of a comma-separated TRIBUTARY_SECRET_<SOURCE>', async () => {
    const server = await fakeIngress('shopify');

    const run = await send(server, ['shopify', 'orders/create'], {
      TRIBUTARY_SECRET_SHOPIFY: `${secrets.shopify},an-older-secret`,
    });

    assert.equal(run.code, 0);
    assert.equal(server.received[0]?.headers['x-shopify-topic'], 'orders/create');
  });

  it('reads the secret from the dev secrets file when no flag or variable gives one', async () => {
    const server = await fakeIngress('generic');
    const devFile = join(scratch, 'dev-secrets.env');
    writeFileSync(devFile, `# local only\nTRIBUTARY_SECRET_GENERIC=${secrets.generic}\n`);

    const run = await send(server, ['generic', 'order.created'], {
      TRIBUTARY_DEV_SECRETS_FILE: devFile,
    });

    assert.equal(run.code, 0, run.stderr.join('\n'));
    assert.equal(server.received[0]?.verification.ok, true);
  });

  it('--url replaces the whole webhook URL', async () => {
    const server = await fakeIngress('github');

    const run = await runTributary(
      ['send', 'github', 'push', '--secret', secrets.github, '--url', `${server.url}/elsewhere`],
      cleanEnv,
    );

    assert.equal(run.code, 0);
    assert.equal(server.received[0]?.path, '/elsewhere');
  });

  it('without any secret: one line naming the variable to set, exit 1, nothing sent', async () => {
    const server = await fakeIngress('github');

    const run = await send(server, ['github', 'push']);

    assert.equal(run.code, 1);
    assert.equal(run.stderr.length, 1);
    assert.match(run.stderr[0] ?? '', /^error: no secret for github: set TRIBUTARY_SECRET_GITHUB /);
    assert.equal(server.received.length, 0);
  });

  it('connection refused: one line naming the URL, exit 1', async () => {
    const server = await fakeIngress('github');
    await server.close();

    const run = await send(server, ['github', 'push', '--secret', 's']);

    assert.equal(run.code, 1);
    assert.deepEqual(run.stdout, []);
    assert.deepEqual(run.stderr, [
      `error: cannot reach the ingress at ${server.url}/webhooks/github: connection refused (is it running?)`,
    ]);
  });

  const usageCases: readonly [string, string[], RegExp][] = [
    ['a github payload file without --event-type', ['github', payloadFile], /needs --event-type/],
    [
      '--event-type for a source that carries it in the body',
      ['stripe', 'payment_intent.succeeded', '--event-type', 'x'],
      /drop --event-type/,
    ],
    ['an unknown source', ['gitlab', 'push'], /Allowed choices are github/],
    ['a payload that is neither example nor file', ['github', 'pull_request'], /examples: push/],
    [
      'a negative --duplicate',
      ['github', 'push', '--duplicate', '-1'],
      /must be an integer from 0/,
    ],
  ];
  for (const [name, args, message] of usageCases) {
    it(`usage error, exit 2 and one line: ${name}`, async () => {
      const server = await fakeIngress('github');

      const run = await send(server, [...args, '--secret', 's']);

      assert.equal(run.code, 2);
      assert.equal(run.stderr.length, 1, run.stderr.join('\n'));
      assert.match(run.stderr[0] ?? '', message);
      assert.equal(server.received.length, 0);
    });
  }

  it('a github payload file with --event-type is sent with that type', async () => {
    const server = await fakeIngress('github');

    const run = await send(server, [
      'github',
      payloadFile,
      '--event-type',
      'ping',
      '--secret',
      secrets.github,
    ]);

    assert.equal(run.code, 0);
    assert.equal(server.received[0]?.headers['x-github-event'], 'ping');
  });
});

describe('tributary send: event ids of built-in examples', () => {
  const bodyId = (server: FakeIngress, index: number) =>
    (JSON.parse(server.received[index]?.body.toString('utf8') ?? '{}') as { id?: string }).id;

  it('a Stripe example gets a fresh event id each time, so a second send is not a duplicate', async () => {
    const server = await fakeIngress('stripe');
    const args = ['stripe', 'charge.refunded', '--secret', secrets.stripe];

    assert.equal((await send(server, args)).code, 0);
    assert.equal((await send(server, args)).code, 0);

    const [first, second] = [bodyId(server, 0), bodyId(server, 1)];
    assert.match(first ?? '', /^evt_[0-9a-f]{24}$/);
    assert.notEqual(first, second);
    assert.equal(server.received[1]?.verification.ok, true);
  });

  it('with --keep-id the example goes with the id it is stored with', async () => {
    const server = await fakeIngress('stripe');

    const run = await send(server, [
      'stripe',
      'charge.refunded',
      '--keep-id',
      '--secret',
      secrets.stripe,
    ]);

    assert.equal(run.code, 0, run.stderr.join('\n'));
    assert.equal(bodyId(server, 0), 'evt_3PgUccExample0004');
  });

  it('--delivery-id for a source whose event id is in the body: exit 2, one line, nothing sent', async () => {
    const server = await fakeIngress('stripe');

    const run = await send(server, [
      'stripe',
      'charge.refunded',
      '--delivery-id',
      'abc',
      '--secret',
      secrets.stripe,
    ]);

    assert.equal(run.code, 2);
    assert.equal(run.stderr.length, 1);
    assert.match(run.stderr[0] ?? '', /--delivery-id would do nothing/);
    assert.equal(server.received.length, 0);
  });
  it('--url that is not an http(s) URL: exit 2 with one line, nothing sent', async () => {
    const server = await fakeIngress('github');

    const run = await send(server, [
      'github',
      'push',
      '--url',
      'notaurl',
      '--secret',
      secrets.github,
    ]);

    assert.equal(run.code, 2);
    assert.deepEqual(run.stderr, [
      "error: option '--url <url>' argument 'notaurl' is invalid. must be an http:// or https:// URL; see 'tributary send --help'",
    ]);
    assert.equal(server.received.length, 0);
  });
  it('an empty --secret is a usage error, not a silent fallback to the dev secret', async () => {
    const server = await fakeIngress('github');

    const run = await send(server, ['github', 'push', '--secret', '']);

    assert.equal(run.code, 2);
    assert.deepEqual(run.stderr, ['error: --secret is empty']);
    assert.equal(server.received.length, 0);
  });
});
