import type { VerifierConfig } from '@tributary/ingress';

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

// Shortcoming: kept in step with the ingress's bundled sources by hand (the ingress does not export them), and sources beyond these six cannot be sent to.
/**
 * THE table of `send`: source name (the `/webhooks/<source>` path segment) to the scheme it is
 * signed with. It matches the ingress's bundled default sources; the ingress is the side to
 * align when either changes. Delivery ids go where the scheme carries one (GitHub
 * `x-github-delivery`, Shopify `x-shopify-webhook-id`, Standard Webhooks `webhook-id`, generic
 * `x-event-id`); Stripe and Slack carry the event id in the body.
 *
 * Generic HMAC, chosen here as the default for providers without a scheme of their own:
 * `x-signature: sha256=<hex of HMAC-SHA256(secret, "<timestamp>.<body>")>` with the Unix
 * seconds in `x-timestamp` (checked within 300 s), the event id in `x-event-id` and the event
 * type in `x-event-type` (or `/type` in the body).
 */
export const sendSources = Object.freeze({
  github: {
    verification: { scheme: 'github' },
    eventTypeHeader: { name: 'x-github-event', required: true },
  },
  stripe: { verification: { scheme: 'stripe' }, bodyEventId: { field: 'id', prefix: 'evt_' } },
  shopify: {
    verification: { scheme: 'shopify' },
    eventTypeHeader: { name: 'x-shopify-topic', required: true },
  },
  slack: { verification: { scheme: 'slack' }, bodyEventId: { field: 'event_id', prefix: 'Ev' } },
  standard: { verification: { scheme: 'standard-webhooks' }, deliveryIdPrefix: 'msg_' },
  generic: {
    verification: {
      scheme: 'generic-hmac',
      signatureHeaderName: 'x-signature',
      algorithm: 'sha256',
      encoding: 'hex',
      signaturePrefix: 'sha256=',
      deliveryIdHeaderName: 'x-event-id',
      timestamp: { headerName: 'x-timestamp' },
    },
    eventTypeHeader: { name: 'x-event-type', required: false },
  },
} as const satisfies Record<string, SendSource>);

/** A source name of {@link sendSources}. */
export type SendSourceName = keyof typeof sendSources;

/** The names of {@link sendSources}, in table order. */
export const sendSourceNames = Object.freeze(Object.keys(sendSources) as SendSourceName[]);
