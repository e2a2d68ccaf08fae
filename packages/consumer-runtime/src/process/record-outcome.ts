import type { Span } from '@opentelemetry/api';
import type { Message } from 'kafkajs';
import type { DedupMark } from '../dedup/dedup-mark.ts';

/** A copy to produce in the batch transaction. */
export interface Forward {
  /** Retry tier or DLQ topic. */
  readonly topic: string;
  /** The copy: original key and value, forward headers, same partition number. */
  readonly message: Message & { partition: number };
  /** Its `send <topic>` span, ended once the batch transaction settled; absent in tests. */
  readonly span?: Span;
}

/** What every outcome says about its event, for the metrics; absent when unknown. */
interface OutcomeEvent {
  /** The event type, from the envelope, else the type header. */
  readonly eventType?: string | undefined;
  /** When the ingress received the webhook (envelope `receivedAt`), epoch milliseconds. */
  readonly receivedAtMs?: number | undefined;
}

/** How one record ended, before its batch commits. */
export type RecordOutcome = OutcomeEvent &
  (
    | {
        readonly kind: 'skipped';
        readonly reason: 'event-type' | 'duplicate';
        readonly eventId?: string;
      }
    | { readonly kind: 'done'; readonly eventId: string; readonly mark: DedupMark }
    | {
        readonly kind: 'retry' | 'dead';
        /** Undefined for a record that could not be decoded and carries no event id header. */
        readonly eventId: string | undefined;
        /** Undefined for an undecodable record: no mark is written for it. */
        readonly mark: DedupMark | undefined;
        readonly forward: Forward;
        readonly errorClass: string;
        readonly attempt: number;
        readonly undecodable: boolean;
        /** The retry tier forwarded to (1 for the first); undefined for the DLQ. */
        readonly tier: number | undefined;
      }
  );

/** What processing one record produced. */
export type RecordResult =
  /** The record is settled; the handler ran when `handlerRan`. */
  | { readonly kind: 'settled'; readonly outcome: RecordOutcome; readonly handlerRan: boolean }
  /** The schema registry is unreachable: hold the partition and try this record again. */
  | { readonly kind: 'wait'; readonly error: unknown }
  /** The handler threw `PauseError`: hold the partition until `untilMs`, then run it again. */
  | { readonly kind: 'pause'; readonly error: unknown; readonly untilMs: number };
