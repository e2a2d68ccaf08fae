import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type DedupDecision, decideDedup, type RecordOrigin } from './dedup-decision.ts';
import type { DedupMark, MarkState } from './dedup-mark.ts';

const mark = (state: MarkState, attempts: number, redrives: number): DedupMark => ({
  state,
  atMs: 0,
  attempts,
  redrives,
});
const source: RecordOrigin = { kind: 'source' };
const tier = (attempts: number, redrives: number): RecordOrigin => ({
  kind: 'tier',
  attempts,
  redrives,
});

const cases: Array<{
  name: string;
  mark?: DedupMark;
  origin: RecordOrigin;
  expected: DedupDecision;
}> = [
  { name: 'a first delivery without a mark runs', origin: source, expected: 'handle' },
  {
    name: 'a redelivery while the first copy waits in a tier is a duplicate',
    mark: mark('retrying', 1, 0),
    origin: source,
    expected: 'duplicate',
  },
  {
    name: 'a redelivery of a handled event is a duplicate',
    mark: mark('done', 1, 0),
    origin: source,
    expected: 'duplicate',
  },
  {
    name: 'a redelivery of a dead-lettered event is a duplicate',
    mark: mark('dead', 3, 0),
    origin: source,
    expected: 'duplicate',
  },
  {
    name: 'the tier copy the mark is about runs',
    mark: mark('retrying', 1, 0),
    origin: tier(1, 0),
    expected: 'handle',
  },
  {
    name: 'a tier copy newer than the mark held runs',
    mark: mark('retrying', 1, 0),
    origin: tier(2, 0),
    expected: 'handle',
  },
  {
    name: 'a stale tier copy (fewer attempts) is a duplicate',
    mark: mark('retrying', 2, 0),
    origin: tier(1, 0),
    expected: 'duplicate',
  },
  {
    name: 'a copy of an older redrive is a duplicate',
    mark: mark('retrying', 0, 2),
    origin: tier(3, 1),
    expected: 'duplicate',
  },
  {
    name: 'a tier copy of a handled event is a duplicate',
    mark: mark('done', 2, 0),
    origin: tier(2, 0),
    expected: 'duplicate',
  },
  {
    name: 'a redriven copy of a dead event runs',
    mark: mark('dead', 3, 0),
    origin: tier(0, 1),
    expected: 'handle',
  },
  {
    name: 'a copy of a dead event with no newer redrive is a duplicate',
    mark: mark('dead', 3, 1),
    origin: tier(0, 1),
    expected: 'duplicate',
  },
  {
    name: 'a tier copy without a mark (window passed) runs',
    origin: tier(1, 0),
    expected: 'handle',
  },
];

describe('decideDedup', () => {
  for (const { name, mark: held, origin, expected } of cases) {
    test(name, () => {
      assert.equal(decideDedup(held, origin), expected);
    });
  }
});
