import kafkajs, { type Admin } from 'kafkajs';
import type { Row, Verdict } from './bench-report.ts';

/** The parts a run can measure, in the order they run. */
export const benchParts = ['ingress', 'consumer', 'e2e', 'memory'] as const;
export type BenchPart = (typeof benchParts)[number];

/** Validated command-line options (see bench-options.ts for their defaults). */
export interface BenchOptions {
  /** Fixed HTTP concurrencies of the ingress runs. */
  concurrency: number[];
  /** Length of each load run, in seconds. */
  durationSeconds: number;
  /** Records prepared for the consumer runs. */
  records: number;
  /** Fractions of the measured ingress maximum offered in the end-to-end runs. */
  e2eLoads: number[];
  /** Event ids the dedup memory measurement holds. */
  dedupIds: number;
  /** Parts to run. */
  parts: BenchPart[];
  /** The runtime's `concurrency` (partitions handled at once) in the services under test. */
  serviceConcurrency: number;
  /** The runtime's `maxRecordsPerTransaction` in the services under test. */
  maxRecordsPerTransaction: number;
  /** Port of the ingress under test. */
  port: number;
  /** Ingress processes sharing the port in the scaled runs; 1: no scaled runs. */
  ingressProcesses: number;
  /** Where CPU profiles of the ingress and the service go; absent: no profiling. */
  cpuProfDir?: string;
  /** Keep the run's topics on the broker afterwards (they are deleted by default). */
  keepTopics: boolean;
  /** Where the JSON result is saved. */
  outDir: string;
}

/** What every part shares during one run. */
export interface BenchRun {
  options: BenchOptions;
  /** Prefix of every topic, group and subject of this run. */
  prefix: string;
  brokers: readonly string[];
  registryUrl: string;
  /** Prints one progress line. */
  say: (line: string) => void;
  /** Records a row (and prints it at once, so a crash loses nothing already measured). */
  add: (row: Row) => void;
  verdict: (verdict: Verdict) => void;
  /** A finding worth keeping with the numbers. */
  note: (line: string) => void;
  /** Best accepted/s the ingress reached, once the ingress part ran. */
  ingressMaxPerSecond?: number;
}

/** Runs `work` with a kafkajs admin client of the run's brokers, connected, then disconnected. */
export async function withRunAdmin<T>(
  run: BenchRun,
  work: (admin: Admin) => Promise<T>,
): Promise<T> {
  const admin = new kafkajs.Kafka({
    brokers: [...run.brokers],
    logLevel: kafkajs.logLevel.NOTHING,
  }).admin();
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.disconnect();
  }
}
