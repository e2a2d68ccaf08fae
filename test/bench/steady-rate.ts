/** One point of a consumer's progress: records committed by `atMs` (any one clock). */
export interface Progress {
  atMs: number;
  records: number;
  /** CPU time the consumer's process had used by then (user + system), in ms. */
  cpuMs?: number;
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
  const window = steadyWindow(progress);
  if (window === undefined) return 0;
  const [warm, last] = window;
  return Math.round((last.records - warm.records) / ((last.atMs - warm.atMs) / 1_000));
}

/**
 * CPU time per record over the same window as {@link steadyRate}, in microseconds: what one
 * record costs the consumer's process, whatever else the machine runs. Undefined without CPU
 * readings.
 */
export function steadyCpuPerRecordUs(progress: readonly Progress[]): number | undefined {
  const window = steadyWindow(progress);
  if (window === undefined) return undefined;
  const [warm, last] = window;
  if (warm.cpuMs === undefined || last.cpuMs === undefined) return undefined;
  return Math.round(((last.cpuMs - warm.cpuMs) * 1_000) / (last.records - warm.records));
}

function steadyWindow(progress: readonly Progress[]): [Progress, Progress] | undefined {
  const last = progress.at(-1);
  if (last === undefined) return undefined;
  const warm = progress.find((point) => point.records >= last.records * warmupShare);
  if (warm === undefined || warm.atMs >= last.atMs) return undefined;
  return [warm, last];
}

/** CPU time this process has used, user plus system, in ms. */
export function processCpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1_000;
}
