import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { eventRow, objectRow, totalRow, totalsSql } from './ledger-rows.ts';
import type { LedgerReader, LedgerStore, LedgerWrite, LedgerWriteResult } from './ledger-store.ts';

const schemaSql = `
  CREATE TABLE IF NOT EXISTS ledger_events (
    event_id TEXT PRIMARY KEY,
    event_type TEXT NOT NULL,
    object_id TEXT NOT NULL,
    created_s INTEGER NOT NULL,
    source_offset INTEGER NOT NULL,
    deliveries INTEGER NOT NULL,
    first_handled_at_ms INTEGER NOT NULL,
    last_handled_at_ms INTEGER NOT NULL
  );
  CREATE TABLE IF NOT EXISTS ledger_objects (
    object_id TEXT PRIMARY KEY,
    object_type TEXT NOT NULL,
    status TEXT,
    amount INTEGER,
    currency TEXT,
    customer TEXT,
    object_json TEXT NOT NULL,
    event_id TEXT NOT NULL,
    event_type TEXT NOT NULL,
    created_s INTEGER NOT NULL,
    source_offset INTEGER NOT NULL,
    updated_at_ms INTEGER NOT NULL
  );`;

const upsertEventSql = `
  INSERT INTO ledger_events (event_id, event_type, object_id, created_s, source_offset,
    deliveries, first_handled_at_ms, last_handled_at_ms)
  VALUES (@eventId, @eventType, @objectId, @createdSeconds, @sourceOffset, 1, @handledAtMs, @handledAtMs)
  ON CONFLICT (event_id) DO UPDATE SET
    deliveries = ledger_events.deliveries + 1,
    last_handled_at_ms = excluded.last_handled_at_ms
  RETURNING deliveries`;

// The row-value comparison is the ordering rule: a strictly greater version wins, so an
// equal one (a replay of the kept event) changes nothing.
const upsertObjectSql = `
  INSERT INTO ledger_objects (object_id, object_type, status, amount, currency, customer,
    object_json, event_id, event_type, created_s, source_offset, updated_at_ms)
  VALUES (@objectId, @objectType, @status, @amount, @currency, @customer, @objectJson,
    @eventId, @eventType, @createdSeconds, @sourceOffset, @handledAtMs)
  ON CONFLICT (object_id) DO UPDATE SET
    object_type = excluded.object_type, status = excluded.status, amount = excluded.amount,
    currency = excluded.currency, customer = excluded.customer,
    object_json = excluded.object_json, event_id = excluded.event_id,
    event_type = excluded.event_type, created_s = excluded.created_s,
    source_offset = excluded.source_offset, updated_at_ms = excluded.updated_at_ms
  WHERE (excluded.created_s, excluded.source_offset)
      > (ledger_objects.created_s, ledger_objects.source_offset)`;

/**
 * The ledger in an embedded SQLite file (WAL mode, so readers in other processes see
 * committed writes while the service runs). Creates the file's folder when missing. Calls
 * are synchronous underneath: one process writes; a second writer would wait on SQLite's lock
 * (up to 5 s) rather than interleave.
 */
export function openSqliteLedgerStore(path: string): LedgerStore {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path, { timeout: 5_000 });
  db.pragma('journal_mode = WAL');
  db.exec(schemaSql);
  const upsertEvent = db.prepare<LedgerWriteParams, { deliveries: number }>(upsertEventSql);
  const upsertObject = db.prepare<LedgerWriteParams>(upsertObjectSql);
  const write = db.transaction((params: LedgerWriteParams): LedgerWriteResult => {
    const deliveries = upsertEvent.get(params)?.deliveries ?? 0;
    const applied = upsertObject.run(params).changes > 0;
    return { applied, deliveries };
  });

  return {
    ...sqliteReader(db),
    migrate: async () => void db.exec(schemaSql),
    write: async (entry: LedgerWrite) => write(entry),
  };
}

/**
 * A read-only view of a ledger file another process writes (the end-to-end suites use it).
 * Fails when the file does not exist.
 */
export function openLedgerReader(path: string): LedgerReader {
  return sqliteReader(new Database(path, { readonly: true, fileMustExist: true }));
}

// better-sqlite3 binds an object's keys to the `@name` parameters (bigint included).
type LedgerWriteParams = LedgerWrite;

function sqliteReader(db: Database.Database): LedgerReader {
  const one = (sql: string, id: string) =>
    db.prepare<[string], Record<string, unknown>>(sql).get(id);
  const all = (sql: string) => db.prepare<[], Record<string, unknown>>(sql).all();
  return {
    async event(eventId) {
      const row = one('SELECT * FROM ledger_events WHERE event_id = ?', eventId);
      return row === undefined ? undefined : eventRow(row);
    },
    async object(objectId) {
      const row = one('SELECT * FROM ledger_objects WHERE object_id = ?', objectId);
      return row === undefined ? undefined : objectRow(row);
    },
    events: async () => all('SELECT * FROM ledger_events ORDER BY event_id').map(eventRow),
    objects: async () => all('SELECT * FROM ledger_objects ORDER BY object_id').map(objectRow),
    totals: async () => all(totalsSql).map(totalRow),
    close: async () => void db.close(),
  };
}
