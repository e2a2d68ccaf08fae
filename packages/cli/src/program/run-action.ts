import type { CommandOutput } from '@tributary/contract';
import { isContractError } from '@tributary/contract';
import { isCliError } from '../errors/cli-error.ts';
import { exitCodes } from './exit-codes.ts';

/** How a failed command ends: the one line it prints and the exit code. */
export interface FailureReport {
  /** Printed to stderr. One line for known errors; a stack for bugs. */
  readonly text: string;
  /** Process exit code. */
  readonly exitCode: number;
}

/**
 * Turns what a command threw into its report: a `CliError` or `ContractError` becomes one
 * `error:` line (the CLI's own errors choose their exit code), anything else is a bug and
 * keeps its stack so it can be reported.
 */
export function describeFailure(error: unknown): FailureReport {
  if (isCliError(error)) return { text: `error: ${error.message}`, exitCode: error.exitCode };
  if (isContractError(error))
    return { text: `error: ${error.message}`, exitCode: exitCodes.failure };
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  return { text: `error: unexpected failure: ${detail}`, exitCode: exitCodes.failure };
}

/**
 * Runs a command body and sets the process exit code from what it resolves to, or from the
 * failure it throws (see {@link describeFailure}). Commands never call `process.exit`, so
 * output is flushed and connections close before the process ends.
 */
export async function runAction(output: CommandOutput, body: () => Promise<number>): Promise<void> {
  try {
    process.exitCode = await body();
  } catch (error: unknown) {
    const report = describeFailure(error);
    output.fail(report.text);
    process.exitCode = report.exitCode;
  }
}
