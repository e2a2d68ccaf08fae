import { type Attributes, type Context, type Link, SpanKind } from '@opentelemetry/api';
import {
  AlwaysOnSampler,
  ParentBasedSampler,
  type Sampler,
  SamplingDecision,
  type SamplingResult,
} from '@opentelemetry/sdk-trace';

/** The `messaging.operation.type` the kafkajs instrumentation gives its batch `poll` spans. */
const RECEIVE = 'receive';

/**
 * Samples every trace but the kafkajs instrumentation's per-batch ones. For `eachBatch` it
 * starts a root `poll <topic>` span (kind CLIENT, operation type `receive`) per fetched batch
 * and a `process <topic>` span per record under it, merely linked to the record's own trace.
 * The consumer runtime runs each record in a `process` span of its own whose parent is the
 * record's trace, so those batch traces only add one trace per batch to Jaeger and cost CPU
 * to export. Dropping the root drops its children (parent-based). Everything else is sampled,
 * as before: one whole trace per webhook.
 */
export function createBatchPollSampler(): Sampler {
  return new ParentBasedSampler({ root: new DropBatchPollRoots() });
}

class DropBatchPollRoots implements Sampler {
  readonly #always = new AlwaysOnSampler();

  shouldSample(
    _context: Context,
    _traceId: string,
    _spanName: string,
    spanKind: SpanKind,
    attributes: Attributes,
    _links: Link[],
  ): SamplingResult {
    if (spanKind === SpanKind.CLIENT && attributes['messaging.operation.type'] === RECEIVE) {
      return { decision: SamplingDecision.NOT_RECORD };
    }
    return this.#always.shouldSample();
  }

  toString(): string {
    return 'DropBatchPollRoots';
  }
}
