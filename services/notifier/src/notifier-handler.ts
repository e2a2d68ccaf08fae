import type { EventHandler } from '@tributary/consumer-runtime';
import type { WebhookEnvelope } from '@tributary/contract';
import type { GuardedDelivery } from './delivery/guarded-delivery.ts';
import { summarizeGithubEvent } from './github-summary.ts';

/**
 * The text posted for an event: the summary, then the event id on a line of its own, which
 * lets a receiving sink count deliveries per event.
 */
export function notificationText(summary: string, eventId: string): string {
  return `${summary}\nevent ${eventId}`;
}

/**
 * The notifier's handler: summarise the GitHub event, post it through the guarded delivery.
 * Every failure is thrown as the delivery translated it (see `createGuardedDelivery`).
 */
export function createNotifierHandler(delivery: GuardedDelivery): EventHandler<WebhookEnvelope> {
  return async (envelope, { signal, attempt, logger }) => {
    const summary = summarizeGithubEvent(envelope.eventType, envelope.body);

    await delivery.deliver(
      { text: notificationText(summary, envelope.eventId), eventId: envelope.eventId },
      signal,
    );
    logger.debug({ attempt }, 'notification delivered');
  };
}
