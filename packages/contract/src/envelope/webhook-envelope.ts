/**
 * How the ingress established that a webhook came from its provider
 * (record `dev.tributary.Verification`).
 */
export interface Verification {
  /** Verification scheme that accepted the request, e.g. `github-hmac-sha256`. */
  scheme: string;
  /** Label (or decimal index) of the rotation-set secret that matched; null for no secret. */
  secretLabel: string | null;
  /** True when the scheme signs a timestamp and it was inside the tolerance window. */
  timestampChecked: boolean;
}

/**
 * Version 1 of the webhook envelope (`schemas/webhook-envelope/v1.avsc`). Field docs live in
 * the schema; a test keeps this type and the file from drifting apart.
 */
export interface WebhookEnvelopeV1 {
  /** Provider event id, else derived from source and body digest; the dedup key. */
  eventId: string;
  /** Configured ingress source name, as in the topic name. */
  source: string;
  /** Provider event type, e.g. `pull_request.opened`. */
  eventType: string;
  /** When the ingress finished reading the request (Avro `timestamp-millis`). */
  receivedAt: Date;
  /** Provider's delivery-attempt id where it sends one. */
  deliveryId: string | null;
  /** Allow-listed request headers, names lower-cased. */
  headers: Record<string, string>;
  /** Request Content-Type, parameters included. */
  contentType: string;
  /** Raw request body, byte for byte. */
  body: Buffer;
  /** SHA-256 of `body`, 64 lower-case hex characters. */
  bodySha256: string;
  /** How the request was verified. */
  verification: Verification;
}

/** Version 2 (`v2.avsc`): adds the client address the ingress saw. */
export interface WebhookEnvelopeV2 extends WebhookEnvelopeV1 {
  /** Client address as resolved by the ingress; null when unknown. */
  sourceIp: string | null;
}

/** The envelope version the ingress writes today. */
export type WebhookEnvelope = WebhookEnvelopeV2;

/** Any envelope version a reader may be compiled against. */
export type AnyWebhookEnvelope = WebhookEnvelopeV1 | WebhookEnvelopeV2;
