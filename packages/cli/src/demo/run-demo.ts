import type { CommandOutput } from '@tributary/contract';
import { exitCodes } from '../program/exit-codes.ts';
import { resolveSecret } from '../send/resolve-secret.ts';
import type { PlannedDelivery } from './plan-batch.ts';
import { planBatch } from './plan-batch.ts';
import type { RealPayload } from './real-payloads.ts';
import { documentedPayloads, githubPayloads, poisonStripePayload } from './real-payloads.ts';
import type { DeliveryOutcome } from './send-batch.ts';
import { sendBatch } from './send-batch.ts';

/** Options of {@link runDemo}. */
export interface RunDemoOptions {
  readonly ingressBaseUrl: string;
  readonly jaegerUrl: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly devSecretsFile: string;
  /** GitHub payloads to send (spread over every event type of the examples). */
  readonly github: number;
  readonly stripe: number;
  readonly shopify: number;
  /** Badly signed deliveries. */
  readonly badSignatures: number;
  readonly output: CommandOutput;
}

/** Every n-th of `items`, so a few of many still cover all kinds. */
function spread<T>(items: readonly T[], count: number): T[] {
  if (count >= items.length) return [...items];
  return Array.from(
    { length: count },
    (_, i) => items[Math.floor((i * items.length) / count)] as T,
  );
}

/** Interleaves lists round robin, so sources mix in the batch. */
function interleave<T>(lists: readonly (readonly T[])[]): T[] {
  const longest = Math.max(0, ...lists.map((list) => list.length));
  return Array.from({ length: longest }, (_, i) =>
    lists.flatMap((list) => (i < list.length ? [list[i] as T] : [])),
  ).flat();
}

/**
 * `tributary demo`: a mixed batch through `send`'s signing and posting — real GitHub payloads,
 * Stripe and Shopify events from the documented shapes, every tenth sent twice, a few badly
 * signed, and one Stripe event the ledger cannot handle — then a summary and where to look.
 * Exit 0 when every answer was the expected class, else 1.
 */
export async function runDemo(options: RunDemoOptions): Promise<number> {
  const payloads = interleave<RealPayload>([
    spread(githubPayloads(), options.github),
    documentedPayloads('stripe', options.stripe),
    documentedPayloads('shopify', options.shopify),
  ]);
  const badlySigned = spread(githubPayloads(), options.badSignatures);
  const plan = planBatch({ payloads, badlySigned, poison: poisonStripePayload() });
  const secrets = new Map<string, string>();
  const secretOf = (source: string) => {
    if (!secrets.has(source)) {
      secrets.set(
        source,
        resolveSecret(source, { env: options.env, devSecretsFile: options.devSecretsFile }).value,
      );
    }
    return secrets.get(source) as string;
  };

  const out = options.output;
  out.line(
    `demo: sending ${plan.length} deliveries (${plan.reduce((n, p) => n + p.copies, 0)} POSTs) to ${options.ingressBaseUrl}`,
  );
  const outcomes = await sendBatch(plan, { ingressBaseUrl: options.ingressBaseUrl, secretOf });
  return summarize(outcomes, options);
}

function expectedOk(outcome: DeliveryOutcome): boolean {
  const want = (status: number) =>
    outcome.planned.badSignature ? status === 401 : status >= 200 && status < 300;
  return outcome.statuses.every(want);
}

function summarize(outcomes: readonly DeliveryOutcome[], options: RunDemoOptions): number {
  const out = options.output;
  const bySource = new Map<string, { accepted: number; duplicates: number }>();
  for (const { planned, statuses } of outcomes) {
    if (planned.badSignature) continue;
    const entry = bySource.get(planned.payload.source) ?? { accepted: 0, duplicates: 0 };
    entry.accepted += statuses.some((s) => s >= 200 && s < 300) ? 1 : 0;
    entry.duplicates += planned.copies - 1;
    bySource.set(planned.payload.source, entry);
  }
  out.line('');
  for (const [source, { accepted, duplicates }] of bySource) {
    out.line(
      `  ${source.padEnd(8)} ${accepted} events accepted, ${duplicates} sent twice (consumers handle them once)`,
    );
  }
  const bad = outcomes.filter((o) => o.planned.badSignature);
  out.line(
    `  badly signed: ${bad.filter(expectedOk).length} of ${bad.length} answered 401 (the ingress publishes nothing it cannot verify)`,
  );
  const poison = outcomes.find((o) => o.planned.poison);
  if (poison?.eventId !== undefined) {
    out.line(
      `  poison: ${poison.eventId} accepted; the ledger refuses it -> DLQ: ./tributary dlq list --service ledger`,
    );
  }
  const traced = outcomes.find(
    (o) => o.traceId !== undefined && o.planned.payload.source === 'stripe' && !o.planned.poison,
  );
  if (traced?.traceId !== undefined) {
    out.line(
      `  one trace: ${options.jaegerUrl.replace(/\/+$/, '')}/trace/${traced.traceId} (event ${traced.eventId})`,
    );
  }
  const unexpected = outcomes.filter((o) => !expectedOk(o));
  for (const outcome of unexpected.slice(0, 10)) out.line(describeUnexpected(outcome));
  if (unexpected.length > 0) {
    out.fail(
      `error: ${unexpected.length} of ${outcomes.length} deliveries got an unexpected answer`,
    );
    return exitCodes.failure;
  }
  out.line('demo: every answer was as expected');
  return exitCodes.ok;
}

function describeUnexpected({
  planned,
  statuses,
  reasons,
}: DeliveryOutcome & { planned: PlannedDelivery }): string {
  const want = planned.badSignature ? '401' : '2xx';
  return `  unexpected: ${planned.payload.source} ${planned.payload.origin} got ${statuses.join(',')} (${reasons.join(',') || '-'}), expected ${want}`;
}
