/** One event as the ledger writes it: what it says, and where it stands in the source topic. */
export interface LedgerWrite {
  readonly eventId: string;
  readonly eventType: string;
  readonly objectId: string;
  readonly objectType: string;
  readonly status: string | null;
  readonly amount: number | null;
  readonly currency: string | null;
  readonly customer: string | null;
  /** The object as of this event, JSON text. */
  readonly objectJson: string;
  /** Stripe's `created`, whole seconds: the first part of the version. */
  readonly createdSeconds: number;
  /** The record's offset in the source topic: the tie-break of the version. */
  readonly sourceOffset: bigint;
  /** When the handler ran, epoch ms. */
  readonly handledAtMs: number;
}

/** What one write did. */
export interface LedgerWriteResult {
  /** True when the event became the object's state; false when a newer one is already kept. */
  readonly applied: boolean;
  /** How many times the handler has now written this event id (1 the first time). */
  readonly deliveries: number;
}

/** A handled event: one row per event id, however often it was delivered. */
export interface LedgerEventRow {
  readonly eventId: string;
  readonly eventType: string;
  readonly objectId: string;
  readonly createdSeconds: number;
  readonly sourceOffset: string;
  /** Times the handler wrote this event id; 1 when it ran exactly once. */
  readonly deliveries: number;
  readonly firstHandledAtMs: number;
  readonly lastHandledAtMs: number;
}

/** An object's state: that of its newest event by `(createdSeconds, sourceOffset)`. */
export interface LedgerObjectRow {
  readonly objectId: string;
  readonly objectType: string;
  readonly status: string | null;
  readonly amount: number | null;
  readonly currency: string | null;
  readonly customer: string | null;
  readonly objectJson: string;
  /** The event the state comes from. */
  readonly eventId: string;
  readonly eventType: string;
  readonly createdSeconds: number;
  readonly sourceOffset: string;
  readonly updatedAtMs: number;
}

/** Sum of object amounts by object type, status and currency, from the object states. */
export interface LedgerTotal {
  readonly objectType: string;
  readonly status: string | null;
  readonly currency: string | null;
  readonly objects: number;
  readonly amount: number;
}

/** Reads the ledger; rows in a stable order (by id). */
export interface LedgerReader {
  event(eventId: string): Promise<LedgerEventRow | undefined>;
  object(objectId: string): Promise<LedgerObjectRow | undefined>;
  events(): Promise<LedgerEventRow[]>;
  objects(): Promise<LedgerObjectRow[]>;
  totals(): Promise<LedgerTotal[]>;
  close(): Promise<void>;
}

/**
 * Where the ledger lives. `write` is one atomic step: the event row is upserted by event id
 * (its `deliveries` raised by one), and the object row takes the event's state only when the
 * event's version `(createdSeconds, sourceOffset)` is greater than the kept one, so a replay
 * changes no state and an older event arriving late does not overwrite a newer one.
 */
export interface LedgerStore extends LedgerReader {
  /** Creates the tables when missing; idempotent. */
  migrate(): Promise<void>;
  write(entry: LedgerWrite): Promise<LedgerWriteResult>;
}
