/** Closed set of failure codes of the local stack. Decide by code, never by message text. */
export const StackErrorCode = {
  PREREQUISITE_MISSING: 'PREREQUISITE_MISSING',
  PORT_IN_USE: 'PORT_IN_USE',
  FETCH_FAILED: 'FETCH_FAILED',
  EXITED_WHILE_STARTING: 'EXITED_WHILE_STARTING',
  HEALTH_TIMEOUT: 'HEALTH_TIMEOUT',
  INVALID_CONFIG: 'INVALID_CONFIG',
  UNKNOWN_COMPONENT: 'UNKNOWN_COMPONENT',
  PROCESS_MANAGER: 'PROCESS_MANAGER',
} as const;

export type StackErrorCode = (typeof StackErrorCode)[keyof typeof StackErrorCode];

/**
 * A failure of one stack component, worded for one line of terminal output:
 * `<component>: <cause>; see <log file>`.
 */
export class StackError extends Error {
  override readonly name = 'StackError';
  readonly code: StackErrorCode;
  /** The component the failure belongs to (`stack` for the whole stack). */
  readonly component: string;
  /** The log file that explains the failure, when there is one. */
  readonly logFile: string | undefined;

  constructor(
    code: StackErrorCode,
    component: string,
    message: string,
    options: { logFile?: string; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.code = code;
    this.component = component;
    this.logFile = options.logFile;
  }

  /** The one line printed to the terminal. */
  toLine(): string {
    const seeLog = this.logFile ? `; see ${this.logFile}` : '';
    return `${this.component}: ${this.message}${seeLog}`;
  }

  toJSON(): Record<string, unknown> {
    return { name: this.name, code: this.code, component: this.component, message: this.message };
  }
}
