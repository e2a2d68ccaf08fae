import { randomBytes, randomUUID } from 'node:crypto';
import { sign as octokitSign } from '@octokit/webhooks-methods';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import Stripe from 'stripe';
import { Webhook as SvixWebhook } from 'svix';
import { defaultIngressConfig } from '../../src/config/default-ingress-config.ts';
import type { SourceConfig } from '../../src/config/source-config.ts';
import type { VerifierConfig } from '../../src/verification/create-verifier.ts';
import { sign } from '../../src/verification/signers/sign.ts';

/** Names of the bundled sources. */
export type BundledSource = 'github' | 'stripe' | 'shopify' | 'slack' | 'standard' | 'generic';

/** The bundled sources, as the ingress serves them by default. */
export const bundledSources = defaultIngressConfig.sources as Readonly<
  Record<BundledSource, SourceConfig>
>;

/** One test secret per bundled source, random per run, and the environment holding them. */
export const testSecrets: Readonly<Record<BundledSource, string>> = Object.freeze({
  github: `gh-${randomBytes(12).toString('hex')}`,
  stripe: `whsec_${randomBytes(12).toString('hex')}`,
  shopify: `shpss_${randomBytes(12).toString('hex')}`,
  slack: `slk-${randomBytes(12).toString('hex')}`,
  standard: `whsec_${randomBytes(24).toString('base64')}`,
  generic: `gen-${randomBytes(12).toString('hex')}`,
});

/** A secret of the right shape for `source` that is not its configured one. */
export function wrongSecretFor(source: BundledSource): string {
  return source === 'standard' ? `whsec_${randomBytes(24).toString('base64')}` : 'not-the-secret';
}

/** `TRIBUTARY_SECRET_<SOURCE>` for every bundled source. */
export const testSecretsEnv: Readonly<Record<string, string>> = Object.freeze(
  Object.fromEntries(
    Object.entries(testSecrets).map(([source, secret]) => [
      `TRIBUTARY_SECRET_${source.toUpperCase()}`,
      secret,
    ]),
  ),
);

/** Which bundled sources sign a timestamp (the others have no replay window). */
export const timestampedSources: ReadonlySet<BundledSource> = new Set([
  'stripe',
  'slack',
  'standard',
  'generic',
]);

/** A delivery ready to POST. */
export interface Delivery {
  readonly body: string;
  readonly headers: Record<string, string>;
  /** The event id and type the ingress should extract. */
  readonly eventId: string;
  readonly eventType: string;
}

/** A provider-shaped body and its unsigned headers, with the id and type the ingress extracts. */
export function unsignedDelivery(source: BundledSource): Delivery {
  const id = randomUUID();
  switch (source) {
    case 'github':
      return {
        body: JSON.stringify({ action: 'opened', repository: { id: 1296269 }, n: id }),
        headers: { 'x-github-event': 'pull_request', 'x-github-delivery': id },
        eventId: id,
        eventType: 'pull_request',
      };
    case 'stripe':
      return {
        body: JSON.stringify({
          id: `evt_${id}`,
          type: 'charge.succeeded',
          data: { object: { id: 'ch_1' } },
        }),
        headers: {},
        eventId: `evt_${id}`,
        eventType: 'charge.succeeded',
      };
    case 'shopify':
      return {
        body: JSON.stringify({
          id: 820982911946154,
          admin_graphql_api_id: 'gid://shopify/Order/1',
          n: id,
        }),
        headers: { 'x-shopify-topic': 'orders/create', 'x-shopify-webhook-id': id },
        eventId: id,
        eventType: 'orders/create',
      };
    case 'slack':
      return {
        body: JSON.stringify({
          type: 'event_callback',
          event_id: `Ev${id}`,
          team_id: 'T1',
          event: { type: 'app_mention' },
        }),
        headers: {},
        eventId: `Ev${id}`,
        eventType: 'app_mention',
      };
    case 'standard':
      return {
        body: JSON.stringify({ type: 'invoice.paid', data: { n: id } }),
        headers: {},
        eventId: `msg_${id}`,
        eventType: 'invoice.paid',
      };
    case 'generic':
      return {
        body: JSON.stringify({ type: 'thing.happened', id: `g-${id}` }),
        headers: {},
        eventId: `g-${id}`,
        eventType: 'thing.happened',
      };
  }
}

/** The verifier configuration of a bundled source, for the project's own signer. */
export function verifierConfigOf(source: BundledSource): VerifierConfig {
  return bundledSources[source].verification;
}

/**
 * A delivery signed by the project's signer at `nowMs` with `secret` (default the source's),
 * over `signedBody` (default the body sent).
 */
export function signedDelivery(
  source: BundledSource,
  options: { nowMs?: number; secret?: string; signedBody?: string } = {},
): Delivery {
  const delivery = unsignedDelivery(source);
  const signature = sign(
    verifierConfigOf(source),
    options.secret ?? testSecrets[source],
    options.signedBody ?? delivery.body,
    options.nowMs ?? Date.now(),
    source === 'standard' ? { deliveryId: delivery.eventId } : {},
  );
  return {
    ...delivery,
    headers: { 'content-type': 'application/json', ...delivery.headers, ...signature },
  };
}

/** Provider libraries that sign for a bundled source, each producing the headers it sends. */
export const providerSigners: ReadonlyArray<{
  readonly library: string;
  readonly source: BundledSource;
  sign(delivery: Delivery): Promise<Record<string, string>>;
}> = [
  {
    library: '@octokit/webhooks-methods',
    source: 'github',
    sign: async (delivery) => ({
      'x-hub-signature-256': await octokitSign(testSecrets.github, delivery.body),
    }),
  },
  {
    library: 'stripe (generateTestHeaderString)',
    source: 'stripe',
    sign: async (delivery) => ({
      'stripe-signature': new Stripe('sk_test_unused').webhooks.generateTestHeaderString({
        payload: delivery.body,
        secret: testSecrets.stripe,
      }),
    }),
  },
  {
    library: 'standardwebhooks',
    source: 'standard',
    sign: async (delivery) => {
      const now = new Date();
      return {
        'webhook-id': delivery.eventId,
        'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
        'webhook-signature': new StandardWebhook(testSecrets.standard).sign(
          delivery.eventId,
          now,
          delivery.body,
        ),
      };
    },
  },
  {
    library: 'svix (svix-* headers)',
    source: 'standard',
    sign: async (delivery) => {
      const now = new Date();
      return {
        'svix-id': delivery.eventId,
        'svix-timestamp': String(Math.floor(now.getTime() / 1000)),
        'svix-signature': new SvixWebhook(testSecrets.standard).sign(
          delivery.eventId,
          now,
          delivery.body,
        ),
      };
    },
  },
];

/** The JSON bodies the ingress answers with: 202, handshake, or an error. */
export interface AnswerBody {
  readonly eventId?: string;
  readonly traceId?: string | null;
  readonly challenge?: string;
  readonly error?: { readonly code: string; readonly message: string };
}

/** POSTs a delivery and returns the status and parsed JSON answer. */
export async function post(
  url: string,
  source: string,
  body: string | Uint8Array,
  headers: Record<string, string>,
): Promise<{ status: number; headers: Headers; json: AnswerBody }> {
  const response = await fetch(`${url}/webhooks/${source}`, { method: 'POST', headers, body });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    json: text === '' ? {} : JSON.parse(text),
  };
}
