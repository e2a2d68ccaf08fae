import type { LedgerEventRow, LedgerObjectRow, LedgerTotal } from './ledger-store.ts';

// Both drivers answer rows with snake_case columns; pg answers BIGINT as text, SQLite as a
// number, hence the conversions here in one place.

type Raw = Record<string, unknown>;

const text = (value: unknown): string | null => (value === null ? null : String(value));
const int = (value: unknown): number => Number(value);
const intOrNull = (value: unknown): number | null => (value === null ? null : Number(value));

/** A `ledger_events` row. */
export function eventRow(row: Raw): LedgerEventRow {
  return {
    eventId: String(row.event_id),
    eventType: String(row.event_type),
    objectId: String(row.object_id),
    createdSeconds: int(row.created_s),
    sourceOffset: String(row.source_offset),
    deliveries: int(row.deliveries),
    firstHandledAtMs: int(row.first_handled_at_ms),
    lastHandledAtMs: int(row.last_handled_at_ms),
  };
}

/** A `ledger_objects` row. */
export function objectRow(row: Raw): LedgerObjectRow {
  return {
    objectId: String(row.object_id),
    objectType: String(row.object_type),
    status: text(row.status),
    amount: intOrNull(row.amount),
    currency: text(row.currency),
    customer: text(row.customer),
    objectJson: String(row.object_json),
    eventId: String(row.event_id),
    eventType: String(row.event_type),
    createdSeconds: int(row.created_s),
    sourceOffset: String(row.source_offset),
    updatedAtMs: int(row.updated_at_ms),
  };
}

/** A row of the totals query. */
export function totalRow(row: Raw): LedgerTotal {
  return {
    objectType: String(row.object_type),
    status: text(row.status),
    currency: text(row.currency),
    objects: int(row.objects),
    amount: int(row.amount),
  };
}

/** The totals query; the same text serves SQLite and PostgreSQL. */
export const totalsSql = `
  SELECT object_type, status, currency, COUNT(*) AS objects, COALESCE(SUM(amount), 0) AS amount
  FROM ledger_objects
  GROUP BY object_type, status, currency
  ORDER BY object_type, status, currency`;
