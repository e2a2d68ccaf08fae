import { kafkaHeaderNames } from '@tributary/contract';
import type { KafkaMessage } from 'kafkajs';
import { headerInteger, headerText, textHeaders } from '../headers/record-headers.ts';

/** Where a dead-lettered record sits. */
export interface DeadLetterRef {
  /** The DLQ topic. */
  readonly dlqTopic: string;
  readonly partition: number;
  readonly offset: string;
}

/** A DLQ record with its Tributary headers read out. */
export interface DeadLetter extends DeadLetterRef {
  /** When it was dead-lettered (the record timestamp), epoch milliseconds. */
  readonly timestampMs: number;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  /** All headers as text, one value per name. */
  readonly headers: Readonly<Record<string, string>>;
  readonly eventId: string | undefined;
  readonly eventType: string | undefined;
  /** The source topic the record was first read from. */
  readonly sourceTopic: string | undefined;
  readonly attempts: number | undefined;
  readonly errorClass: string | undefined;
  readonly errorMessage: string | undefined;
  /** How many times it was redriven before (0 when never). */
  readonly redriveCount: number;
  /** Registry id of the schema its value was written with; undefined when not framed. */
  readonly schemaId: number | undefined;
}

/** Which dead letters to list or redrive; every given field must match. */
export interface DeadLetterFilter {
  /** The source topic (prefix included) the records were first read from. */
  sourceTopic?: string;
  /** Error class header, exactly (`PermanentError`, `DECODE_FAILED`). */
  errorClass?: string;
  // Shortcoming: filters by registry id, not by subject version number; mapping one to the
  // other needs a registry call, left to the caller.
  /** Registry schema id the value was written with (each envelope version has its own). */
  schemaId?: number;
  /** Dead-lettered at or after this time, epoch milliseconds. */
  fromMs?: number;
  /** Dead-lettered before this time, epoch milliseconds. */
  toMs?: number;
}

/** Reads a DLQ record's headers and framing into a {@link DeadLetter}. Pure. */
export function toDeadLetter(
  dlqTopic: string,
  partition: number,
  message: KafkaMessage,
): DeadLetter {
  const { headers } = message;
  return {
    dlqTopic,
    partition,
    offset: message.offset,
    timestampMs: Number(message.timestamp),
    key: message.key,
    value: message.value,
    headers: Object.freeze(textHeaders(headers)),
    eventId: headerText(headers, kafkaHeaderNames.eventId),
    eventType: headerText(headers, kafkaHeaderNames.eventType),
    sourceTopic: headerText(headers, kafkaHeaderNames.originalTopic),
    attempts: headerInteger(headers, kafkaHeaderNames.attemptCount),
    errorClass: headerText(headers, kafkaHeaderNames.errorClass),
    errorMessage: headerText(headers, kafkaHeaderNames.errorMessage),
    redriveCount: headerInteger(headers, kafkaHeaderNames.redriveCount) ?? 0,
    schemaId: schemaIdOf(message.value),
  };
}

/** True when `letter` matches every field `filter` sets. Pure. */
export function matchesFilter(letter: DeadLetter, filter: DeadLetterFilter): boolean {
  return (
    (filter.sourceTopic === undefined || letter.sourceTopic === filter.sourceTopic) &&
    (filter.errorClass === undefined || letter.errorClass === filter.errorClass) &&
    (filter.schemaId === undefined || letter.schemaId === filter.schemaId) &&
    (filter.fromMs === undefined || letter.timestampMs >= filter.fromMs) &&
    (filter.toMs === undefined || letter.timestampMs < filter.toMs)
  );
}

/** The writer schema id of a Confluent-framed value (magic byte 0, then the id). */
function schemaIdOf(value: Buffer | null): number | undefined {
  if (value === null || value.length < 5 || value[0] !== 0) return undefined;
  return value.readInt32BE(1);
}
