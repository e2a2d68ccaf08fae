/** One point of a consumer's progress: records committed by `atMs` (any one clock). */
export interface Progress {
  atMs: number;
  records: number;
}

/** Share of the records whose time is left out of every consumer's rate alike. */
export const warmupShare = 0.1;

/**
 * Records per second after warm-up: from the first point at or past `warmupShare` of the
 * last point's records to the last point. Joining the group, the first fetch, producer
 * initialisation and (in the runtime) each partition's preparation happen before that point,
 * so the rate is the steady one for every consumer measured this way. 0 without two points.
 */
export function steadyRate(progress: readonly Progress[]): number {
  const last = progress.at(-1);
  if (last === undefined) return 0;
  const warm = progress.find((point) => point.records >= last.records * warmupShare);
  if (warm === undefined || warm.atMs >= last.atMs) return 0;
  return Math.round((last.records - warm.records) / ((last.atMs - warm.atMs) / 1_000));
}
