// The consumer runtime: a service is one definition (name = consumer group, event types,
// handler) started with one call; dedup, retry tiers, the DLQ and atomic forwards come with
// it. The redrive API sends dead-lettered records back to the group's first tier.

export type { DedupMark, MarkState } from './dedup/dedup-mark.ts';
export { PauseError, PermanentError, RetryAfterError } from './errors/handler-errors.ts';
export type { RuntimeErrorCode, RuntimeErrorOptions } from './errors/runtime-error.ts';
export { isRuntimeError, RuntimeError, runtimeErrorCodes } from './errors/runtime-error.ts';
export type { FaultHooks } from './process/fault-hooks.ts';
export type { RuntimeCounters } from './process/runtime-counters.ts';
export type { DeadLetter, DeadLetterFilter, DeadLetterRef } from './redrive/dead-letter.ts';
export type {
  RedriveClient,
  RedriveClientOptions,
  RedriveReport,
  RedriveRequest,
  RedriveResult,
} from './redrive/redrive-client.ts';
export { createRedriveClient } from './redrive/redrive-client.ts';
export type { RedriveDecision } from './redrive/redrive-decision.ts';
export type { TopicPartition } from './schedule/due-scheduler.ts';
export type {
  EventHandler,
  HandlerContext,
  ServiceDefinition,
} from './service/service-definition.ts';
export type { StartServiceOptions } from './service/start-options.ts';
export { startOptionDefaults } from './service/start-options.ts';
export type { ServiceHandle } from './service/start-service.ts';
export { startService } from './service/start-service.ts';
