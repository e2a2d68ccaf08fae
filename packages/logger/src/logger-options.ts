import type { DestinationStream } from 'pino';
import { z } from 'zod';

/** The levels a logger can be set to, lowest first; `silent` writes nothing. */
export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;

/** One of {@link LOG_LEVELS}. */
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Options for `createLogger`. Validated once, then frozen. */
export interface LoggerOptions {
  /** Name of the service or package, written as `service` on every line. Required, non-empty. */
  serviceName: string;
  /** Lowest level written; calls below it cost a no-op. Default `'info'`. */
  level?: LogLevel;
  /**
   * Paths whose values are replaced by `[Redacted]`, in pino's redact syntax
   * (`req.headers["x-hub-signature-256"]`, `*.secret`). Default none: nothing is censored.
   */
  redactPaths?: readonly string[];
  /** Where the JSON lines go. Default: standard output (pino's own stream, flushed on exit). */
  destination?: DestinationStream;
}

/** {@link LoggerOptions} after validation, with every default applied. */
export interface ResolvedLoggerOptions {
  readonly serviceName: string;
  readonly level: LogLevel;
  readonly redactPaths: readonly string[];
  readonly destination: DestinationStream | undefined;
}

const defaults = Object.freeze({ level: 'info', redactPaths: [] as string[] } as const);

// The destination is an object with a `write` method; anything else would only fail at the
// first log call, far from where it was passed in.
const optionsSchema = z.object({
  serviceName: z.string().trim().min(1),
  level: z.enum(LOG_LEVELS).default(defaults.level),
  redactPaths: z.array(z.string().min(1)).readonly().default(defaults.redactPaths),
  destination: z
    .custom<DestinationStream>(
      (value) =>
        typeof value === 'object' &&
        value !== null &&
        typeof (value as { write?: unknown }).write === 'function',
      { message: 'destination must have a write(line) method' },
    )
    .optional(),
});

/**
 * Checks `options` and applies the defaults. Throws a `ZodError` naming every invalid field
 * (unknown level, empty service name, empty redaction path, destination without `write`).
 */
// Shortcoming: invalid options throw zod's ZodError, not a coded project error; there is no
// shared base error class yet to derive one from.
export function resolveLoggerOptions(options: LoggerOptions): ResolvedLoggerOptions {
  const parsed = optionsSchema.parse(options);
  return Object.freeze({
    serviceName: parsed.serviceName,
    level: parsed.level,
    redactPaths: Object.freeze([...parsed.redactPaths]),
    destination: parsed.destination,
  });
}
