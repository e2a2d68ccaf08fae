import { randomUUID } from 'node:crypto';
import type { RealPayload } from './real-payloads.ts';

/** One delivery of a batch. */
export interface PlannedDelivery {
  readonly payload: RealPayload;
  /** Delivery id where the scheme sends one; every copy shares it. */
  readonly deliveryId: string;
  /** 1, or 2 for a provider redelivery of the same signed request. */
  readonly copies: number;
  /** Signed over other bytes: the ingress must answer 401 and publish nothing. */
  readonly badSignature: boolean;
  /** The event a consumer cannot handle. */
  readonly poison: boolean;
}

/** Options of {@link planBatch}. */
export interface PlanBatchOptions {
  /** Payloads sent once (or twice) with a good signature. */
  readonly payloads: readonly RealPayload[];
  /** Every n-th payload is sent twice; 0 sends none twice. Default 10. */
  readonly duplicateEvery?: number;
  /** Extra payloads sent with a bad signature. Default none. */
  readonly badlySigned?: readonly RealPayload[];
  /** The poison event, sent once with a good signature; absent sends none. */
  readonly poison?: RealPayload;
}

/** Delivery ids as each provider's tooling makes them; Standard Webhooks' start with `msg_`. */
function deliveryIdFor(payload: RealPayload): string {
  return payload.source === 'standard' ? `msg_${randomUUID()}` : randomUUID();
}

/**
 * The deliveries of a mixed batch, interleaved: good ones (every `duplicateEvery`-th twice),
 * badly signed ones spread among them, and the poison one in the middle.
 */
export function planBatch(options: PlanBatchOptions): PlannedDelivery[] {
  const every = options.duplicateEvery ?? 10;
  const planned: PlannedDelivery[] = options.payloads.map((payload, index) => ({
    payload,
    deliveryId: deliveryIdFor(payload),
    copies: every > 0 && index % every === every - 1 ? 2 : 1,
    badSignature: false,
    poison: false,
  }));
  const bad = options.badlySigned ?? [];
  bad.forEach((payload, index) => {
    const at = Math.floor(((index + 1) * planned.length) / (bad.length + 1));
    planned.splice(at, 0, {
      payload,
      deliveryId: deliveryIdFor(payload),
      copies: 1,
      badSignature: true,
      poison: false,
    });
  });
  if (options.poison !== undefined) {
    const delivery = {
      payload: options.poison,
      deliveryId: deliveryIdFor(options.poison),
      copies: 1,
      badSignature: false,
      poison: true,
    };
    planned.splice(Math.floor(planned.length / 2), 0, delivery);
  }
  return planned;
}
