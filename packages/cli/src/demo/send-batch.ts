import type { Delivery } from '../send/build-delivery.ts';
import { buildDelivery } from '../send/build-delivery.ts';
import type { IngressAnswer } from '../send/post-delivery.ts';
import { postDelivery } from '../send/post-delivery.ts';
import type { SendSource } from '../send/send-sources.ts';
import { sendSources } from '../send/send-sources.ts';
import type { PlannedDelivery } from './plan-batch.ts';

/** What one planned delivery got: one answer per copy, and the ids from the first 2xx. */
export interface DeliveryOutcome {
  readonly planned: PlannedDelivery;
  readonly statuses: readonly number[];
  /** The event id the ingress assigned (from a 2xx answer). */
  readonly eventId?: string;
  /** The trace id of the first accepted copy (from its 2xx answer). */
  readonly traceId?: string;
  /** Error codes of non-2xx answers (`reason` in the ingress's error body). */
  readonly reasons: readonly string[];
}

/** Options of {@link sendBatch}. */
export interface SendBatchOptions {
  /** Ingress base URL; `/webhooks/<source>` is added. */
  readonly ingressBaseUrl: string;
  /** The signing secret of each source (first entry of its rotation set). */
  readonly secretOf: (source: string) => string;
  /** Deliveries in flight at once. Default 8: enough to batch in the ingress, gentle on 2 cores. */
  readonly concurrency?: number;
  /** Longest wait for one answer, in milliseconds. Default 10 000. */
  readonly timeoutMs?: number;
  /** Called after each planned delivery is answered. */
  readonly onOutcome?: (outcome: DeliveryOutcome) => void;
}

/**
 * Sends a planned batch with `send`'s own signing and posting (so the demo and the end-to-end
 * suite exercise exactly what `tributary send` does). Copies of one delivery go one after the
 * other, as a provider's redelivery would; different deliveries go `concurrency` at a time.
 * Connection failures throw (`ingress_unreachable`); answers of any status are recorded.
 */
export async function sendBatch(
  plan: readonly PlannedDelivery[],
  options: SendBatchOptions,
): Promise<DeliveryOutcome[]> {
  const outcomes: DeliveryOutcome[] = new Array(plan.length);
  let next = 0;
  const worker = async () => {
    while (next < plan.length) {
      const index = next++;
      const outcome = await sendOne(plan[index] as PlannedDelivery, options);
      outcomes[index] = outcome;
      options.onOutcome?.(outcome);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 8 }, worker));
  return outcomes;
}

async function sendOne(
  planned: PlannedDelivery,
  options: SendBatchOptions,
): Promise<DeliveryOutcome> {
  const { payload } = planned;
  const sendSource: SendSource = sendSources[payload.source];
  const delivery: Delivery = buildDelivery({
    source: payload.source,
    sendSource,
    secret: options.secretOf(payload.source),
    body: payload.body,
    eventType: sendSource.eventTypeHeader === undefined ? undefined : payload.eventType,
    deliveryId: planned.deliveryId,
    nowMs: Date.now(),
    badSignature: planned.badSignature,
  });
  const url = `${options.ingressBaseUrl.replace(/\/+$/, '')}/webhooks/${payload.source}`;
  const answers: IngressAnswer[] = [];
  for (let copy = 0; copy < planned.copies; copy += 1) {
    answers.push(await postDelivery(url, delivery, options.timeoutMs ?? 10_000));
  }

  const accepted = answers.map(parse).find((fields) => fields.eventId !== undefined);
  return {
    planned,
    statuses: answers.map((answer) => answer.status),
    ...(accepted?.eventId === undefined ? {} : { eventId: accepted.eventId }),
    ...(accepted?.traceId === undefined ? {} : { traceId: accepted.traceId }),
    reasons: answers
      .map(parse)
      .flatMap((fields) => (fields.reason === undefined ? [] : [fields.reason])),
  };
}

function parse(answer: IngressAnswer): { eventId?: string; traceId?: string; reason?: string } {
  try {
    const body = JSON.parse(answer.body) as {
      eventId?: unknown;
      traceId?: unknown;
      error?: { code?: unknown };
    };
    const text = (value: unknown) =>
      typeof value === 'string' && value !== '' ? value : undefined;
    if (answer.status >= 200 && answer.status < 300) {
      const eventId = text(body.eventId);
      const traceId = text(body.traceId);
      return { ...(eventId && { eventId }), ...(traceId && { traceId }) };
    }
    const reason = text(body.error?.code);
    return reason === undefined ? {} : { reason };
  } catch {
    return {};
  }
}
