import { waitFor } from '../support/wait-for.ts';
import { applyBenchTopics, benchGroups } from './bench-catalog.ts';
import type { BenchRun } from './bench-run.ts';
import { peakRssDuring } from './child-process.ts';
import { runHttpLoad } from './http-load.ts';
import { signedDelivery, startRunIngress } from './ingress-bench.ts';
import { type NoopService, startNoopService } from './noop-service-process.ts';

/** Offered load when the ingress part did not run in this invocation, per second. */
const fallbackMaxPerSecond = 500;

/**
 * Receipt-to-handled latency: the ingress and a no-op service (from the end of the topic)
 * run side by side while autocannon offers a fixed rate, a fraction of the ingress's best
 * measured rate; the handler records its start minus the envelope's `receivedAt` (set when
 * the ingress received the request). A short warm-up first, so partition producers and
 * dedup marks are prepared before anything is measured. Peak RSS of both processes under
 * the highest load is recorded.
 */
export async function benchEndToEnd(run: BenchRun): Promise<void> {
  const { options } = run;
  const max = run.ingressMaxPerSecond ?? fallbackMaxPerSecond;
  if (run.ingressMaxPerSecond === undefined) {
    run.note(`end-to-end: ingress part not run; loads are fractions of ${fallbackMaxPerSecond}/s`);
  }
  await applyBenchTopics(run.brokers, run.prefix);
  const delivery = signedDelivery();
  const service = await startNoopService({
    prefix: run.prefix,
    group: benchGroups.latency,
    startFrom: 'latest',
    concurrency: run.options.serviceConcurrency,
    maxRecordsPerTransaction: run.options.maxRecordsPerTransaction,
    cpuProfDir: options.cpuProfDir,
  });
  const ingress = await startRunIngress(run, delivery);
  const offer = (rate: number, durationSeconds: number) =>
    runHttpLoad({
      url: `${ingress.url}/webhooks/github`,
      concurrency: Math.max(4, Math.min(100, Math.ceil(rate / 20))),
      overallRate: rate,
      durationSeconds,
      headers: delivery.headers,
      body: delivery.body,
      uniqueHeader: delivery.deliveryHeader,
    });
  try {
    await waitFor(async () => (await service.report()).assignedPartitions > 0, {
      timeoutMs: 60_000,
      intervalMs: 250,
      what: 'the end-to-end service to be assigned its partitions',
    });
    run.say('end-to-end: warming up (every partition prepared before measuring)');
    const warm = await offer(Math.max(20, Math.round(max * 0.25)), 3);
    await caughtUp(service, warm.accepted);

    let peakIngress = 0;
    let peakService = 0;
    for (const fraction of options.e2eLoads) {
      const rate = Math.max(1, Math.round(max * fraction));
      await service.reset();
      const [[load, servicePeak], ingressPeak] = await peakRssDuring(ingress.child.pid, () =>
        peakRssDuring(service.child.child.pid, () => offer(rate, options.durationSeconds)),
      );
      peakIngress = Math.max(peakIngress, ingressPeak);
      peakService = Math.max(peakService, servicePeak);
      const report = await caughtUp(service, load.accepted);
      run.add({
        part: 'e2e',
        name: 'receipt to handler start',
        load: `${Math.round(fraction * 100)}% = ${rate}/s`,
        value: Math.round(report.handled / options.durationSeconds),
        unit: 'handled/s',
        p50Ms: report.latencyP50Ms,
        p99Ms: report.latencyP99Ms,
        note: `HTTP p99 ${load.p99Ms} ms${load.non2xx + load.errors > 0 ? `, ${load.non2xx} non-2xx, ${load.errors} errors` : ''}`,
      });
      if (fraction === 0.5) {
        run.verdict({
          what: 'end-to-end p99 at half load, ms',
          value: report.latencyP99Ms,
          target: '<= 100',
          met: report.latencyP99Ms <= 100,
        });
      }
    }
    run.add({
      part: 'memory',
      name: 'ingress peak RSS, end-to-end runs',
      value: peakIngress,
      unit: 'MiB',
    });
    run.add({
      part: 'memory',
      name: 'one consumer: peak RSS, end-to-end runs',
      value: peakService,
      unit: 'MiB',
    });
  } finally {
    await ingress.stop();
    await service.stop();
  }
}

/** Waits (bounded) until the service handled at least `count` records since its last reset. */
function caughtUp(service: NoopService, count: number) {
  return waitFor(
    async () => {
      const report = await service.report();
      return report.handled >= count ? report : undefined;
    },
    { timeoutMs: 120_000, intervalMs: 100, what: `the service to handle ${count} records` },
  );
}
