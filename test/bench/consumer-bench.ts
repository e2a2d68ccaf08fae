import { groupTopology } from '@tributary/contract';
import { waitFor } from '../support/wait-for.ts';
import { applyBenchTopics, benchCatalog, benchGroups, benchSourceTopic } from './bench-catalog.ts';
import { ratio } from './bench-report.ts';
import { type BenchRun, withRunAdmin } from './bench-run.ts';
import { peakRssDuring } from './child-process.ts';
import {
  type ConsumerBenchTarget,
  prepareSourceTopic,
  runBareConsumer,
} from './consumer-baselines.ts';
import { githubPushPayload } from './github-push-payload.ts';
import { startNoopService } from './noop-service-process.ts';
import { steadyCpuPerRecordUs, steadyRate } from './steady-rate.ts';

/**
 * The consumer runtime against its baselines on the same topic and records: a bare kafkajs
 * `eachBatch` consumer committing per batch, the same with a transaction per batch, and the
 * runtime (decode, dedup, no-op handler, marks and offsets in a transaction) draining the
 * backlog as a process of its own, whose peak RSS is recorded too.
 */
export async function benchConsumer(run: BenchRun): Promise<void> {
  const target: ConsumerBenchTarget = {
    brokers: run.brokers,
    registryUrl: run.registryUrl,
    topic: benchSourceTopic(run.prefix),
    records: run.options.records,
  };
  run.say(`consumer: preparing ${target.records} records on ${target.topic}`);
  await applyBenchTopics(run.brokers, run.prefix);
  const backlogBefore = await topicRecordCount(run, target.topic);
  await prepareSourceTopic(target, githubPushPayload());
  // Records the ingress part wrote to the same topic are read too.
  const expected = backlogBefore + target.records;
  const consumerTarget = { ...target, records: expected };

  const bare = await runBareConsumer(consumerTarget, { kind: 'offsets' });
  run.add({
    part: 'consumer',
    name: 'bare eachBatch: decode + commit per batch',
    value: bare.recordsPerSecond,
    unit: 'rec/s',
    ...cpuNote(bare.cpuPerRecordUs),
  });
  const txn = await runBareConsumer(consumerTarget, { kind: 'transaction' });
  run.add({
    part: 'consumer',
    name: 'bare eachBatch: decode + transaction per batch',
    value: txn.recordsPerSecond,
    unit: 'rec/s',
    ...cpuNote(txn.cpuPerRecordUs),
  });
  const marksTopic = groupTopology(benchCatalog(), benchGroups.marksFloor, run.prefix).dedupTopic;
  const marked = await runBareConsumer(consumerTarget, {
    kind: 'transaction-with-marks',
    marksTopic,
  });
  run.add({
    part: 'consumer',
    name: 'bare eachBatch: decode + transaction with a mark per record',
    value: marked.recordsPerSecond,
    unit: 'rec/s',
    note: ['reference: the writes the guarantees need', cpuNote(marked.cpuPerRecordUs).note]
      .filter(Boolean)
      .join(', '),
  });

  const service = await startNoopService({
    prefix: run.prefix,
    group: benchGroups.throughput,
    startFrom: 'earliest',
    concurrency: run.options.serviceConcurrency,
    maxRecordsPerTransaction: run.options.maxRecordsPerTransaction,
    cpuProfDir: run.options.cpuProfDir,
  });
  let report: Awaited<ReturnType<typeof service.report>>;
  let peakMiB: number;
  try {
    [report, peakMiB] = await peakRssDuring(service.child.child.pid, () =>
      waitFor(
        async () => {
          const now = await service.report();
          return now.handled >= expected ? now : undefined;
        },
        { timeoutMs: 600_000, intervalMs: 250, what: `the runtime to handle ${expected} records` },
      ),
    );
  } finally {
    await service.stop();
  }
  const perSecond = steadyRate(report.progress);
  const ofTxn = ratio(perSecond, txn.recordsPerSecond);
  const aborted = report.counters.abortedTransactions ?? 0;
  run.add({
    part: 'consumer',
    name: 'runtime: decode, dedup, no-op handler, transaction',
    value: perSecond,
    unit: 'rec/s',
    note: [
      `${ratio(perSecond, bare.recordsPerSecond)} of bare`,
      `${ofTxn} of bare+txn`,
      `${ratio(perSecond, marked.recordsPerSecond)} of bare+txn+marks`,
      cpuNote(steadyCpuPerRecordUs(report.progress)).note,
      aborted > 0 ? `${aborted} aborted transactions` : undefined,
    ]
      .filter(Boolean)
      .join(', '),
  });
  run.verdict({
    what: 'runtime / bare+transaction',
    value: ofTxn,
    target: '>= 0.70',
    met: ofTxn >= 0.7,
  });
  run.add({
    part: 'memory',
    name: 'one consumer: peak RSS draining the backlog',
    value: peakMiB,
    unit: 'MiB',
  });
}

/** The note saying what a record cost its consumer's CPU, when that was measured. */
function cpuNote(perRecordUs: number | undefined): { note?: string } {
  return perRecordUs === undefined ? {} : { note: `${perRecordUs} µs CPU/record` };
}

/** Records on `topic` now (sum of end offsets; the source topic has no transaction markers). */
async function topicRecordCount(run: BenchRun, topic: string): Promise<number> {
  return withRunAdmin(run, async (admin) => {
    // Right after the topics were created the broker may still be electing leaders.
    const offsets = await waitFor(() => admin.fetchTopicOffsets(topic), {
      timeoutMs: 30_000,
      intervalMs: 500,
      what: `end offsets of ${topic}`,
    });
    return offsets.reduce((sum, p) => sum + Number(p.high) - Number(p.low), 0);
  });
}
