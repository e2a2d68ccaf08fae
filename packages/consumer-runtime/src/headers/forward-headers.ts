import { kafkaHeaderNames } from '@tributary/contract';
import type { IHeaders } from 'kafkajs';
import { headerInteger, headerText } from './record-headers.ts';

/** Longest error message a forward carries, in UTF-8 bytes; longer ones are cut. */
export const maxErrorMessageBytes = 1024;

/** What a forward to a retry tier or the DLQ records about the record and its failure. */
export interface ForwardFacts {
  /** Topic the record was read from this time (source or tier). */
  readFromTopic: string;
  /** Partition it was read from. */
  readFromPartition: number;
  /** Offset it was read at. */
  readFromOffset: string;
  /** The envelope's event id, when known (undecodable records may lack it). */
  eventId?: string;
  /** The envelope's event type, when known. */
  eventType?: string;
  /** Attempts made so far, the one that just failed included (0 for a redrive). */
  attempts: number;
  /** When this attempt failed (or the record was redriven), epoch milliseconds. */
  failedAtMs: number;
  /** Earliest time the next attempt may run, epoch milliseconds. */
  notBeforeMs: number;
  /** Error class: a runtime or contract error code, else the error's name. */
  errorClass: string;
  /** Error message; cut to {@link maxErrorMessageBytes}. */
  errorMessage: string;
  /** Redrive count to write; absent keeps the record's own (0 when it has none). */
  redriveCount?: number;
  /** Trace context of the forwarding span (`traceparent`, `tracestate`); empty keeps the record's. */
  traceContext: Readonly<Record<string, string>>;
}

const names = kafkaHeaderNames;
const traceNames = [names.traceparent, names.tracestate] as const;

/**
 * The headers of a forwarded copy: the record's own headers kept as they are, and every
 * Tributary header set to exactly one value, so nothing piles up hop after hop. The original
 * topic, partition, offset and first-failure time are the first hop's and never change; the
 * attempt count, not-before time, error class and message are this hop's. Trace context is
 * replaced as a unit when the forwarding span has one (a stale `tracestate` is not kept
 * beside a new `traceparent`). Pure.
 */
export function buildForwardHeaders(original: IHeaders | undefined, facts: ForwardFacts): IHeaders {
  const headers: IHeaders = { ...original };
  const firstHop = (name: string, value: string) => headerText(original, name) ?? value;

  if (Object.keys(facts.traceContext).length > 0) {
    for (const name of traceNames) delete headers[name];
    Object.assign(headers, facts.traceContext);
  }
  const set: Record<string, string | undefined> = {
    [names.eventId]: facts.eventId ?? headerText(original, names.eventId),
    [names.eventType]: facts.eventType ?? headerText(original, names.eventType),
    [names.originalTopic]: firstHop(names.originalTopic, facts.readFromTopic),
    [names.originalPartition]: firstHop(names.originalPartition, String(facts.readFromPartition)),
    [names.originalOffset]: firstHop(names.originalOffset, facts.readFromOffset),
    [names.firstFailureAtMs]: firstHop(names.firstFailureAtMs, String(facts.failedAtMs)),
    [names.attemptCount]: String(facts.attempts),
    [names.notBeforeMs]: String(facts.notBeforeMs),
    [names.errorClass]: facts.errorClass,
    [names.errorMessage]: truncateUtf8(facts.errorMessage, maxErrorMessageBytes),
    [names.redriveCount]: String(
      facts.redriveCount ?? headerInteger(original, names.redriveCount) ?? 0,
    ),
  };
  for (const [name, value] of Object.entries(set)) {
    if (value === undefined) delete headers[name];
    else headers[name] = value;
  }
  return headers;
}

/** `text` cut to at most `maxBytes` UTF-8 bytes without splitting a character. */
export function truncateUtf8(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text, 'utf8') <= maxBytes) return text;
  let cut = Buffer.from(text, 'utf8').subarray(0, maxBytes).toString('utf8');
  // A split multi-byte character decodes to U+FFFD at the end; drop it.
  while (cut.endsWith('\uFFFD')) cut = cut.slice(0, -1);
  return cut;
}
