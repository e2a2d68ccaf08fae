import { hostname } from 'node:os';
import { type Logger, pino } from 'pino';
import { type LoggerOptions, resolveLoggerOptions } from './logger-options.ts';

/** What replaces a redacted value in the output. */
export const REDACTED = '[Redacted]';

/**
 * Creates the pino logger a Tributary service or package logs through: one JSON object per
 * line, `level` as its name (`"info"`), `time` as an ISO-8601 string, and `service`, `pid` and
 * `hostname` on every line. Keys are camelCase: those it writes itself are, and callers keep
 * to it. Errors go under `err` with their type, message, stack and own fields (so an error's
 * `code` and `retriable` appear), and their `cause` as a nested object of the same shape.
 * Call it as `logger.info({ field }, 'constant message')`; bind context with
 * `logger.child({ topic })`.
 *
 * Defaults: level `info`, nothing redacted, standard output. When the telemetry bootstrap ran
 * first, lines written inside a span also carry `traceId`, `spanId` and `traceFlags`. Throws
 * when the options are invalid (see `resolveLoggerOptions`).
 */
export function createLogger(options: LoggerOptions): Logger {
  const resolved = resolveLoggerOptions(options);

  const loggerOptions = {
    level: resolved.level,
    base: { service: resolved.serviceName, pid: process.pid, hostname: hostname() },
    timestamp: pino.stdTimeFunctions.isoTime,
    messageKey: 'msg',
    errorKey: 'err',
    // errWithCause keeps each cause as its own object (with its code) rather than folding
    // its message into the outer one, so a search can match a cause's code.
    serializers: { err: pino.stdSerializers.errWithCause },
    // A level name reads better in a log search than pino's numbers (30, 40).
    formatters: { level: (label: string) => ({ level: label }) },
    redact: { paths: [...resolved.redactPaths], censor: REDACTED },
  };

  return resolved.destination === undefined
    ? pino(loggerOptions)
    : pino(loggerOptions, resolved.destination);
}
