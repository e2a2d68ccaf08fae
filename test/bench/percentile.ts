/**
 * The `p`th percentile (nearest rank) of ascending `sorted` values, rounded to 0.1; 0 when
 * there are none.
 */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return Math.round((sorted[rank - 1] ?? 0) * 10) / 10;
}
