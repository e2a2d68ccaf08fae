import type { Command } from 'commander';
import { CommanderError } from 'commander';
import { exitCodes } from './exit-codes.ts';

/** The full name of a command as typed, e.g. `tributary topics apply`. */
export function commandPath(command: Command): string {
  const names: string[] = [];
  for (let at: Command | null = command; at !== null; at = at.parent) names.unshift(at.name());
  return names.join(' ');
}

/**
 * Gives every command of the tree the same conventions. Commander copies settings only to
 * subcommands made with `.command()`, not to those attached with `.addCommand()`, so this
 * walks the finished tree: parse problems throw (see {@link usageExitCode}) instead of exiting,
 * and print as one line that says where the usage is.
 */
export function applyUsageConventions(command: Command): void {
  const path = commandPath(command);
  command.exitOverride();
  command.configureOutput({
    outputError: (text, write) => write(`${oneLine(text)}; see '${path} --help'\n`),
  });
  for (const sub of command.commands) applyUsageConventions(sub);
}

// Commander puts its "Did you mean" suggestion on a line of its own; errors here are one line,
// and one whose sentence already ends ("Allowed choices are a, b.") loses that full stop.
function oneLine(text: string): string {
  return text
    .replace(/\s*\n\s*/g, ' ')
    .trim()
    .replace(/\.$/, '');
}

/**
 * The exit code for what `parseAsync` threw once {@link applyUsageConventions} is applied:
 * 0 after `--help`, 2 for every parse problem (commander would use 1), and undefined when the
 * error is not commander's.
 */
export function usageExitCode(error: unknown): number | undefined {
  if (!(error instanceof CommanderError)) return undefined;
  return error.exitCode === 0 ? exitCodes.ok : exitCodes.usage;
}
