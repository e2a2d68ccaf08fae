import { isContractError } from '../errors/contract-error.ts';

/** Where a command writes: result lines to stdout, failures to stderr. */
export interface CommandOutput {
  /** Writes one result line. */
  line(text: string): void;
  /** Writes one failure line. */
  fail(text: string): void;
}

/** Output to the process's stdout and stderr, one line per call. */
export const processOutput: CommandOutput = {
  line: (text) => void process.stdout.write(`${text}\n`),
  fail: (text) => void process.stderr.write(`${text}\n`),
};

/**
 * Runs a command body and turns its outcome into an exit code: 0 when it resolves true,
 * 1 when it resolves false (it has printed why) or throws. A thrown `ContractError` becomes
 * one `error:` line with its message; anything else also prints its stack, being a bug.
 */
export async function runCommand(
  output: CommandOutput,
  body: () => Promise<boolean>,
): Promise<void> {
  try {
    process.exitCode = (await body()) ? 0 : 1;
  } catch (error: unknown) {
    if (isContractError(error)) {
      output.fail(`error: ${error.message}`);
    } else {
      output.fail(
        `error: unexpected failure: ${error instanceof Error ? error.stack : String(error)}`,
      );
    }
    process.exitCode = 1;
  }
}
