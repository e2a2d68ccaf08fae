export type { Logger } from 'pino';
export { createLogger, REDACTED } from './create-logger.ts';
export {
  LOG_LEVELS,
  type LoggerOptions,
  type LogLevel,
  type ResolvedLoggerOptions,
  resolveLoggerOptions,
} from './logger-options.ts';
