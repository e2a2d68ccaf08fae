import { Kafka, logLevel } from 'kafkajs';
import type { Readiness } from './platform-processes.ts';

/** Options of {@link waitReady}. */
export interface WaitReadyOptions {
  readonly readiness: Readiness;
  readonly brokers: readonly string[];
  /** Longest wait, in milliseconds. */
  readonly timeoutMs: number;
  /** True while the process still runs; a false answer ends the wait at once. */
  readonly isAlive: () => Promise<boolean>;
  /** Pause between two checks, in milliseconds. Default 500. */
  readonly intervalMs?: number;
}

/** How a wait ended: ready, the process exited, or the time ran out (with the last check). */
export type WaitOutcome =
  | { readonly ready: true; readonly afterMs: number }
  | { readonly ready: false; readonly reason: 'exited' | 'timeout'; readonly detail: string };

/**
 * Polls a process's readiness until it holds, the process exits, or `timeoutMs` passes. HTTP
 * readiness wants a 2xx; consumer-group readiness wants the group `Stable` with at least one
 * member, which it reaches only once partitions are assigned.
 */
export async function waitReady(options: WaitReadyOptions): Promise<WaitOutcome> {
  const started = Date.now();
  const deadline = started + options.timeoutMs;
  let detail = 'not checked yet';
  const kafka =
    options.readiness.kind === 'consumer-group'
      ? new Kafka({
          brokers: [...options.brokers],
          logLevel: logLevel.NOTHING,
          clientId: 'tributary-platform',
        })
      : undefined;
  const admin = kafka?.admin();
  try {
    await admin?.connect();
    for (;;) {
      if (!(await options.isAlive())) return { ready: false, reason: 'exited', detail };
      detail = await check(options.readiness, admin);
      if (detail === '') return { ready: true, afterMs: Date.now() - started };
      if (Date.now() >= deadline) return { ready: false, reason: 'timeout', detail };
      await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 500));
    }
  } finally {
    await admin?.disconnect().catch(() => undefined);
  }
}

type Admin = ReturnType<Kafka['admin']>;

/** '' when ready, else what is still missing. */
async function check(readiness: Readiness, admin: Admin | undefined): Promise<string> {
  if (readiness.kind === 'http') return httpCheck(readiness.url);
  // Shortcoming: the metrics endpoint is not part of readiness: a service serves it only once the telemetry work wires it in.
  try {
    const { groups } = await (admin as Admin).describeGroups([readiness.groupId]);
    const group = groups[0];
    if (group?.state === 'Stable' && group.members.length > 0) return '';
    return `consumer group ${readiness.groupId} is ${group?.state ?? 'unknown'}`;
  } catch (error: unknown) {
    return `cannot describe group ${readiness.groupId}: ${error instanceof Error ? error.message : String(error)}`;
  }
}

async function httpCheck(url: string): Promise<string> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    await response.body?.cancel();
    return response.ok ? '' : `${url} answered ${response.status}`;
  } catch (error: unknown) {
    const cause =
      error instanceof Error ? (error.cause as { code?: string } | undefined) : undefined;
    return `${url} not answering${cause?.code ? ` (${cause.code})` : ''}`;
  }
}
