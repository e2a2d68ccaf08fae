import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { DedupMark, MarkState } from '../dedup/dedup-mark.ts';
import type { DeadLetter } from './dead-letter.ts';
import { decideRedrive, type RedriveDecision } from './redrive-decision.ts';

const letter = (redriveCount: number) => ({ redriveCount }) as DeadLetter;
const mark = (state: MarkState, redrives: number): DedupMark => ({
  state,
  atMs: 0,
  attempts: 3,
  redrives,
});

const cases: Array<{
  name: string;
  letter: DeadLetter;
  mark?: DedupMark;
  expected: RedriveDecision;
}> = [
  {
    name: 'a dead letter whose mark says dead is sent',
    letter: letter(0),
    mark: mark('dead', 0),
    expected: { kind: 'send' },
  },
  {
    name: 'one already redriven (mark retrying) is a no-op',
    letter: letter(0),
    mark: mark('retrying', 1),
    expected: { kind: 'skip', reason: 'not-dead' },
  },
  {
    name: 'one handled after a redrive (mark done) is a no-op',
    letter: letter(0),
    mark: mark('done', 1),
    expected: { kind: 'skip', reason: 'not-dead' },
  },
  {
    name: 'an older copy of an event dead-lettered again is superseded',
    letter: letter(0),
    mark: mark('dead', 1),
    expected: { kind: 'skip', reason: 'superseded' },
  },
  {
    name: 'one redriven up to the limit is refused',
    letter: letter(3),
    mark: mark('dead', 3),
    expected: { kind: 'skip', reason: 'redrive-limit' },
  },
  { name: 'one without a mark is sent', letter: letter(1), expected: { kind: 'send' } },
];

describe('decideRedrive (limit 3)', () => {
  for (const { name, letter: given, mark: held, expected } of cases) {
    test(name, () => {
      assert.deepEqual(decideRedrive(given, held, 3), expected);
    });
  }
});
