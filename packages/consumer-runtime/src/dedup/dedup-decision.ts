import type { DedupMark } from './dedup-mark.ts';

/** Where a record came from, as far as dedup is concerned. */
export type RecordOrigin =
  | { readonly kind: 'source' }
  | {
      readonly kind: 'tier';
      /** The copy's attempt count header: attempts made before this one. */
      readonly attempts: number;
      /** The copy's redrive count header. */
      readonly redrives: number;
    };

/** What dedup says about a record. */
export type DedupDecision = 'handle' | 'duplicate';

/**
 * Decides whether a record runs, given the latest mark of its event id (undefined: none).
 *
 * - A record from the source topic runs only when its event id has no mark: any mark means
 *   a copy is waiting in a tier, was handled, or was dead-lettered.
 * - A copy from a tier runs unless it is stale: the mark says done, or dead-lettered with
 *   the same or a later redrive count (only a redrive, which raises the count, brings a dead
 *   event back), or retrying for a later copy than this one (compared by redrive count, then
 *   attempts). A missing mark lets it run.
 *
 * The mark an instance holds can be older than the topic's latest (another member of the
 * group wrote after this one read), never newer; every rule above then errs towards running
 * the record (at least once), never towards dropping it. Pure.
 */
export function decideDedup(mark: DedupMark | undefined, origin: RecordOrigin): DedupDecision {
  if (mark === undefined) return 'handle';
  if (origin.kind === 'source') return 'duplicate';

  switch (mark.state) {
    case 'done':
      return 'duplicate';
    case 'dead':
      return origin.redrives > mark.redrives ? 'handle' : 'duplicate';
    case 'retrying': {
      const laterCopy =
        origin.redrives !== mark.redrives
          ? origin.redrives > mark.redrives
          : origin.attempts >= mark.attempts;
      return laterCopy ? 'handle' : 'duplicate';
    }
  }
}
