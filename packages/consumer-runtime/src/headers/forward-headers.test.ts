import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { kafkaHeaderNames as names } from '@tributary/contract';
import type { IHeaders } from 'kafkajs';
import { buildForwardHeaders, type ForwardFacts, truncateUtf8 } from './forward-headers.ts';
import { headerText } from './record-headers.ts';

const facts = (overrides: Partial<ForwardFacts> = {}): ForwardFacts => ({
  readFromTopic: 'webhooks.orders.v1',
  readFromPartition: 1,
  readFromOffset: '41',
  eventId: 'orders:1',
  eventType: 'order.paid',
  attempts: 1,
  failedAtMs: 1_000,
  notBeforeMs: 6_000,
  errorClass: 'TypeError',
  errorMessage: 'boom',
  traceContext: {},
  ...overrides,
});

const read = (headers: IHeaders, name: string) => headerText(headers, name);

describe('buildForwardHeaders', () => {
  test('the first hop records where the record came from and why it failed', () => {
    const headers = buildForwardHeaders({ 'x-custom': 'kept' }, facts());

    assert.deepEqual(Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, String(v)])), {
      'x-custom': 'kept',
      [names.eventId]: 'orders:1',
      [names.eventType]: 'order.paid',
      [names.originalTopic]: 'webhooks.orders.v1',
      [names.originalPartition]: '1',
      [names.originalOffset]: '41',
      [names.firstFailureAtMs]: '1000',
      [names.attemptCount]: '1',
      [names.notBeforeMs]: '6000',
      [names.errorClass]: 'TypeError',
      [names.errorMessage]: 'boom',
      [names.redriveCount]: '0',
    });
  });

  test("a later hop keeps the first hop's origin and first failure, and replaces the rest", () => {
    const firstHop = buildForwardHeaders({}, facts());

    const secondHop = buildForwardHeaders(
      firstHop,
      facts({
        readFromTopic: 'webhooks.orders.v1.billing.retry.1',
        readFromOffset: '7',
        attempts: 2,
        failedAtMs: 9_000,
        notBeforeMs: 70_000,
        errorMessage: 'again',
      }),
    );

    assert.equal(read(secondHop, names.originalTopic), 'webhooks.orders.v1');
    assert.equal(read(secondHop, names.originalOffset), '41');
    assert.equal(read(secondHop, names.firstFailureAtMs), '1000');
    assert.equal(read(secondHop, names.attemptCount), '2');
    assert.equal(read(secondHop, names.notBeforeMs), '70000');
    assert.equal(read(secondHop, names.errorMessage), 'again');
  });

  test('a header the record carried several times is written once', () => {
    const headers = buildForwardHeaders(
      { [names.attemptCount]: ['1', '2'] },
      facts({ attempts: 3 }),
    );

    assert.equal(headers[names.attemptCount], '3');
  });

  const traceCases: Array<{
    name: string;
    original: IHeaders;
    context: Record<string, string>;
    expected: { traceparent?: string; tracestate?: string };
  }> = [
    {
      name: 'a new context replaces traceparent and drops a stale tracestate',
      original: { traceparent: 'old', tracestate: 'vendor=old' },
      context: { traceparent: 'new' },
      expected: { traceparent: 'new', tracestate: undefined },
    },
    {
      name: "no context (no SDK) keeps the record's own",
      original: { traceparent: 'old', tracestate: 'vendor=old' },
      context: {},
      expected: { traceparent: 'old', tracestate: 'vendor=old' },
    },
  ];
  for (const { name, original, context, expected } of traceCases) {
    test(name, () => {
      const headers = buildForwardHeaders(original, facts({ traceContext: context }));

      assert.equal(headers.traceparent, expected.traceparent);
      assert.equal(headers.tracestate, expected.tracestate);
    });
  }

  test("the redrive count is the record's own unless a new one is given", () => {
    const carried = buildForwardHeaders({ [names.redriveCount]: '2' }, facts());
    const raised = buildForwardHeaders({ [names.redriveCount]: '2' }, facts({ redriveCount: 3 }));

    assert.equal(read(carried, names.redriveCount), '2');
    assert.equal(read(raised, names.redriveCount), '3');
  });

  test('a long error message is cut to the byte limit', () => {
    const headers = buildForwardHeaders({}, facts({ errorMessage: 'é'.repeat(2_000) }));

    assert.ok(Buffer.byteLength(String(headers[names.errorMessage])) <= 1024);
  });
});

describe('truncateUtf8', () => {
  const cases = [
    { text: 'abc', maxBytes: 10, expected: 'abc' },
    { text: 'abcdef', maxBytes: 3, expected: 'abc' },
    { text: 'aé', maxBytes: 2, expected: 'a' },
  ];
  for (const { text, maxBytes, expected } of cases) {
    test(`cuts "${text}" to ${maxBytes} bytes without splitting a character`, () => {
      assert.equal(truncateUtf8(text, maxBytes), expected);
    });
  }
});
