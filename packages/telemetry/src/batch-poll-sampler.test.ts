import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ROOT_CONTEXT, SpanKind, TraceFlags, trace } from '@opentelemetry/api';
import { SamplingDecision } from '@opentelemetry/sdk-trace';
import { createBatchPollSampler } from './batch-poll-sampler.ts';

const sampler = createBatchPollSampler();
const traceId = '0af7651916cd43dd8448eb211c80319c';
const sampledParent = trace.setSpanContext(ROOT_CONTEXT, {
  traceId,
  spanId: 'b7ad6b7169203331',
  traceFlags: TraceFlags.SAMPLED,
  isRemote: true,
});
const decide = (
  context: typeof ROOT_CONTEXT,
  name: string,
  kind: SpanKind,
  attributes: Record<string, string> = {},
) => sampler.shouldSample(context, traceId, name, kind, attributes, []).decision;

describe('createBatchPollSampler', () => {
  test('a root poll span of a fetched batch (CLIENT, operation receive) is not recorded', () => {
    const decision = decide(ROOT_CONTEXT, 'poll webhooks.github.v1', SpanKind.CLIENT, {
      'messaging.operation.type': 'receive',
    });

    assert.equal(decision, SamplingDecision.NOT_RECORD);
  });

  const sampled = [
    { what: 'an HTTP server root span', context: ROOT_CONTEXT, kind: SpanKind.SERVER },
    { what: 'a root redrive producer span', context: ROOT_CONTEXT, kind: SpanKind.PRODUCER },
    {
      what: "a record's process span under its webhook's trace",
      context: sampledParent,
      kind: SpanKind.CONSUMER,
    },
    {
      what: 'a CLIENT span without the receive operation',
      context: ROOT_CONTEXT,
      kind: SpanKind.CLIENT,
    },
  ];
  for (const { what, context, kind } of sampled) {
    test(`${what} is recorded and sampled`, () => {
      assert.equal(decide(context, 'span', kind), SamplingDecision.RECORD_AND_SAMPLED);
    });
  }
});
