import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { listExamples, loadPayload } from '../send/load-payload.ts';
import type { SendSourceName } from '../send/send-sources.ts';

/** One webhook to send: a real or documented payload, ready for `send`'s signing. */
export interface RealPayload {
  readonly source: SendSourceName;
  /** Event type header value for sources that send one (GitHub, Shopify); else in the body. */
  readonly eventType: string;
  readonly body: Buffer;
  /** Where the payload comes from, for summaries: `octokit:push#2`, `example:charge.succeeded`. */
  readonly origin: string;
}

interface OctokitEvent {
  readonly name: string;
  readonly examples: readonly unknown[];
}

/**
 * Every GitHub payload of `@octokit/webhooks-examples` (the community's real deliveries, 329 in
 * 7.6.1), with the event name as its `x-github-event`. Order: the package's, event by event.
 */
export function githubPayloads(): RealPayload[] {
  const require = createRequire(import.meta.url);
  const file = require.resolve('@octokit/webhooks-examples');
  const events = JSON.parse(readFileSync(file, 'utf8')) as OctokitEvent[];
  return events.flatMap((event) =>
    event.examples.map((example, index) => ({
      source: 'github' as const,
      eventType: event.name,
      body: Buffer.from(JSON.stringify(example)),
      origin: `octokit:${event.name}#${index}`,
    })),
  );
}

/**
 * `count` distinct events made from the built-in examples of a source that carries ids in the
 * body (Stripe) or of the object (Shopify), cycling through the examples. Each copy gets new
 * ids (`tag` and its index in them), so each is a new event to consumers: Stripe's event `id`
 * and `data.object.id`, Shopify's resource `id` and `admin_graphql_api_id`. Shopify's event id
 * is the delivery id header, which the caller makes per delivery.
 */
export function documentedPayloads(
  source: 'stripe' | 'shopify',
  count: number,
  tag: string = randomUUID().slice(0, 8),
): RealPayload[] {
  const names = listExamples(source);
  return Array.from({ length: count }, (_, index) => {
    const name = names[index % names.length] as string;
    const document = JSON.parse(loadPayload(source, name).body.toString('utf8')) as Record<
      string,
      unknown
    >;
    const renamed =
      source === 'stripe' ? renameStripe(document, tag, index) : renameShopify(document, index);
    return {
      source,
      eventType: source === 'stripe' ? String(document.type) : name,
      body: Buffer.from(JSON.stringify(renamed)),
      origin: `example:${name}`,
    };
  });
}

function renameStripe(
  event: Record<string, unknown>,
  tag: string,
  index: number,
): Record<string, unknown> {
  const data = event.data as { object: Record<string, unknown> };
  const objectId = String(data.object.id);
  const kind = objectId.slice(0, objectId.indexOf('_') + 1) || 'obj_';
  return {
    ...event,
    id: `evt_${tag}${String(index).padStart(5, '0')}`,
    created: Math.floor(Date.now() / 1000),
    data: {
      ...data,
      object: { ...data.object, id: `${kind}${tag}${String(index).padStart(5, '0')}` },
    },
  };
}

function renameShopify(resource: Record<string, unknown>, index: number): Record<string, unknown> {
  const id = Number(resource.id) + index * 1000 + Math.floor(Math.random() * 1000);
  const gid = String(resource.admin_graphql_api_id).replace(/\/\d+$/, `/${id}`);
  return { ...resource, id, admin_graphql_api_id: gid };
}

/**
 * A Stripe event of a type the ledger keeps whose `created` is not a number: the ingress takes
 * it (signature, id, type and key are fine), and the ledger's handler refuses it as permanent,
 * so it lands in the ledger's DLQ after one attempt.
 */
export function poisonStripePayload(tag: string = randomUUID().slice(0, 8)): RealPayload {
  const body = {
    id: `evt_poison_${tag}`,
    object: 'event',
    api_version: '2024-06-20',
    created: 'yesterday',
    data: {
      object: {
        id: `pi_poison_${tag}`,
        object: 'payment_intent',
        amount: 100,
        currency: 'usd',
        status: 'succeeded',
      },
    },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type: 'payment_intent.succeeded',
  };
  return {
    source: 'stripe',
    eventType: body.type,
    body: Buffer.from(JSON.stringify(body)),
    origin: 'poison:created-not-a-number',
  };
}
