import { PermanentError } from '@tributary/consumer-runtime';
import { z } from 'zod';

/** The part of a Stripe Event object the ledger reads. */
export interface StripeEvent {
  /** `evt_...`: the same id on every delivery of the event. */
  readonly id: string;
  /** `payment_intent.succeeded`, `charge.refunded`... */
  readonly type: string;
  /** When Stripe created the event, in whole Unix seconds. */
  readonly createdSeconds: number;
  readonly object: StripeObject;
}

/** The object the event is about (`data.object`), as of that event. */
export interface StripeObject {
  /** `pi_...`, `ch_...`, `in_...`, `re_...`. */
  readonly id: string;
  /** `payment_intent`, `charge`, `invoice`, `refund`. */
  readonly type: string;
  readonly status: string | null;
  /**
   * Smallest currency unit (cents): `amount`, else an invoice's `amount_due`, else a checkout
   * session's `amount_total`; null when absent (a customer).
   */
  readonly amount: number | null;
  /** Lower-case ISO currency code, null when absent. */
  readonly currency: string | null;
  /** Customer id (`cus_...`), null when absent. */
  readonly customer: string | null;
  /** The whole `data.object`, as JSON text. */
  readonly json: string;
}

const idOf = z.union([z.string(), z.object({ id: z.string() }).transform((c) => c.id)]);

const eventSchema = z.object({
  id: z.string().min(1),
  type: z.string().min(1),
  created: z.number().int().nonnegative(),
  data: z.object({
    object: z.looseObject({
      id: z.string().min(1),
      object: z.string().min(1),
      status: z.string().nullish(),
      amount: z.number().int().nullish(),
      amount_due: z.number().int().nullish(),
      amount_total: z.number().int().nullish(),
      currency: z.string().nullish(),
      customer: idOf.nullish(),
    }),
  }),
});

/**
 * Reads a Stripe event from a webhook body. Throws `PermanentError` (the record goes to the
 * DLQ) when the body is not JSON or lacks what the ledger needs: no retry can fix either.
 */
export function parseStripeEvent(body: Buffer): StripeEvent {
  let document: unknown;
  try {
    document = JSON.parse(body.toString('utf8'));
  } catch (error: unknown) {
    throw new PermanentError('body is not JSON', { cause: error });
  }
  const parsed = eventSchema.safeParse(document);
  if (!parsed.success) {
    const where = parsed.error.issues.map((issue) => issue.path.join('.') || '(root)');
    throw new PermanentError(`not a Stripe event: bad or missing ${where.join(', ')}`);
  }

  const { id, type, created, data } = parsed.data;
  const object = data.object;
  return {
    id,
    type,
    createdSeconds: created,
    object: {
      id: object.id,
      type: object.object,
      status: object.status ?? null,
      amount: object.amount ?? object.amount_due ?? object.amount_total ?? null,
      currency: object.currency?.toLowerCase() ?? null,
      customer: object.customer ?? null,
      json: JSON.stringify(object),
    },
  };
}
