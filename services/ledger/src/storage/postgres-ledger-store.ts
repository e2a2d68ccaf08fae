import pg from 'pg';
import { eventRow, objectRow, totalRow, totalsSql } from './ledger-rows.ts';
import type { LedgerStore, LedgerWrite } from './ledger-store.ts';

/**
 * The one call the PostgreSQL store makes: `pg`'s `Pool.query` has this shape, and so has an
 * in-process PostgreSQL (PGlite) in the tests, which runs the very same SQL.
 */
export interface SqlClient {
  query(text: string, params?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
}

/** The schema; BIGINT where SQLite has INTEGER (offsets and epoch milliseconds pass 2^31). */
export const postgresSchemaSql = `
  CREATE TABLE IF NOT EXISTS ledger_events (
    event_id TEXT PRIMARY KEY,
    event_type TEXT NOT NULL,
    object_id TEXT NOT NULL,
    created_s BIGINT NOT NULL,
    source_offset BIGINT NOT NULL,
    deliveries INTEGER NOT NULL,
    first_handled_at_ms BIGINT NOT NULL,
    last_handled_at_ms BIGINT NOT NULL
  );
  CREATE TABLE IF NOT EXISTS ledger_objects (
    object_id TEXT PRIMARY KEY,
    object_type TEXT NOT NULL,
    status TEXT,
    amount BIGINT,
    currency TEXT,
    customer TEXT,
    object_json TEXT NOT NULL,
    event_id TEXT NOT NULL,
    event_type TEXT NOT NULL,
    created_s BIGINT NOT NULL,
    source_offset BIGINT NOT NULL,
    updated_at_ms BIGINT NOT NULL
  )`;

// One statement, so one implicit transaction, and no client checked out of the pool: the
// event upsert and the guarded object upsert commit together or not at all. The row-value
// comparison is the ordering rule: only a strictly greater version replaces the state.
const writeSql = `
  WITH event AS (
    INSERT INTO ledger_events (event_id, event_type, object_id, created_s, source_offset,
      deliveries, first_handled_at_ms, last_handled_at_ms)
    VALUES ($1, $2, $3, $10, $11, 1, $12, $12)
    ON CONFLICT (event_id) DO UPDATE SET
      deliveries = ledger_events.deliveries + 1,
      last_handled_at_ms = EXCLUDED.last_handled_at_ms
    RETURNING deliveries
  ), object AS (
    INSERT INTO ledger_objects (object_id, object_type, status, amount, currency, customer,
      object_json, event_id, event_type, created_s, source_offset, updated_at_ms)
    VALUES ($3, $4, $5, $6, $7, $8, $9, $1, $2, $10, $11, $12)
    ON CONFLICT (object_id) DO UPDATE SET
      object_type = EXCLUDED.object_type, status = EXCLUDED.status, amount = EXCLUDED.amount,
      currency = EXCLUDED.currency, customer = EXCLUDED.customer,
      object_json = EXCLUDED.object_json, event_id = EXCLUDED.event_id,
      event_type = EXCLUDED.event_type, created_s = EXCLUDED.created_s,
      source_offset = EXCLUDED.source_offset, updated_at_ms = EXCLUDED.updated_at_ms
    WHERE (EXCLUDED.created_s, EXCLUDED.source_offset)
        > (ledger_objects.created_s, ledger_objects.source_offset)
    RETURNING object_id
  )
  SELECT (SELECT deliveries FROM event) AS deliveries,
         (SELECT COUNT(*) FROM object) AS applied`;

/**
 * The ledger in PostgreSQL, through any {@link SqlClient}. Safe for several service instances
 * at once: each write is one statement, and `ON CONFLICT` serialises writers of one row.
 */
export function createPostgresLedgerStore(
  client: SqlClient,
  options: { close?: () => Promise<void> } = {},
): LedgerStore {
  const rows = async (text: string, params: unknown[] = []) =>
    (await client.query(text, params)).rows;
  return {
    migrate: async () => {
      for (const statement of postgresSchemaSql.split(';')) await client.query(statement);
    },
    async write(entry: LedgerWrite) {
      const [row] = await rows(writeSql, writeParams(entry));
      return { deliveries: Number(row?.deliveries ?? 0), applied: Number(row?.applied ?? 0) > 0 };
    },
    async event(eventId) {
      const [row] = await rows('SELECT * FROM ledger_events WHERE event_id = $1', [eventId]);
      return row === undefined ? undefined : eventRow(row);
    },
    async object(objectId) {
      const [row] = await rows('SELECT * FROM ledger_objects WHERE object_id = $1', [objectId]);
      return row === undefined ? undefined : objectRow(row);
    },
    events: async () => (await rows('SELECT * FROM ledger_events ORDER BY event_id')).map(eventRow),
    objects: async () =>
      (await rows('SELECT * FROM ledger_objects ORDER BY object_id')).map(objectRow),
    totals: async () => (await rows(totalsSql)).map(totalRow),
    close: options.close ?? (async () => {}),
  };
}

/**
 * Connects a pool to `connectionString` (`postgres://user:pass@host/db`) and returns the
 * store on it. The pool opens connections lazily: a wrong URL fails at `migrate()`.
 */
// Shortcoming: this pool path runs against no real server in the test suites (none is
// available where they run); its SQL is exercised through PGlite, the driver wiring is not.
export function connectPostgresLedgerStore(connectionString: string): LedgerStore {
  const pool = new pg.Pool({ connectionString, max: 4 });
  return createPostgresLedgerStore(pool, { close: () => pool.end() });
}

function writeParams(entry: LedgerWrite): unknown[] {
  return [
    entry.eventId,
    entry.eventType,
    entry.objectId,
    entry.objectType,
    entry.status,
    entry.amount,
    entry.currency,
    entry.customer,
    entry.objectJson,
    entry.createdSeconds,
    entry.sourceOffset.toString(),
    entry.handledAtMs,
  ];
}
