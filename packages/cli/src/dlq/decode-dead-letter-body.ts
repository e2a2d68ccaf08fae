import {
  createConfluentRegistryPort,
  createEnvelopeCodec,
  isContractError,
  loadEnvelopeSchemas,
} from '@tributary/contract';

/** The webhook body a dead letter carries, as `dlq show` prints it. */
export type DeadLetterBody =
  | {
      readonly contentType: string;
      readonly bytes: number;
      /** `utf8` when the bytes are valid UTF-8 (JSON, form bodies), else `base64`. */
      readonly encoding: 'utf8' | 'base64';
      readonly data: string;
    }
  /** Why it could not be decoded: no value, not an envelope, or the registry unreachable. */
  | { readonly error: string };

/**
 * Decodes a dead letter's value (an Avro envelope in the Confluent wire format) through the
 * registry at `registryUrl` and returns the provider's body inside it. Never throws: a value
 * that cannot be decoded gives the reason instead, so `show` still prints the headers.
 */
export async function decodeDeadLetterBody(
  registryUrl: string,
  value: Buffer | null | undefined,
): Promise<DeadLetterBody> {
  if (value === null || value === undefined || value.length === 0) {
    return { error: 'the record has no value' };
  }
  const newest = loadEnvelopeSchemas().at(-1);
  if (newest === undefined) return { error: 'no envelope schema in the repository' };
  try {
    const codec = createEnvelopeCodec({
      registry: createConfluentRegistryPort({ url: registryUrl, requestTimeoutMs: 5_000 }),
      schema: newest.schema,
    });
    const envelope = await codec.decode(value);
    const text = envelope.body.toString('utf8');
    const utf8 = Buffer.from(text, 'utf8').equals(envelope.body);
    return {
      contentType: envelope.contentType,
      bytes: envelope.body.length,
      encoding: utf8 ? 'utf8' : 'base64',
      data: utf8 ? text : envelope.body.toString('base64'),
    };
  } catch (error: unknown) {
    const reason = isContractError(error) ? error.message : String(error);
    return { error: `cannot decode the envelope: ${reason}` };
  }
}
