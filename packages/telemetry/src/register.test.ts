// The bootstrap as services load it: `node --import @tributary/telemetry/register <entry>`,
// run in child processes because it patches module loading for the whole process.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fixturePath, jsonLines, spawnNode } from './test-fixtures/spawn-node.ts';

const REGISTER = '@tributary/telemetry/register';
const KAFKAJS_FIRST_WARNING = 'kafkajs was loaded before telemetry';

interface Case {
  name: string;
  /** Modules given with `--import`, in order, before the entry. */
  imports: string[];
  env: Record<string, string>;
  /** The report the entry writes. */
  expected: Record<string, unknown>;
  /** Whether the bootstrap logs the kafkajs-first warning. */
  warns: boolean;
}

const cases: Case[] = [
  {
    name: 'loaded before kafkajs, it traces kafkajs and logs and reports the right order',
    imports: [REGISTER],
    env: {},
    expected: {
      started: true,
      kafkajsLoadedFirst: false,
      assertionCode: null,
      traceparentSent: true,
      logCarriesSpan: true,
    },
    warns: false,
  },
  {
    name: 'loaded after kafkajs, it warns, reports it, and the early kafkajs goes untraced',
    imports: [fixturePath('kafkajs-client.ts'), REGISTER],
    env: {},
    expected: {
      started: true,
      kafkajsLoadedFirst: true,
      assertionCode: 'KAFKAJS_LOADED_FIRST',
      traceparentSent: false,
      logCarriesSpan: true,
    },
    warns: true,
  },
  {
    name: 'with OTEL_SDK_DISABLED=true, it starts nothing and patches nothing',
    imports: [REGISTER],
    env: { OTEL_SDK_DISABLED: 'true' },
    expected: {
      started: false,
      kafkajsLoadedFirst: false,
      assertionCode: null,
      traceparentSent: false,
      logCarriesSpan: false,
    },
    warns: false,
  },
];

describe('node --import @tributary/telemetry/register', () => {
  for (const { name, imports, env, expected, warns } of cases) {
    test(name, { timeout: 30_000 }, async () => {
      const args = [...imports.flatMap((module) => ['--import', module])];
      const run = spawnNode([...args, fixturePath('report-tracing.ts')], env);

      const { code, stdout, stderr } = await run.exited;
      const lines = jsonLines(stdout);

      assert.equal(code, 0, stderr);
      assert.deepEqual(lines.find((line) => 'report' in line)?.report, expected);
      assert.equal(
        lines.some((line) => line.msg === KAFKAJS_FIRST_WARNING && line.level === 'warn'),
        warns,
      );
    });
  }
});
