import { resolve } from 'node:path';
import { startOptionDefaults } from '@tributary/consumer-runtime';
import { Command, InvalidArgumentError, Option } from 'commander';
import { type BenchOptions, type BenchPart, benchParts } from './bench-run.ts';

const defaultOutDir = resolve(import.meta.dirname, '../../.local/bench');

function positiveInteger(raw: string): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) {
    throw new InvalidArgumentError(`expected a positive integer, got "${raw}"`);
  }
  return value;
}

function integerList(raw: string): number[] {
  return raw.split(',').map((item) => positiveInteger(item.trim()));
}

function percentList(raw: string): number[] {
  return integerList(raw).map((percent) => {
    if (percent > 100)
      throw new InvalidArgumentError(`a load above 100% makes no sense: ${percent}`);
    return percent / 100;
  });
}

function partList(raw: string): BenchPart[] {
  const parts = raw.split(',').map((item) => item.trim());
  for (const part of parts) {
    if (!(benchParts as readonly string[]).includes(part)) {
      throw new InvalidArgumentError(`unknown part "${part}"; parts: ${benchParts.join(', ')}`);
    }
  }
  return benchParts.filter((part) => parts.includes(part));
}

/**
 * Parses the command line into validated {@link BenchOptions}; `--help` and bad options end
 * the process with commander's own message and exit code.
 */
export function parseBenchOptions(argv: readonly string[]): BenchOptions {
  const program = new Command('npm run bench --')
    .description(
      'Benchmarks the ingress and the consumer runtime against baselines measured in the same run, on the running local stack. Prints one table and saves it as JSON with the machine description.',
    )
    .addOption(
      new Option('--only <parts>', `parts to run, comma-separated: ${benchParts.join(', ')}`)
        .argParser(partList)
        .default([...benchParts], 'all'),
    )
    .addOption(
      new Option('--concurrency <list>', 'fixed HTTP concurrencies of the ingress runs')
        .argParser(integerList)
        .default([10, 50, 100], '10,50,100'),
    )
    .addOption(
      new Option('--duration <seconds>', 'length of each load run')
        .argParser(positiveInteger)
        .default(10),
    )
    .addOption(
      new Option('--records <count>', 'records prepared for the consumer runs')
        .argParser(positiveInteger)
        .default(20_000),
    )
    .addOption(
      new Option(
        '--e2e-loads <percents>',
        'end-to-end loads, in % of the best single-process ingress rate of this run (500/s when the ingress part is not run)',
      )
        .argParser(percentList)
        .default([0.25, 0.5, 0.75], '25,50,75'),
    )
    .addOption(
      new Option('--dedup-ids <count>', 'event ids held by the dedup memory measurement')
        .argParser(positiveInteger)
        .default(1_000_000),
    )
    .addOption(
      new Option(
        '--ingress-processes <n>',
        'after the single-process ingress runs, run n ingress processes sharing the port (reusePort) at the same concurrencies; 1 skips this',
      )
        .argParser(positiveInteger)
        .default(2),
    )
    .addOption(
      new Option('--service-concurrency <n>', "the runtime's concurrency (partitions at once)")
        .argParser(positiveInteger)
        .default(startOptionDefaults.concurrency),
    )
    .addOption(
      new Option(
        '--max-records-per-transaction <n>',
        'records the runtime commits in one transaction at most (its maxRecordsPerTransaction)',
      )
        .argParser(positiveInteger)
        .default(startOptionDefaults.maxRecordsPerTransaction),
    )
    .addOption(
      new Option('--port <port>', 'port of the ingress under test')
        .argParser(positiveInteger)
        .default(18_480),
    )
    .addOption(
      new Option(
        '--cpu-prof [dir]',
        'write V8 CPU profiles of the ingress and the services under test (open in Chrome DevTools or speedscope)',
      ).preset(resolve(defaultOutDir, 'profiles')),
    )
    .addOption(new Option('--keep-topics', "leave the run's topics on the broker").default(false))
    .addOption(new Option('--out <dir>', 'where the JSON result is saved').default(defaultOutDir))
    .showHelpAfterError()
    .parse([...argv]);

  const raw = program.opts<{
    only: BenchPart[];
    concurrency: number[];
    duration: number;
    records: number;
    e2eLoads: number[];
    dedupIds: number;
    port: number;
    ingressProcesses: number;
    serviceConcurrency: number;
    maxRecordsPerTransaction: number;
    cpuProf?: string;
    keepTopics: boolean;
    out: string;
  }>();
  return Object.freeze({
    parts: raw.only,
    concurrency: raw.concurrency,
    durationSeconds: raw.duration,
    records: raw.records,
    e2eLoads: raw.e2eLoads,
    dedupIds: raw.dedupIds,
    port: raw.port,
    ingressProcesses: raw.ingressProcesses,
    serviceConcurrency: raw.serviceConcurrency,
    maxRecordsPerTransaction: raw.maxRecordsPerTransaction,
    ...(raw.cpuProf !== undefined && { cpuProfDir: resolve(raw.cpuProf) }),
    keepTopics: raw.keepTopics,
    outDir: resolve(raw.out),
  });
}
