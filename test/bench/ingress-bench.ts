import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { sign } from '@tributary/ingress';
import { ratio } from './bench-report.ts';
import { type BenchRun, withRunAdmin } from './bench-run.ts';
import { cpuMsOf, peakRssDuring, startChild } from './child-process.ts';
import { githubPushPayload } from './github-push-payload.ts';
import { type HttpLoadResult, runHttpLoad } from './http-load.ts';
import { type IngressProcess, startIngressProcess } from './ingress-process.ts';
import { type ProducerCeilingMode, runProducerCeiling } from './kafka-producer-ceiling.ts';
import { processCpuMs } from './steady-rate.ts';

/** A signed GitHub push delivery, ready to be sent many times with fresh delivery ids. */
export interface SignedDelivery {
  body: Buffer;
  headers: Record<string, string>;
  secret: string;
  /** The header carrying the delivery id (the event id downstream). */
  deliveryHeader: string;
}

/** A real ~7 KB GitHub push payload signed with a fresh secret. */
export function signedDelivery(): SignedDelivery {
  const body = githubPushPayload();
  const secret = randomBytes(16).toString('hex');
  const signed = sign('github', secret, body, Date.now(), { deliveryId: 'set-per-request' });
  const deliveryHeader = 'x-github-delivery';
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-github-event': 'push',
  };
  for (const [name, value] of Object.entries(signed)) {
    if (name.toLowerCase() !== deliveryHeader) headers[name] = String(value);
  }
  return { body, headers, secret, deliveryHeader };
}

/**
 * Starts the ingress under test on the run's stack, prefix and port, taking `delivery`'s
 * secret for GitHub; `extra` adds Node flags or `reusePort`.
 */
export function startRunIngress(
  run: BenchRun,
  delivery: SignedDelivery,
  extra: { nodeFlags?: readonly string[]; reusePort?: boolean } = {},
): Promise<IngressProcess> {
  return startIngressProcess({
    brokers: run.brokers,
    registryUrl: run.registryUrl,
    prefix: run.prefix,
    port: run.options.port,
    githubSecret: delivery.secret,
    ...extra,
  });
}

/** Note of the ingress's CPU time per answered request over a load run, when it was read. */
function cpuPerRequest(
  beforeMs: number | undefined,
  afterMs: number | undefined,
  result: HttpLoadResult,
): string | undefined {
  const answered = result.accepted + result.non2xx;
  if (beforeMs === undefined || afterMs === undefined || answered === 0) return undefined;
  return `${(((afterMs - beforeMs) * 1_000) / answered).toFixed(0)} µs CPU/request`;
}

/** The ceilings of each concurrency, requests or records per second. */
interface Ceilings {
  http: ReadonlyMap<number, number>;
  kafka: ReadonlyMap<number, number>;
}

/**
 * Adds the row of an ingress load run at concurrency `c`: its rate, latencies, its share of
 * both ceilings, its CPU per request (from the process CPU read before and after) and any
 * failures. Returns the share of the HTTP ceiling.
 */
function addIngressRow(
  run: BenchRun,
  name: string,
  c: number,
  measured: {
    result: HttpLoadResult;
    ceilings: Ceilings;
    cpuMs: [number | undefined, number | undefined];
  },
): number {
  const { result, ceilings, cpuMs } = measured;
  const ofHttp = ratio(result.acceptedPerSecond, ceilings.http.get(c) ?? 0);
  const ofKafka = ratio(result.acceptedPerSecond, ceilings.kafka.get(c) ?? 0);
  run.add({
    part: 'ingress',
    name,
    load: `c=${c}`,
    value: result.acceptedPerSecond,
    unit: '/s',
    p50Ms: result.p50Ms,
    p99Ms: result.p99Ms,
    note: [
      `${ofHttp} of HTTP`,
      `${ofKafka} of Kafka`,
      cpuPerRequest(cpuMs[0], cpuMs[1], result),
      failures(result),
    ]
      .filter(Boolean)
      .join(', '),
  });
  return ofHttp;
}

/** Note for a load run that had failures. */
function failures(result: HttpLoadResult): string | undefined {
  const failed = result.non2xx + result.errors;
  return failed > 0 ? `${result.non2xx} non-2xx, ${result.errors} errors` : undefined;
}

/**
 * The ingress against its two ceilings at each concurrency: a bare express app answering 202
 * (HTTP), and a kafkajs producer alone with the same bytes and acks (Kafka; coalesced like the
 * ingress's publisher, and one send per record for reference). Records the best ingress rate
 * in `run.ingressMaxPerSecond` and the ingress's peak RSS.
 */
