/**
 * Where an event id stands for one consumer group. Marks are records of the group's
 * compacted dedup topic, keyed by event id; the latest record of a key is its state.
 */
export type MarkState = 'retrying' | 'done' | 'dead';

/** One dedup mark. */
export interface DedupMark {
  /** retrying: a copy waits in a tier; done: handled; dead: in the DLQ. */
  readonly state: MarkState;
  /** When the mark was written, epoch milliseconds. */
  readonly atMs: number;
  /** Attempts made when it was written (0 for a redriven copy not yet run). */
  readonly attempts: number;
  /** Redrive count of the copy the mark is about. */
  readonly redrives: number;
}

const states: readonly MarkState[] = ['retrying', 'done', 'dead'];
/** Attempts and redrives are kept in 6 bits each in memory; more than this is never needed. */
export const maxPackedCount = 63;

/** The mark as its record value: small JSON, readable with any Kafka tool. */
export function encodeMarkValue(mark: DedupMark): Buffer {
  return Buffer.from(
    JSON.stringify({
      state: mark.state,
      atMs: mark.atMs,
      attempts: mark.attempts,
      redrives: mark.redrives,
    }),
  );
}

/** A mark from its record value; undefined for a tombstone or a value that is not a mark. */
export function decodeMarkValue(value: Buffer | null): DedupMark | undefined {
  if (value === null || value.length === 0) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value.toString('utf8'));
  } catch {
    return undefined;
  }
  const { state, atMs, attempts, redrives } = (parsed ?? {}) as Record<string, unknown>;
  if (!states.includes(state as MarkState) || !isCount(atMs)) return undefined;
  return {
    state: state as MarkState,
    atMs: atMs as number,
    attempts: isCount(attempts) ? attempts : 0,
    redrives: isCount(redrives) ? redrives : 0,
  };
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/**
 * The mark as one number, so a million marks in memory cost a map entry each and no object:
 * whole seconds, then attempts and redrives in 6 bits each, then the state in 2 bits. That
 * is 14 bits above the seconds; epoch seconds stay below 2^39 for millennia, so the product
 * stays an exact double (below 2^53). Milliseconds are dropped: eviction is by window.
 */
export function packMark(mark: DedupMark): number {
  const seconds = Math.floor(mark.atMs / 1000);
  const attempts = Math.min(mark.attempts, maxPackedCount);
  const redrives = Math.min(mark.redrives, maxPackedCount);
  return ((seconds * 64 + attempts) * 64 + redrives) * 4 + states.indexOf(mark.state);
}

/** The mark {@link packMark} packed (with `atMs` rounded down to the second). */
export function unpackMark(packed: number): DedupMark {
  const state = states[packed % 4] ?? 'done';
  const rest = Math.floor(packed / 4);
  const redrives = rest % 64;
  const attempts = Math.floor(rest / 64) % 64;
  const seconds = Math.floor(rest / 4096);
  return { state, atMs: seconds * 1000, attempts, redrives };
}
