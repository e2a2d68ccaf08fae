import { ContractError } from '../errors/contract-error.ts';

/**
 * Confluent wire format: magic byte 0, the writer schema id as a big-endian 32-bit integer,
 * then the Avro binary body. Every Confluent-compatible serializer reads and writes this
 * framing, so Tributary records stay readable by ordinary Kafka tooling.
 */
const magicByte = 0;
const headerBytes = 5;

/** A framed record split into its parts. */
export interface FramedRecord {
  /** Registry id of the schema the body was written with. */
  schemaId: number;
  /** Avro binary body (a view into the input buffer, not a copy). */
  payload: Buffer;
}

/** Prefixes `payload` with the magic byte and `schemaId`. */
export function frameRecord(schemaId: number, payload: Buffer): Buffer {
  const header = Buffer.alloc(headerBytes);
  header.writeUInt8(magicByte, 0);
  header.writeInt32BE(schemaId, 1);
  return Buffer.concat([header, payload]);
}

/** Splits a framed record; throws `DECODE_FAILED` when the bytes are not framed. */
export function unframeRecord(record: Buffer): FramedRecord {
  if (record.length < headerBytes) {
    throw new ContractError(
      'DECODE_FAILED',
      `record of ${record.length} bytes is shorter than the ${headerBytes}-byte schema header`,
    );
  }
  if (record[0] !== magicByte) {
    throw new ContractError(
      'DECODE_FAILED',
      `record starts with byte ${record[0]}, not the Confluent magic byte ${magicByte}`,
    );
  }
  return { schemaId: record.readInt32BE(1), payload: record.subarray(headerBytes) };
}
