import type { WebhookEnvelope } from '@tributary/contract';
import type { EventFields } from '../extraction/extract-event-fields.ts';
import type { VerificationSuccess } from '../verification/verification-result.ts';

/** What the envelope is made of; everything the ingress learned about one delivery. */
export interface EnvelopeParts {
  /** Configured source name. */
  readonly source: string;
  readonly fields: EventFields;
  readonly verification: VerificationSuccess;
  /** The body as consumers read it (decoded when it arrived gzip-encoded). */
  readonly body: Buffer;
  /** SHA-256 of `body`, lower-case hex. */
  readonly bodySha256: string;
  /** `Content-Type` as sent. */
  readonly contentType: string;
  /** When the body was read in full, epoch milliseconds. */
  readonly receivedAtMs: number;
  /** Every value of each request header, names lower-cased. */
  readonly headers: Readonly<Record<string, readonly string[] | undefined>>;
  /** Lower-cased names of the headers to copy. */
  readonly headerAllowList: readonly string[];
  /** Client address as resolved (`trust proxy` applied); undefined when unknown. */
  readonly sourceIp: string | undefined;
}

/**
 * Builds the envelope the ingress writes (the contract's current version). Only allow-listed
 * headers are copied, a repeated one joined with `, ` as HTTP list syntax allows; the body
 * is referenced, not copied.
 */
export function buildEnvelope(parts: EnvelopeParts): WebhookEnvelope {
  const headers: Record<string, string> = {};
  for (const name of parts.headerAllowList) {
    const values = parts.headers[name];
    if (values !== undefined && values.length > 0) headers[name] = values.join(', ');
  }

  return {
    eventId: parts.fields.eventId,
    source: parts.source,
    eventType: parts.fields.eventType,
    receivedAt: new Date(parts.receivedAtMs),
    deliveryId: parts.verification.deliveryId ?? null,
    headers,
    contentType: parts.contentType,
    body: parts.body,
    bodySha256: parts.bodySha256,
    verification: {
      scheme: parts.verification.scheme,
      secretLabel: parts.verification.secretLabel,
      timestampChecked: parts.verification.timestampChecked,
    },
    sourceIp: parts.sourceIp ?? null,
  };
}
