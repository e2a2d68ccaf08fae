import { defaultIngressConfig, type VerifierConfig } from '@tributary/ingress';

/** How `tributary send` signs and labels deliveries for one source of the ingress. */
export interface SendSource {
  /**
   * The scheme and options the CLI signs with. The ingress's configuration for this source
   * must verify what they produce; for the five provider schemes the scheme defaults are used.
   */
  readonly verification: VerifierConfig;
  /**
   * Header the event type travels in, for providers that send it outside the body; absent
   * means the type is in the body. `required`: the ingress finds no type anywhere else, so a
   * payload file needs `--event-type`.
   */
  readonly eventTypeHeader?: { readonly name: string; readonly required: boolean };
  /** Text before the generated delivery id (Standard Webhooks ids are conventionally `msg_`). */
  readonly deliveryIdPrefix?: string;
  /**
   * Where the provider puts the event id in the body, for providers without a delivery id
   * header (Stripe `id`, Slack `event_id`), and how its ids begin. `send` gives a built-in
   * example a fresh one there, so each send is a new event to consumers.
   */
  readonly bodyEventId?: { readonly field: string; readonly prefix: string };
}

// Shortcoming: sources beyond the ingress's six bundled ones cannot be sent to.
const bundled = defaultIngressConfig.sources;

/** The bundled source's scheme, with `extra` options for the signer. */
function verificationOf(source: keyof typeof bundled, extra: object = {}): VerifierConfig {
  return { ...bundled[source]?.verification, ...extra } as VerifierConfig;
}

/** The header the bundled source reads the event type from; required when nothing else. */
function eventTypeHeaderOf(source: keyof typeof bundled): SendSource['eventTypeHeader'] {
  const locators = bundled[source]?.eventType ?? [];
  const header = locators.find((locator) => 'header' in locator);
  if (header === undefined || !('header' in header)) return undefined;
  return { name: header.header, required: locators.every((locator) => 'header' in locator) };
}

/** The body field the bundled source reads the event id from first, when it is one. */
function bodyEventIdOf(source: keyof typeof bundled, prefix: string): SendSource['bodyEventId'] {
  const first = bundled[source]?.eventId?.[0];
  if (first === undefined || !('pointer' in first)) return undefined;
  return { field: first.pointer.replace(/^\//, ''), prefix };
}

/**
 * THE table of `send`: source name (the `/webhooks/<source>` path segment) to how it is
 * signed, read off the ingress's bundled default sources, so the two cannot drift: the
 * scheme, where the event type header is, and where the event id sits in the body. Delivery
 * ids go where the scheme carries one (GitHub `x-github-delivery`, Shopify
 * `x-shopify-webhook-id`, Standard Webhooks `webhook-id`, generic `x-event-id`); Stripe and
 * Slack carry the event id in the body.
 *
 * Generic HMAC, chosen here as the default for providers without a scheme of their own:
 * `x-signature: sha256=<hex of HMAC-SHA256(secret, "<timestamp>.<body>")>` with the Unix
 * seconds in `x-timestamp` (checked within 300 s), the event id in `x-event-id` and the event
 * type in `x-event-type` (or `/type` in the body).
 */
export const sendSources = Object.freeze({
  github: { verification: verificationOf('github'), eventTypeHeader: eventTypeHeaderOf('github') },
  stripe: { verification: verificationOf('stripe'), bodyEventId: bodyEventIdOf('stripe', 'evt_') },
  shopify: {
    verification: verificationOf('shopify'),
    eventTypeHeader: eventTypeHeaderOf('shopify'),
  },
  slack: { verification: verificationOf('slack'), bodyEventId: bodyEventIdOf('slack', 'Ev') },
  standard: { verification: verificationOf('standard'), deliveryIdPrefix: 'msg_' },
  generic: {
    // The signer also writes the delivery id into the header the ingress reads the id from.
    verification: verificationOf('generic', { deliveryIdHeaderName: 'x-event-id' }),
    eventTypeHeader: eventTypeHeaderOf('generic'),
  },
} as const satisfies Record<string, SendSource>);

/** A source name of {@link sendSources}. */
export type SendSourceName = keyof typeof sendSources;

/** The names of {@link sendSources}, in table order. */
export const sendSourceNames = Object.freeze(Object.keys(sendSources) as SendSourceName[]);
