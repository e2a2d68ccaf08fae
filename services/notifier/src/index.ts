// The notifier service: GitHub events summarised to a Slack-compatible incoming webhook,
// behind a circuit breaker that pauses the service while the endpoint is down.

export type { DeliveryErrorCode } from './delivery/delivery-error.ts';
export { DeliveryError, deliveryErrorCodes } from './delivery/delivery-error.ts';
export type { BreakerOptions, GuardedDelivery } from './delivery/guarded-delivery.ts';
export { breakerDefaults, createGuardedDelivery } from './delivery/guarded-delivery.ts';
export { parseRetryAfterSeconds } from './delivery/parse-retry-after.ts';
export type {
  WebhookMessage,
  WebhookPoster,
  WebhookPosterOptions,
} from './delivery/webhook-poster.ts';
export { createWebhookPoster, isRetriableStatus } from './delivery/webhook-poster.ts';
export { summarizeGithubEvent } from './github-summary.ts';
export type { NotifierConfig } from './notifier-config.ts';
export { NotifierConfigError, notifierConfigFromEnv } from './notifier-config.ts';
export { notifierEventTypes } from './notifier-event-types.ts';
export { createNotifierHandler, notificationText } from './notifier-handler.ts';
export type { NotifierServiceOptions } from './notifier-service.ts';
export { notifierService, notifierServiceName } from './notifier-service.ts';
