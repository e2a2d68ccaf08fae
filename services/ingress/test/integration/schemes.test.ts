import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import {
  type BundledSource,
  bundledSources,
  post,
  providerSigners,
  signedDelivery,
  testSecretsEnv,
  timestampedSources,
  unsignedDelivery,
  wrongSecretFor,
} from '../support/bundled-deliveries.ts';
import { startTestIngress, type TestIngress } from '../support/test-ingress.ts';

const sources: BundledSource[] = ['github', 'stripe', 'shopify', 'slack', 'standard', 'generic'];

/** The headers carrying each scheme's signature, for the missing and malformed cases. */
const signatureHeaders: Record<BundledSource, string> = {
  github: 'x-hub-signature-256',
  stripe: 'stripe-signature',
  shopify: 'x-shopify-hmac-sha256',
  slack: 'x-slack-signature',
  standard: 'webhook-signature',
  generic: 'x-signature',
};

const toleranceMs = 300_000;

describe('every bundled scheme, against the live broker and registry', () => {
  let ingress: TestIngress;
  before(async () => {
    ingress = await startTestIngress({ sources: bundledSources, env: testSecretsEnv });
  });
  after(() => ingress.close());

  for (const source of sources) {
    describe(source, () => {
      it('accepts a delivery signed by our signer with 202 and its event id', async () => {
        const delivery = signedDelivery(source);

        const answer = await post(ingress.url, source, delivery.body, delivery.headers);

        assert.equal(answer.status, 202, JSON.stringify(answer.json));
        assert.equal(answer.json.eventId, delivery.eventId);
      });

      const refusals: Array<{
        name: string;
        make: () => { body: string; headers: Record<string, string> };
      }> = [
        {
          name: 'signed with a wrong secret',
          make: () => signedDelivery(source, { secret: wrongSecretFor(source) }),
        },
        {
          name: 'with one byte of the body changed',
          make: () => {
            const delivery = signedDelivery(source);
            return { ...delivery, body: delivery.body.replace('{"', '{"X') };
          },
        },
        {
          name: 'without its signature header',
          make: () => {
            const delivery = signedDelivery(source);
            const { [signatureHeaders[source]]: _, ...headers } = delivery.headers;
            return { body: delivery.body, headers };
          },
        },
        {
          name: 'with a malformed signature header',
          make: () => {
            const delivery = signedDelivery(source);
            return {
              body: delivery.body,
              headers: { ...delivery.headers, [signatureHeaders[source]]: 'v9=%%%' },
            };
          },
        },
      ];
      if (timestampedSources.has(source)) {
        refusals.push(
          {
            name: 'signed 301 s ago (stale)',
            make: () => signedDelivery(source, { nowMs: Date.now() - toleranceMs - 1_000 }),
          },
          {
            name: 'signed 301 s ahead (future)',
            make: () => signedDelivery(source, { nowMs: Date.now() + toleranceMs + 1_000 }),
          },
        );
      }
      for (const { name, make } of refusals) {
        it(`refuses a delivery ${name} with 401 unauthenticated`, async () => {
          const { body, headers } = make();

          const answer = await post(ingress.url, source, body, headers);

          assert.equal(answer.status, 401);
          assert.deepEqual(answer.json, {
            error: { code: 'unauthenticated', message: 'the request could not be authenticated' },
          });
        });
      }
    });
  }

  for (const signer of providerSigners) {
    it(`accepts a ${signer.source} delivery signed by ${signer.library}`, async () => {
      const delivery = unsignedDelivery(signer.source);
      const headers = {
        'content-type': 'application/json',
        ...delivery.headers,
        ...(await signer.sign(delivery)),
      };

      const answer = await post(ingress.url, signer.source, delivery.body, headers);

      assert.equal(answer.status, 202, JSON.stringify(answer.json));
      assert.equal(answer.json.eventId, delivery.eventId);
    });
  }

  it('accepts the GitHub documented vector when its secret is second in the rotation set', async () => {
    const vector = await startTestIngress({
      sources: {
        github: {
          ...bundledSources.github,
          contentTypes: ['text/plain'],
          eventId: [],
          eventType: [{ value: 'ping' }],
        },
      },
      env: { TRIBUTARY_SECRET_GITHUB: "some-newer-secret,It's a Secret to Everybody" },
    });
    try {
      const answer = await post(vector.url, 'github', 'Hello, World!', {
        'content-type': 'text/plain; charset=utf-8',
        'x-hub-signature-256':
          'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17',
      });

      assert.equal(answer.status, 202, JSON.stringify(answer.json));
      const digest = createHash('sha256').update('Hello, World!').digest('hex');
      assert.equal(answer.json.eventId, `github:sha256:${digest}`);
      assert.equal(
        vector.logLines.find((line) => line.msg === 'webhook answered')?.secretLabel,
        '1',
      );
    } finally {
      await vector.close();
    }
  });
});
