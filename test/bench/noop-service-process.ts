import { resolve } from 'node:path';
import { type BenchChild, startChild } from './child-process.ts';
import type { Progress } from './steady-rate.ts';

/** What fixtures/noop-service.ts answers to `report`. */
export interface ServiceReport {
  handled: number;
  firstHandlerMs?: number;
  lastCommitMs?: number;
  /** Records committed since the reset after each commit seen, in ms since the reset. */
  progress: Progress[];
  latencyCount: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  assignedPartitions: number;
  counters: Record<string, number>;
}

/** A running no-op service and typed access to its commands. */
export interface NoopService {
  child: BenchChild;
  report(): Promise<ServiceReport>;
  reset(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts the consumer runtime with a no-op handler as a process of its own, as a service
 * runs (`--import @tributary/telemetry/register`), in `group` under `prefix`.
 */
export async function startNoopService(options: {
  prefix: string;
  group: string;
  startFrom: 'earliest' | 'latest';
  /** The runtime's `concurrency` and `maxRecordsPerTransaction`. */
  concurrency: number;
  maxRecordsPerTransaction: number;
  cpuProfDir?: string | undefined;
}): Promise<NoopService> {
  const profile = options.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfDir}`] : [];
  const child = await startChild(resolve(import.meta.dirname, 'fixtures/noop-service.ts'), [], {
    nodeFlags: [...profile, '--import', '@tributary/telemetry/register'],
    env: {
      OTEL_SERVICE_NAME: `tributary-${options.group}`,
      BENCH_PREFIX: options.prefix,
      BENCH_GROUP: options.group,
      BENCH_START_FROM: options.startFrom,
      BENCH_CONCURRENCY: String(options.concurrency),
      BENCH_MAX_RECORDS_PER_TRANSACTION: String(options.maxRecordsPerTransaction),
    },
  });
  return {
    child,
    report: async () => (await child.ask('report')) as unknown as ServiceReport,
    reset: async () => {
      await child.ask('reset');
    },
    stop: () => child.stop(),
  };
}
