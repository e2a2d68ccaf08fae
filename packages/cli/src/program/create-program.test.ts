import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Command } from 'commander';
import { runTributary } from '../../test/support/run-tributary.ts';
import { cliSettingsFrom } from './cli-settings.ts';
import { createProgram } from './create-program.ts';
import { commandPath } from './usage-conventions.ts';

interface InProcessRun {
  readonly exitCode: number | undefined;
  readonly stackCalls: readonly (readonly string[])[];
}

/** Parses `args` with a fake stack runner answering `stackExitCode`; restores process.exitCode. */
async function runInProcess(args: readonly string[], stackExitCode = 0): Promise<InProcessRun> {
  const stackCalls: (readonly string[])[] = [];
  const program = createProgram({
    settings: cliSettingsFrom({}),
    env: {},
    runStack: async (stackArgs) => {
      stackCalls.push(stackArgs);
      return stackExitCode;
    },
    nowMs: () => 0,
    output: { line: () => {}, fail: () => {} },
  });
  const before = process.exitCode;
  try {
    await program.parseAsync([...args], { from: 'user' });
    return { exitCode: process.exitCode as number | undefined, stackCalls };
  } finally {
    process.exitCode = before;
  }
}

function allPaths(command: Command): string[] {
  return [commandPath(command), ...command.commands.flatMap(allPaths)];
}

describe('tributary stack', () => {
  const cases: readonly [string[], string[]][] = [
    [['stack', 'up'], ['up']],
    [['stack', 'down'], ['down']],
    [['stack', 'status'], ['status']],
    [
      ['stack', 'status', '--json'],
      ['status', '--json'],
    ],
    [
      ['stack', 'logs', 'kafka'],
      ['logs', 'kafka'],
    ],
    [
      ['stack', 'logs', 'registry', '-f', '-n', '5'],
      ['logs', 'registry', '--follow', '--lines', '5'],
    ],
  ];
  for (const [args, forwarded] of cases) {
    it(`${args.join(' ')} runs deploy/local/stack ${forwarded.join(' ')}`, async () => {
      const run = await runInProcess(args);

      assert.deepEqual(run.stackCalls, [forwarded]);
    });
  }

  it("passes the script's exit code through (3: a component is not healthy)", async () => {
    const run = await runInProcess(['stack', 'status'], 3);

    assert.equal(run.exitCode, 3);
  });
});

describe('tributary command line', () => {
  const program = createProgram({
    settings: cliSettingsFrom({}),
    env: {},
    runStack: async () => 0,
    nowMs: () => 0,
    output: { line: () => {}, fail: () => {} },
  });
  const paths = allPaths(program).filter((path) => !path.endsWith(' help'));

  it('has the commands of this first part', () => {
    // Only the commands named here; others (platform, demo) are checked by their own tests.
    const known = /^tributary( (dlq|new|schemas|send|stack|topics)( \w+)?)?$/;
    assert.deepEqual(paths.filter((path) => known.test(path)).sort(), [
      'tributary',
      'tributary dlq',
      'tributary dlq list',
      'tributary dlq replay',
      'tributary dlq show',
      'tributary new',
      'tributary new consumer',
      'tributary schemas',
      'tributary schemas check',
      'tributary schemas register',
      'tributary send',
      'tributary stack',
      'tributary stack down',
      'tributary stack logs',
      'tributary stack status',
      'tributary stack up',
      'tributary topics',
      'tributary topics apply',
    ]);
  });

  for (const path of paths) {
    it(`${path} --help prints usage and exits 0`, async () => {
      const run = await runTributary([...path.split(' ').slice(1), '--help']);

      assert.equal(run.code, 0);
      assert.match(run.stdout[0] ?? '', new RegExp(`^Usage: ${path}`));
    });
  }

  const usageErrors: readonly [string, string[], string][] = [
    [
      'an unknown command',
      ['sned'],
      "error: unknown command 'sned' (Did you mean send?); see 'tributary --help'",
    ],
    [
      'an unknown option',
      ['topics', 'apply', '--prefx', 'x'],
      "error: unknown option '--prefx' (Did you mean --prefix?); see 'tributary topics apply --help'",
    ],
    [
      'a missing argument',
      ['stack', 'logs'],
      "error: missing required argument 'component'; see 'tributary stack logs --help'",
    ],
    [
      'a bad option value',
      ['schemas', 'register', '--through', '0'],
      "error: option '--through <version>' argument '0' is invalid. must be an integer from 1; see 'tributary schemas register --help'",
    ],
    [
      'a version past the newest',
      ['schemas', 'register', '--through', '99'],
      'error: --through 99: the newest version is v2',
    ],
    [
      'a choice that is not one, without a doubled full stop',
      ['send', 'gitlab', 'push'],
      "error: command-argument value 'gitlab' is invalid for argument 'source'. Allowed choices are github, stripe, shopify, slack, standard, generic; see 'tributary send --help'",
    ],
  ];
  for (const [name, args, line] of usageErrors) {
    it(`${name}: exit 2 and one line saying where the usage is`, async () => {
      const run = await runTributary(args);

      assert.equal(run.code, 2);
      assert.deepEqual(run.stderr, [line]);
    });
  }

  it('a command group without its subcommand prints its usage and exits 2', async () => {
    const run = await runTributary(['topics']);

    assert.equal(run.code, 2);
    assert.match(run.stderr[0] ?? '', /^Usage: tributary topics/);
  });
});
