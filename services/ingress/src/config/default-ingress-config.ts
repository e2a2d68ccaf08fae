import type { IngressConfig } from './ingress-config.ts';

/**
 * The bundled configuration: `POST /webhooks/<source>` on port 8080 for six sources, each
 * reading its secrets from `TRIBUTARY_SECRET_<SOURCE>` and publishing to `webhooks.<source>.v1`.
 * Brokers, registry, port and prefix are the defaults of `ingressDefaults`, overridden from the
 * environment by `main.ts`. Partition keys name the entity whose events must stay in order.
 */
export const defaultIngressConfig: IngressConfig = Object.freeze({
  sources: {
    github: {
      verification: { scheme: 'github' },
      // GitHub keeps X-GitHub-Delivery when a delivery is redelivered, so it identifies the event.
      eventId: [{ header: 'x-github-delivery' }],
      eventType: [{ header: 'x-github-event' }],
      partitionKey: [{ pointer: '/repository/id' }, { pointer: '/organization/id' }],
      headers: [
        'x-github-event',
        'x-github-delivery',
        'x-github-hook-id',
        'x-github-hook-installation-target-id',
        'x-github-hook-installation-target-type',
        'user-agent',
      ],
      // GitHub never retries a failed delivery on its own: a 429 would lose the event.
      rateLimit: null,
    },
    stripe: {
      verification: { scheme: 'stripe' },
      eventId: [{ pointer: '/id' }],
      eventType: [{ pointer: '/type' }],
      partitionKey: [{ pointer: '/data/object/id' }],
      headers: ['user-agent'],
    },
    shopify: {
      verification: { scheme: 'shopify' },
      eventId: [{ header: 'x-shopify-event-id' }, { header: 'x-shopify-webhook-id' }],
      eventType: [{ header: 'x-shopify-topic' }],
      partitionKey: [{ pointer: '/admin_graphql_api_id' }, { pointer: '/id' }],
      headers: [
        'x-shopify-topic',
        'x-shopify-shop-domain',
        'x-shopify-webhook-id',
        'x-shopify-event-id',
        'x-shopify-triggered-at',
        'x-shopify-api-version',
      ],
    },
    slack: {
      verification: { scheme: 'slack' },
      // Events API posts JSON; slash commands and interactivity post forms.
      contentTypes: ['application/json', 'application/x-www-form-urlencoded'],
      eventId: [{ pointer: '/event_id' }],
      eventType: [{ pointer: '/event/type' }, { pointer: '/type' }, { pointer: '/command' }],
      partitionKey: [{ pointer: '/team_id' }],
      headers: ['x-slack-retry-num', 'x-slack-retry-reason', 'x-slack-request-timestamp'],
      handshake: 'slack-url-verification',
    },
    standard: {
      verification: { scheme: 'standard-webhooks' },
      eventId: [{ header: 'webhook-id' }, { header: 'svix-id' }],
      eventType: [{ pointer: '/type' }],
      headers: ['webhook-id', 'webhook-timestamp', 'svix-id', 'svix-timestamp'],
    },
    generic: {
      verification: {
        scheme: 'generic-hmac',
        signatureHeaderName: 'x-signature',
        algorithm: 'sha256',
        encoding: 'hex',
        signaturePrefix: 'sha256=',
        timestamp: { headerName: 'x-timestamp' },
      },
      eventId: [{ header: 'x-event-id' }, { pointer: '/id' }],
      eventType: [{ header: 'x-event-type' }, { pointer: '/type' }],
      partitionKey: [{ header: 'x-partition-key' }],
      headers: ['x-event-id', 'x-event-type', 'x-timestamp'],
    },
  },
} satisfies IngressConfig);
