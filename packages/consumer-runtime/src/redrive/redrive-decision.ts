import type { DedupMark } from '../dedup/dedup-mark.ts';
import type { DeadLetter } from './dead-letter.ts';

/** What a redrive does with one dead letter. */
export type RedriveDecision =
  | { readonly kind: 'send' }
  | {
      readonly kind: 'skip';
      /**
       * not-dead: its event is retrying or done (an earlier redrive already took it back);
       * superseded: a later copy of the event was dead-lettered since, redrive that one;
       * redrive-limit: it was redriven `maxRedrives` times already.
       */
      readonly reason: 'not-dead' | 'superseded' | 'redrive-limit';
    };

// Shortcoming: a letter without an event id (undecodable) has no mark; only the redrive
// counter stops repeated redrives of it.
/**
 * Decides whether a dead letter may go back to the first tier, given the latest dedup mark
 * of its event id. Only a letter whose mark says dead for this very copy is sent, so
 * redriving the same record twice sends it once: the first redrive moves the mark to
 * retrying. A letter without a mark (no event id, or the window passed) is sent; the
 * redrive counter still bounds it. Pure.
 */
export function decideRedrive(
  letter: DeadLetter,
  mark: DedupMark | undefined,
  maxRedrives: number,
): RedriveDecision {
  if (letter.redriveCount >= maxRedrives) return { kind: 'skip', reason: 'redrive-limit' };
  if (mark === undefined) return { kind: 'send' };
  if (mark.state !== 'dead') return { kind: 'skip', reason: 'not-dead' };
  if (mark.redrives > letter.redriveCount) return { kind: 'skip', reason: 'superseded' };
  return { kind: 'send' };
}
