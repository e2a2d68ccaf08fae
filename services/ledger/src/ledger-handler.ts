import type { EventHandler } from '@tributary/consumer-runtime';
import type { WebhookEnvelope } from '@tributary/contract';
import type { LedgerStore } from './storage/ledger-store.ts';
import { parseStripeEvent } from './stripe-event.ts';

/** What {@link createLedgerHandler} needs. */
export interface LedgerHandlerDeps {
  store: LedgerStore;
  /** Clock for `handledAtMs`. Default `Date.now`. */
  now?: () => number;
}

/**
 * The ledger's handler: parses the Stripe event from the envelope's body and writes it,
 * versioned by `(created, sourceOffset)`. A body that is not a Stripe event throws
 * `PermanentError` (DLQ); a failing database write throws as is (retried through the tiers).
 */
export function createLedgerHandler(deps: LedgerHandlerDeps): EventHandler<WebhookEnvelope> {
  const now = deps.now ?? Date.now;
  return async (envelope, { sourceOffset, logger }) => {
    const event = parseStripeEvent(envelope.body);
    const { object } = event;

    const result = await deps.store.write({
      // The envelope's event id is the body's `id` for Stripe; the envelope's is what the
      // runtime dedups on, so it is the key here too.
      eventId: envelope.eventId,
      eventType: event.type,
      objectId: object.id,
      objectType: object.type,
      status: object.status,
      amount: object.amount,
      currency: object.currency,
      customer: object.customer,
      objectJson: object.json,
      createdSeconds: event.createdSeconds,
      sourceOffset: BigInt(sourceOffset),
      handledAtMs: now(),
    });
    logger.debug(
      { objectId: object.id, applied: result.applied, deliveries: result.deliveries },
      result.applied ? 'ledger state updated' : 'older than the kept state; recorded only',
    );
  };
}
