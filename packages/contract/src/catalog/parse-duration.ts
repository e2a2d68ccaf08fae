const unitMs = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const durationPattern = /^([0-9]+)(ms|s|m|h|d)$/;

/**
 * Milliseconds in a catalog duration: a whole number and one unit, `250ms`, `5s`, `10m`,
 * `1h` or `7d`. Returns undefined for anything else (including a bare number, whose unit
 * a reader could only guess).
 */
export function parseDurationMs(text: string): number | undefined {
  const match = durationPattern.exec(text);
  if (match?.[1] === undefined || match[2] === undefined) return undefined;
  const ms = Number(match[1]) * unitMs[match[2] as keyof typeof unitMs];
  return Number.isSafeInteger(ms) ? ms : undefined;
}
