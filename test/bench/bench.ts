// The benchmark command (`npm run bench -- --help`): the ingress and the consumer runtime
// measured against baselines taken in the same run on the running local stack; prints one
// table and saves it, with the machine's description, as JSON under .local/bench/. Not part
// of the test command.
import { loadavg } from 'node:os';
import { KAFKA_VERSION } from '../../deploy/local/src/components/kafka.ts';
import { stackEnv } from '../support/stack-env.ts';
import { parseBenchOptions } from './bench-options.ts';
import {
  type BenchResult,
  printTable,
  printVerdicts,
  type Row,
  saveResult,
  type Verdict,
} from './bench-report.ts';
import { type BenchPart, type BenchRun, withRunAdmin } from './bench-run.ts';
import { benchConsumer } from './consumer-bench.ts';
import { benchEndToEnd } from './end-to-end-bench.ts';
import { benchIngress } from './ingress-bench.ts';
import { machineInfo } from './machine-info.ts';
import { benchDedupMemory } from './memory-bench.ts';
import { assertStackRunning } from './stack-check.ts';

const say = (line: string) => process.stdout.write(`${line}\n`);
const partRunners: Record<BenchPart, (run: BenchRun) => Promise<void>> = {
  ingress: benchIngress,
  consumer: benchConsumer,
  e2e: benchEndToEnd,
  memory: benchDedupMemory,
};

async function main(): Promise<void> {
  const options = parseBenchOptions(process.argv);
  let warnings: string[];
  try {
    warnings = await assertStackRunning(
      stackEnv.brokers,
      stackEnv.schemaRegistryUrl,
      stackEnv.otlpEndpoint,
    );
  } catch (error: unknown) {
    process.stderr.write(`bench: ${(error as Error).message}\n`);
    process.exitCode = 2;
    return;
  }
  const startedAt = new Date().toISOString();
  const rows: Row[] = [];
  const verdicts: Verdict[] = [];
  const notes: string[] = [];
  const run: BenchRun = {
    options,
    prefix: `bench${startedAt.replace(/\D/g, '').slice(0, 14)}.`,
    brokers: stackEnv.brokers,
    registryUrl: stackEnv.schemaRegistryUrl,
    say,
    add: (row) => {
      rows.push(row);
      const latency = row.p50Ms === undefined ? '' : `, p50 ${row.p50Ms} ms, p99 ${row.p99Ms} ms`;
      say(`  ${row.name}${row.load ? ` @${row.load}` : ''}: ${row.value} ${row.unit}${latency}`);
    },
    verdict: (verdict) => void verdicts.push(verdict),
    note: (line) => {
      notes.push(line);
      say(`  note: ${line}`);
    },
  };
  for (const warning of warnings) run.note(warning);
  const loadStart = loadavg();
  say(
    `bench: parts ${options.parts.join(', ')}; prefix ${run.prefix}; load average ${loadStart.map((l) => l.toFixed(1)).join(' ')}`,
  );
  try {
    for (const part of options.parts) await partRunners[part](run);
  } finally {
    if (!options.keepTopics) await deleteRunTopics(run).catch(() => undefined);
    say('');
    printTable(rows, say);
    say('');
    printVerdicts(verdicts, say);
    const result: BenchResult = {
      startedAt,
      machine: machineInfo(KAFKA_VERSION),
      loadAverage: { start: loadStart, end: loadavg() },
      options: { ...options },
      rows,
      verdicts,
      notes,
    };
    say(`saved ${await saveResult(options.outDir, result)}`);
  }
}

/** Deletes every topic of this run (its prefix), so repeated runs do not fill the broker. */
async function deleteRunTopics(run: BenchRun): Promise<void> {
  await withRunAdmin(run, async (admin) => {
    const topics = (await admin.listTopics()).filter((topic) => topic.startsWith(run.prefix));
    if (topics.length > 0) await admin.deleteTopics({ topics });
  });
}

await main();
