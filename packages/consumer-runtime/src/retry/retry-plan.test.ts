import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ContractError, type RetryTier } from '@tributary/contract';
import { PermanentError, RetryAfterError } from '../errors/handler-errors.ts';
import { RuntimeError } from '../errors/runtime-error.ts';
import { describeFailure, type FailureInput, planFailure } from './retry-plan.ts';

const tiers: RetryTier[] = [
  { tier: 1, topic: 't.retry.1', delayMs: 5_000 },
  { tier: 2, topic: 't.retry.2', delayMs: 60_000 },
  { tier: 3, topic: 't.retry.3', delayMs: 600_000 },
];
const input = (overrides: Partial<FailureInput>): FailureInput => ({
  error: new Error('boom'),
  attempt: 1,
  maxAttempts: 6,
  tiers,
  nowMs: 1_000_000,
  jitterRatio: 0,
  ...overrides,
});

describe('planFailure', () => {
  const cases: Array<{ name: string; input: FailureInput; expected: unknown }> = [
    {
      name: 'attempt 1 fails: tier 1, due after its delay',
      input: input({}),
      expected: { kind: 'retry', tier: tiers[0], notBeforeMs: 1_005_000 },
    },
    {
      name: 'attempt 3 fails: tier 3',
      input: input({ attempt: 3 }),
      expected: { kind: 'retry', tier: tiers[2], notBeforeMs: 1_600_000 },
    },
    {
      name: 'attempt 5 fails: past the last tier, the last tier again',
      input: input({ attempt: 5 }),
      expected: { kind: 'retry', tier: tiers[2], notBeforeMs: 1_600_000 },
    },
    {
      name: 'the last allowed attempt fails: DLQ',
      input: input({ attempt: 6 }),
      expected: { kind: 'dead', reason: 'attempts-exhausted' },
    },
    {
      name: 'a PermanentError: DLQ at once',
      input: input({ error: new PermanentError('no') }),
      expected: { kind: 'dead', reason: 'permanent' },
    },
    {
      name: 'no tiers: DLQ',
      input: input({ tiers: [] }),
      expected: { kind: 'dead', reason: 'no-tiers' },
    },
    {
      name: 'RetryAfterError of 30 s on attempt 1: tier 2, the first whose delay covers it',
      input: input({ error: new RetryAfterError(30) }),
      expected: { kind: 'retry', tier: tiers[1], notBeforeMs: 1_060_000 },
    },
    {
      name: 'RetryAfterError of 2 s: its natural tier, which already waits longer',
      input: input({ error: new RetryAfterError(2) }),
      expected: { kind: 'retry', tier: tiers[0], notBeforeMs: 1_005_000 },
    },
    {
      name: 'RetryAfterError of an hour: the last tier, due no earlier than the hour',
      input: input({ error: new RetryAfterError(3_600) }),
      expected: { kind: 'retry', tier: tiers[2], notBeforeMs: 4_600_000 },
    },
    {
      name: 'RetryAfterError on the last attempt: DLQ all the same',
      input: input({ error: new RetryAfterError(1), attempt: 6 }),
      expected: { kind: 'dead', reason: 'attempts-exhausted' },
    },
  ];
  for (const { name, input: given, expected } of cases) {
    test(name, () => {
      assert.deepEqual(planFailure(given), expected);
    });
  }

  test('jitter only ever delays a retry further', () => {
    const plan = planFailure(input({ jitterRatio: 0.1, random: () => 0.5 }));

    assert.equal(plan.kind === 'retry' && plan.notBeforeMs, 1_005_250);
  });
});

describe('describeFailure', () => {
  const cases = [
    {
      error: new PermanentError('bad'),
      expected: { errorClass: 'PermanentError', errorMessage: 'bad' },
    },
    {
      error: new RuntimeError('HANDLER_TIMEOUT', 'slow'),
      expected: { errorClass: 'HANDLER_TIMEOUT', errorMessage: 'slow' },
    },
    {
      error: new ContractError('DECODE_FAILED', 'junk'),
      expected: { errorClass: 'DECODE_FAILED', errorMessage: 'junk' },
    },
    { error: new TypeError('oops'), expected: { errorClass: 'TypeError', errorMessage: 'oops' } },
    { error: 'a string', expected: { errorClass: 'NonError', errorMessage: 'a string' } },
  ];
  for (const { error, expected } of cases) {
    test(`names ${expected.errorClass}`, () => {
      assert.deepEqual(describeFailure(error), expected);
    });
  }
});
