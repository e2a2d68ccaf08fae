import type { RetryTier } from '@tributary/contract';
import { isContractError } from '@tributary/contract';
import { PermanentError, RetryAfterError } from '../errors/handler-errors.ts';
import { RuntimeError } from '../errors/runtime-error.ts';
import { jitteredDelayMs } from './backoff.ts';

/** Where a failed record goes next. */
export type FailurePlan =
  | {
      readonly kind: 'retry';
      /** The tier the copy is sent to. */
      readonly tier: RetryTier;
      /** Earliest time the next attempt may run, epoch milliseconds. */
      readonly notBeforeMs: number;
    }
  | {
      readonly kind: 'dead';
      /** Why it goes to the DLQ. */
      readonly reason: 'permanent' | 'attempts-exhausted' | 'no-tiers';
    };

/** Inputs of {@link planFailure}. */
export interface FailureInput {
  /** What the handler threw (or the runtime's timeout error). */
  error: unknown;
  /** Number of the attempt that failed, from 1. */
  attempt: number;
  /** Attempts allowed, the first included (from the catalog). */
  maxAttempts: number;
  /** The route's tiers, tier 1 first (from the catalog). */
  tiers: readonly RetryTier[];
  /** Clock reading, epoch milliseconds. */
  nowMs: number;
  /** Jitter added on top of a tier delay, as a fraction of it. */
  jitterRatio: number;
  /** Random source in [0, 1). Default `Math.random`. */
  random?: () => number;
}

/**
 * Decides the next step of a failed attempt. A {@link PermanentError} goes to the DLQ at
 * once; so does any failure once `maxAttempts` are spent, or when the group has no tiers.
 * Otherwise attempt n goes to tier n, and attempts past the last tier reuse the last tier.
 * A {@link RetryAfterError} moves to the first remaining tier whose delay covers the asked
 * wait (else the last tier), and its not-before time is never earlier than that wait. Pure.
 */
export function planFailure(input: FailureInput): FailurePlan {
  const { error, attempt, maxAttempts, tiers, nowMs, jitterRatio, random } = input;
  if (error instanceof PermanentError) return { kind: 'dead', reason: 'permanent' };
  if (attempt >= maxAttempts) return { kind: 'dead', reason: 'attempts-exhausted' };
  const natural = Math.min(attempt, tiers.length) - 1;
  const last = tiers[tiers.length - 1];
  if (last === undefined) return { kind: 'dead', reason: 'no-tiers' };

  const waitMs = error instanceof RetryAfterError ? error.retryAfterSeconds * 1000 : 0;
  const tier = tiers.slice(natural).find((candidate) => candidate.delayMs >= waitMs) ?? last;
  const delayMs = Math.max(jitteredDelayMs(tier.delayMs, jitterRatio, random), Math.ceil(waitMs));
  return { kind: 'retry', tier, notBeforeMs: nowMs + delayMs };
}

/** The error class and message a forward records about `error`. */
export interface FailureDescription {
  /** A runtime or contract error's code, a handler error's class name, else `error.name`. */
  readonly errorClass: string;
  /** The error's message (the runtime cuts it to fit a header). */
  readonly errorMessage: string;
}

/**
 * Names a failure for the forward headers and the DLQ filters. Runtime and contract errors
 * are named by code (`HANDLER_TIMEOUT`, `DECODE_FAILED`); the errors handlers throw, theirs
 * included, by class name (`PermanentError`, `TypeError`), which is what a team looks for.
 */
export function describeFailure(error: unknown): FailureDescription {
  if (error instanceof PermanentError || error instanceof RetryAfterError) {
    return { errorClass: error.name, errorMessage: error.message };
  }
  if (error instanceof RuntimeError || isContractError(error)) {
    return { errorClass: error.code, errorMessage: error.message };
  }
  if (error instanceof Error) return { errorClass: error.name, errorMessage: error.message };
  return { errorClass: 'NonError', errorMessage: String(error) };
}