export async function benchIngress(run: BenchRun): Promise<void> {
  const { options } = run;
  const delivery = signedDelivery();
  const load = (url: string, concurrency: number) =>
    runHttpLoad({
      url,
      concurrency,
      durationSeconds: options.durationSeconds,
      headers: delivery.headers,
      body: delivery.body,
      uniqueHeader: delivery.deliveryHeader,
    });
  run.say(
    `ingress: ${delivery.body.length}-byte GitHub push, ${options.durationSeconds} s per run, concurrency ${options.concurrency.join(', ')}`,
  );

  const http = new Map<number, number>();
  const ceiling = await startChild(resolve(import.meta.dirname, 'fixtures/http-ceiling-server.ts'));
  try {
    for (const c of options.concurrency) {
      const cpuBefore = await cpuMsOf(ceiling.child.pid);
      const result = await load(`http://127.0.0.1:${ceiling.ready.port}/webhooks/github`, c);
      const cpuAfter = await cpuMsOf(ceiling.child.pid);
      http.set(c, result.acceptedPerSecond);
      const note = [cpuPerRequest(cpuBefore, cpuAfter, result), failures(result)]
        .filter(Boolean)
        .join(', ');
      run.add({
        part: 'ingress',
        name: 'HTTP ceiling: bare express, 202',
        load: `c=${c}`,
        value: result.acceptedPerSecond,
        unit: '/s',
        p50Ms: result.p50Ms,
        p99Ms: result.p99Ms,
        ...(note && { note }),
      });
    }
  } finally {
    await ceiling.stop();
  }

  const kafka = new Map<number, number>();
  const ceilingTopic = `${run.prefix}bench.producer-ceiling`;
  await withRunAdmin(run, (admin) =>
    admin.createTopics({
      topics: [{ topic: ceilingTopic, numPartitions: 6 }],
      waitForLeaders: true,
    }),
  );
  const modes: Array<[ProducerCeilingMode, string]> = [
    ['coalesced', 'Kafka ceiling: kafkajs alone, coalesced, acks=all'],
    ['per-record', 'kafkajs alone, one send per record (reference)'],
  ];
  for (const [mode, name] of modes) {
    for (const c of options.concurrency) {
      const cpuBefore = processCpuMs();
      const result = await runProducerCeiling({
        brokers: run.brokers,
        topic: ceilingTopic,
        concurrency: c,
        durationSeconds: options.durationSeconds,
        value: delivery.body,
        mode,
      });
      const cpuPerRecord = `${(((processCpuMs() - cpuBefore) * 1_000) / Math.max(1, result.acked)).toFixed(0)} µs CPU/record`;
      if (mode === 'coalesced') kafka.set(c, result.ackedPerSecond);
      run.add({
        part: 'ingress',
        name,
        load: `c=${c}`,
        value: result.ackedPerSecond,
        unit: '/s',
        p50Ms: result.p50Ms,
        p99Ms: result.p99Ms,
        // What Kafka alone reaches bounds any ingress writing to it on this machine.
        note:
          mode === 'coalesced'
            ? `${ratio(result.ackedPerSecond, http.get(c) ?? 0)} of HTTP, ${cpuPerRecord}`
            : cpuPerRecord,
      });
    }
  }

  const ingress = await startRunIngress(run, delivery, {
    ...(options.cpuProfDir && {
      nodeFlags: ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfDir}`],
    }),
  });
  let peakMiB = 0;
  let best = 0;
  try {
    for (const c of options.concurrency) {
      const cpuBefore = await cpuMsOf(ingress.child.pid);
      const [result, runPeak] = await peakRssDuring(ingress.child.pid, () =>
        load(`${ingress.url}/webhooks/github`, c),
      );
      const cpuAfter = await cpuMsOf(ingress.child.pid);
      peakMiB = Math.max(peakMiB, runPeak);
      best = Math.max(best, result.acceptedPerSecond);
      const ofHttp = addIngressRow(run, 'Tributary ingress: verify, Avro, acks=all, 202', c, {
        result,
        ceilings: { http, kafka },
        cpuMs: [cpuBefore, cpuAfter],
      });
      run.verdict({
        what: `ingress / HTTP ceiling at c=${c}`,
        value: ofHttp,
        target: '>= 0.50',
        met: ofHttp >= 0.5,
      });
    }
  } finally {
    await ingress.stop();
  }
  run.ingressMaxPerSecond = best;
  run.add({
    part: 'memory',
    name: 'ingress peak RSS under the runs above',
    value: peakMiB,
    unit: 'MiB',
  });
  if (options.ingressProcesses > 1) {
    await benchScaledIngress(run, delivery, load, { http, kafka });
  }
}

/**
 * `options.ingressProcesses` ingress processes sharing the port (`reusePort`), as the ingress
 * is scaled over cores, at the same concurrencies and against the same ceilings. Reported
 * beside the single process; the end-to-end loads stay based on the single one.
 */
async function benchScaledIngress(
  run: BenchRun,
  delivery: SignedDelivery,
  load: (url: string, concurrency: number) => Promise<HttpLoadResult>,
  ceilings: Ceilings,
): Promise<void> {
  const { options } = run;
  const count = options.ingressProcesses;
  const processes: IngressProcess[] = [];
  try {
    for (let i = 0; i < count; i += 1) {
      processes.push(await startRunIngress(run, delivery, { reusePort: true }));
    }
    const url = `${processes[0]?.url}/webhooks/github`;
    const cpuOfAll = async () => {
      const each = await Promise.all(processes.map((one) => cpuMsOf(one.child.pid)));
      return each.every((ms) => ms !== undefined) ? each.reduce((a, b) => a + b, 0) : undefined;
    };
    for (const c of options.concurrency) {
      const cpuBefore = await cpuOfAll();
      const result = await load(url, c);
      const cpuAfter = await cpuOfAll();
      addIngressRow(run, `Tributary ingress, ${count} processes on one port`, c, {
        result,
        ceilings,
        cpuMs: [cpuBefore, cpuAfter],
      });
    }
  } finally {
    await Promise.all(processes.map((each) => each.stop()));
  }
}
