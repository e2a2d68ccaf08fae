// The `tributary` command line (see packages/cli/README.md). Run through ./tributary, which puts
// Node on PATH. Terminal output is this command's product, so it writes to stdout/stderr.
import { processOutput } from '@tributary/contract';
import { cliSettingsFrom, repoRoot } from './program/cli-settings.ts';
import { createProgram } from './program/create-program.ts';
import { describeFailure } from './program/run-action.ts';
import { usageExitCode } from './program/usage-conventions.ts';
import { runStackScript } from './stack/run-stack-script.ts';

// A reader that stops early (`| head`) closes the pipe: that ends the output, not in a crash.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? 0);
  });
}

// Configuration is read here, at the edge, and passed down.
const program = createProgram({
  settings: cliSettingsFrom(process.env),
  env: process.env,
  runStack: (args) => runStackScript(repoRoot, args),
  nowMs: Date.now,
  output: processOutput,
});

try {
  await program.parseAsync(process.argv);
} catch (error: unknown) {
  const usage = usageExitCode(error);
  if (usage === undefined) {
    const report = describeFailure(error);
    processOutput.fail(report.text);
    process.exitCode = report.exitCode;
  } else {
    process.exitCode = usage;
  }
}
