import { z } from 'zod';

/** Default tolerance of every timestamped scheme, in seconds (5 minutes, as the providers use). */
export const defaultToleranceSeconds = 300;

/** Widest tolerance we accept, in seconds (1 day); wider windows make replays easy. */
export const maxToleranceSeconds = 86_400;

/**
 * A header name as verifiers look it up: an RFC 9110 token, lower-cased, because Node hands
 * headers over with lower-cased names.
 */
export const headerNameSchema = z
  .string()
  .regex(/^[a-z0-9!#$%&'*+.^_`|~-]+$/, 'must be a lower-case HTTP header name');

/** A timestamp tolerance in whole seconds, from 1 to {@link maxToleranceSeconds}. */
export const toleranceSecondsSchema = z.number().int().min(1).max(maxToleranceSeconds);
