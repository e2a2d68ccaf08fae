import { sign, VerifierError } from '@tributary/ingress';
import { CliError } from '../errors/cli-error.ts';
import type { SendSource } from './send-sources.ts';

/** Everything one signed delivery is made from. */
export interface DeliveryInput {
  /** Source name, used in messages. */
  readonly source: string;
  /** How the source signs; an entry of `sendSources`. */
  readonly sendSource: SendSource;
  /** The secret to sign with (one, not a rotation list). */
  readonly secret: string;
  /** The body, signed and sent byte for byte. */
  readonly body: Buffer;
  /** Event type to send in the source's event-type header; absent sends none. */
  readonly eventType?: string;
  /** Delivery id, sent where the scheme carries one; every copy of a delivery shares it. */
  readonly deliveryId: string;
  /** Signing time, epoch milliseconds (floored to seconds where a scheme sends one). */
  readonly nowMs: number;
  /** Sign something else than the body, so the signature is well-formed but does not match. */
  readonly badSignature: boolean;
}

/** A delivery ready to POST: header names lower-cased, and the body. */
export interface Delivery {
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
}

/**
 * Signs the body with the ingress's own signers and adds the provider's other headers (content
 * type, event type). A bad signature is made by signing the body with one byte appended: the
 * header keeps its exact form, so the ingress refuses it for not matching rather than for
 * being malformed. Throws `CliError` `secret_unusable` when the secret cannot sign for the
 * scheme.
 */
export function buildDelivery(input: DeliveryInput): Delivery {
  const signedBody = input.badSignature
    ? Buffer.concat([input.body, Buffer.from('\n')])
    : input.body;
  const signature = signWith(input, signedBody);
  const eventTypeHeader = input.sendSource.eventTypeHeader?.name;

  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'user-agent': 'tributary-cli',
    ...signature,
  };
  if (eventTypeHeader !== undefined && input.eventType !== undefined) {
    headers[eventTypeHeader] = input.eventType;
  }
  return Object.freeze({ headers: Object.freeze(headers), body: input.body });
}

function signWith(input: DeliveryInput, signedBody: Buffer): Readonly<Record<string, string>> {
  const { verification } = input.sendSource;
  try {
    return sign(verification, input.secret, signedBody, input.nowMs, {
      deliveryId: input.deliveryId,
    });
  } catch (error: unknown) {
    if (!(error instanceof VerifierError)) throw error;
    throw new CliError(
      'secret_unusable',
      `the secret for ${input.source} cannot sign with the ${verification.scheme} scheme: ${error.message}`,
      { cause: error },
    );
  }
}
