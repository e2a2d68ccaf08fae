import type { ServiceDefinition } from '@tributary/consumer-runtime';
import { ledgerEventTypes } from './ledger-event-types.ts';
import { createLedgerHandler } from './ledger-handler.ts';
import type { LedgerStore } from './storage/ledger-store.ts';

/** The ledger's consumer group, as named in the topic catalog. */
export const ledgerServiceName = 'ledger';

/** Options of {@link ledgerService}. */
export interface LedgerServiceOptions {
  store: LedgerStore;
  /** Longest one write may take, in ms. Default 10 000. */
  handlerTimeoutMs?: number;
}

/** The ledger as a runtime service definition, ready for `startService`. */
export function ledgerService(options: LedgerServiceOptions): ServiceDefinition {
  return {
    name: ledgerServiceName,
    eventTypes: ledgerEventTypes,
    handlerTimeoutMs: options.handlerTimeoutMs ?? 10_000,
    handler: createLedgerHandler({ store: options.store }),
  };
}
