// `deploy/local/stack`: the local Kafka, schema registry and Jaeger, started without Docker.
// Terminal output is this command's product, so it writes to stdout/stderr directly.
import { spawn } from 'node:child_process';
import { access } from 'node:fs/promises';
import { Command } from 'commander';
import type { ComponentContext } from './component.ts';
import { StackError } from './errors.ts';
import { logFileOf, resolveLayout } from './layout.ts';
import { resolveAddresses } from './ports.ts';
import { componentByName, down, status, up } from './stack.ts';

/** Exit codes scripts can rely on. */
const EXIT = Object.freeze({ ok: 0, failed: 1, usage: 2, unhealthy: 3 });

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

function fail(line: string): void {
  process.stderr.write(`${line}\n`);
}

function context(): ComponentContext {
  return {
    layout: resolveLayout(),
    addresses: resolveAddresses(),
    env: process.env,
    progress: say,
  };
}

function errorLines(error: unknown): string[] {
  if (error instanceof AggregateError) return error.errors.flatMap(errorLines);
  if (error instanceof StackError) return [error.toLine()];
  return [`stack: ${error instanceof Error ? error.message : String(error)}`];
}

async function runUp(): Promise<void> {
  const ctx = context();
  const startedAt = Date.now();
  const outcomes = await up(ctx);
  for (const [name, outcome] of outcomes) {
    const component = componentByName(name);
    const where = Object.entries(component.endpoints(ctx.addresses))
      .map(([label, url]) => `${label} ${url}`)
      .join(', ');
    say(`${name}: ${outcome} - ${component.title} - ${where}`);
  }
  say(
    `stack: up in ${((Date.now() - startedAt) / 1_000).toFixed(1)} s; logs in ${ctx.layout.logDir}`,
  );
}

async function runDown(): Promise<void> {
  const stopped = await down(context());
  if (stopped.length === 0) say('stack: nothing of this checkout was running');
  for (const proc of stopped) say(`${proc.name}: stopped (pid ${proc.pid})`);
}

async function runStatus(options: { json?: boolean }): Promise<void> {
  const rows = await status(context());
  if (options.json) say(JSON.stringify(rows, null, 2));
  for (const row of options.json ? [] : rows) {
    const owner = row.process
      ? `pid ${row.process.pid} ${row.process.status}`
      : 'not started by this checkout';
    const health = row.healthy ? 'healthy' : 'not answering';
    say(
      `${row.name.padEnd(9)} ${health.padEnd(14)} ${owner.padEnd(30)} ${Object.values(row.endpoints)[0]}`,
    );
  }
  if (!rows.every((row) => row.healthy)) process.exitCode = EXIT.unhealthy;
}

async function runLogs(name: string, options: { follow?: boolean; lines: string }): Promise<void> {
  const component = componentByName(name);
  const file = logFileOf(resolveLayout(), component.name);
  await access(file).catch(() => {
    throw new StackError(
      'UNKNOWN_COMPONENT',
      component.name,
      `no log yet at ${file} (never started here)`,
    );
  });
  const args = [options.follow ? '-F' : '', '-n', options.lines, file].filter(Boolean);
  await new Promise<void>((resolve) => {
    spawn('tail', args, { stdio: 'inherit' }).once('close', () => resolve());
  });
}

function guarded<A extends unknown[]>(
  action: (...args: A) => Promise<void>,
): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await action(...args);
    } catch (error: unknown) {
      for (const line of errorLines(error)) fail(line);
      process.exitCode = EXIT.failed;
    }
  };
}

const program = new Command('stack')
  .description('Run the local Tributary stack (Kafka, schema registry, Jaeger) without Docker.')
  .showHelpAfterError()
  .exitOverride((error) => process.exit(error.exitCode === 0 ? EXIT.ok : EXIT.usage));

program
  .command('up')
  .description('start every component not already running (downloads and builds once, then cached)')
  .action(guarded(runUp));
program
  .command('down')
  .description('stop exactly the processes this checkout started')
  .action(guarded(runDown));
program
  .command('status')
  .description('show each component, its process and health (exit 3 when one is not healthy)')
  .option('--json', 'print machine-readable JSON')
  .action(guarded(runStatus));
program
  .command('logs')
  .description('print the log of one component: kafka, registry or jaeger')
  .argument('<component>', 'kafka, registry or jaeger')
  .option('-f, --follow', 'keep printing as the log grows')
  .option('-n, --lines <count>', 'how many closing lines to print', '100')
  .action(guarded(runLogs));

await program.parseAsync();
// pm2's client keeps its bus socket open after killDaemon, which would hold the event loop
// (and the shell) forever; every action has finished here, so end the process.
process.exit(process.exitCode ?? EXIT.ok);
