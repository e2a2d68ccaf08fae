// The ledger service: Stripe-style payment events kept as a replay-safe, order-safe ledger.
// The read API is what other suites (end to end) use to look inside a running ledger.

export type { LedgerConfig } from './ledger-config.ts';
export { LedgerConfigError, ledgerConfigFromEnv } from './ledger-config.ts';
export { ledgerEventTypes } from './ledger-event-types.ts';
export { createLedgerHandler } from './ledger-handler.ts';
export type { LedgerServiceOptions } from './ledger-service.ts';
export { ledgerService, ledgerServiceName } from './ledger-service.ts';
export { openLedgerStore } from './open-ledger-store.ts';
export type {
  LedgerEventRow,
  LedgerObjectRow,
  LedgerReader,
  LedgerStore,
  LedgerTotal,
  LedgerWrite,
  LedgerWriteResult,
} from './storage/ledger-store.ts';
export type { SqlClient } from './storage/postgres-ledger-store.ts';
export {
  connectPostgresLedgerStore,
  createPostgresLedgerStore,
} from './storage/postgres-ledger-store.ts';
export { openLedgerReader, openSqliteLedgerStore } from './storage/sqlite-ledger-store.ts';
export type { StripeEvent, StripeObject } from './stripe-event.ts';
export { parseStripeEvent } from './stripe-event.ts';
