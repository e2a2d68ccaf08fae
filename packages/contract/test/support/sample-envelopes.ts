import { createHash } from 'node:crypto';
import type { WebhookEnvelopeV1, WebhookEnvelopeV2 } from '../../src/envelope/webhook-envelope.ts';

/** A v1 envelope as the ingress would build it for a GitHub push. */
export function sampleEnvelopeV1(overrides: Partial<WebhookEnvelopeV1> = {}): WebhookEnvelopeV1 {
  const body = Buffer.from('{"ref":"refs/heads/main","after":"0000000"}');
  return {
    eventId: 'github:72d3162e-cc78-11e3-81ab-4c9367dc0958',
    source: 'github',
    eventType: 'push',
    receivedAt: new Date('2025-03-04T05:06:07.890Z'),
    deliveryId: '72d3162e-cc78-11e3-81ab-4c9367dc0958',
    headers: { 'x-github-event': 'push', 'user-agent': 'GitHub-Hookshot/abc' },
    contentType: 'application/json',
    body,
    bodySha256: createHash('sha256').update(body).digest('hex'),
    verification: { scheme: 'github-hmac-sha256', secretLabel: '0', timestampChecked: false },
    ...overrides,
  };
}

/** The same delivery as a v2 envelope, with the client address. */
export function sampleEnvelopeV2(overrides: Partial<WebhookEnvelopeV2> = {}): WebhookEnvelopeV2 {
  return { ...sampleEnvelopeV1(), sourceIp: '192.0.2.44', ...overrides };
}

/** Plain-object copy of a decoded envelope (avsc returns record class instances). */
export function plain<T extends { verification: object }>(envelope: T): T {
  return { ...envelope, verification: { ...envelope.verification } };
}
