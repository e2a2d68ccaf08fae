import type { ServiceDefinition } from '@tributary/consumer-runtime';
import {
  type BreakerOptions,
  createGuardedDelivery,
  type GuardedDelivery,
} from './delivery/guarded-delivery.ts';
import { createWebhookPoster } from './delivery/webhook-poster.ts';
import { notifierEventTypes } from './notifier-event-types.ts';
import { createNotifierHandler } from './notifier-handler.ts';

/** The notifier's consumer group, as named in the topic catalog. */
export const notifierServiceName = 'notifier';

/** Options of {@link notifierService}. */
export interface NotifierServiceOptions {
  /** The Slack-compatible incoming-webhook URL. */
  webhookUrl: string;
  /** Longest one POST may take, in ms. Default 5 000. */
  requestTimeoutMs?: number;
  /** The circuit breaker's judgement of the endpoint (see `breakerDefaults`). */
  breaker?: BreakerOptions;
  /** Longest one handler run may take, in ms; above the request timeout. Default 10 000. */
  handlerTimeoutMs?: number;
}

/** The notifier as a runtime service definition, and its breaker to watch and shut down. */
export function notifierService(options: NotifierServiceOptions): {
  definition: ServiceDefinition;
  delivery: GuardedDelivery;
} {
  const poster = createWebhookPoster({
    url: options.webhookUrl,
    ...(options.requestTimeoutMs === undefined
      ? {}
      : { requestTimeoutMs: options.requestTimeoutMs }),
  });
  const delivery = createGuardedDelivery(poster, options.breaker);
  return {
    delivery,
    definition: {
      name: notifierServiceName,
      eventTypes: notifierEventTypes,
      handlerTimeoutMs: options.handlerTimeoutMs ?? 10_000,
      handler: createNotifierHandler(delivery),
    },
  };
}
