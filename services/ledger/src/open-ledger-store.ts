import type { LedgerConfig } from './ledger-config.ts';
import type { LedgerStore } from './storage/ledger-store.ts';
import { connectPostgresLedgerStore } from './storage/postgres-ledger-store.ts';
import { openSqliteLedgerStore } from './storage/sqlite-ledger-store.ts';

/** Opens the configured store and creates its tables when missing. */
export async function openLedgerStore(database: LedgerConfig['database']): Promise<LedgerStore> {
  const store =
    database.kind === 'postgres'
      ? connectPostgresLedgerStore(database.url)
      : openSqliteLedgerStore(database.path);
  try {
    await store.migrate();
  } catch (error: unknown) {
    await store.close().catch(() => undefined);
    throw error;
  }
  return store;
}
