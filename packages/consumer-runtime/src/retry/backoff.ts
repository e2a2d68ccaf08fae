/**
 * A tier's delay with jitter added on top: uniformly up to `jitterRatio` of the delay more,
 * never less, so a record never runs before its tier allows while copies that failed
 * together spread out instead of hitting the downstream in one burst. Whole milliseconds.
 */
export function jitteredDelayMs(
  delayMs: number,
  jitterRatio: number,
  random: () => number = Math.random,
): number {
  return delayMs + Math.floor(delayMs * jitterRatio * random());
}

/**
 * The pause before a partition tries again after the schema registry could not be reached:
 * doubling from `initialMs` with each consecutive failure, capped at `maxMs`, with up to 20 %
 * jitter so partitions do not retry in lockstep. `failures` counts from 1.
 */
export function outageBackoffMs(
  failures: number,
  initialMs: number,
  maxMs: number,
  random: () => number = Math.random,
): number {
  const exponent = Math.min(Math.max(failures - 1, 0), 30);
  const base = Math.min(initialMs * 2 ** exponent, maxMs);
  return Math.min(jitteredDelayMs(base, 0.2, random), maxMs);
}
