/** What every signer needs: one secret, the body, and the time. */
export interface SignRequest {
  /** The secret as configured (Standard Webhooks: `whsec_<base64>`). */
  readonly secret: string;
  /** The body to send; strings are signed as their UTF-8 bytes. */
  readonly body: Uint8Array | string;
  /** The signing time in epoch milliseconds, floored to seconds where a scheme sends one. */
  readonly nowMs: number;
  /** Delivery id to send where the scheme carries one; absent means none (or a random one). */
  readonly deliveryId?: string;
}

/** Headers a signer produces, names lower-cased, ready to send or to feed a verifier. */
export type SignedHeaders = Readonly<Record<string, string>>;

/** The body as bytes, so signer and verifier MAC exactly the same thing. */
export function bodyBytes(body: Uint8Array | string): Uint8Array {
  return typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
}

/** Whole Unix seconds of a millisecond time, as providers send them. */
export function unixSeconds(nowMs: number): string {
  return String(Math.floor(nowMs / 1000));
}
