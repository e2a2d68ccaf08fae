import { InvalidArgumentError } from 'commander';

/** A `--from`/`--to` value: an instant, or a span before the moment the command runs. */
export type TimeBound =
  | { readonly kind: 'at'; readonly epochMs: number }
  | { readonly kind: 'ago'; readonly spanMs: number };

const unitMs = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const agoPattern = /^(\d+)([smhd])$/;

/**
 * Commander parser of a time bound: an ISO-8601 date or date-time (`2026-12-01`,
 * `2026-12-01T10:00:00Z`), or a whole number and a unit meaning that long ago (`90s`, `30m`,
 * `2h`, `7d`). Anything else is a usage error. Pure.
 */
export function parseTimeBound(text: string): TimeBound {
  const ago = agoPattern.exec(text.trim());
  if (ago !== null) {
    return { kind: 'ago', spanMs: Number(ago[1]) * unitMs[ago[2] as keyof typeof unitMs] };
  }
  // Date.parse also takes loose forms ("March 7"); only ISO-looking text is accepted.
  const epochMs = /^\d{4}-\d{2}-\d{2}/.test(text.trim()) ? Date.parse(text) : Number.NaN;
  if (Number.isNaN(epochMs)) {
    throw new InvalidArgumentError('must be an ISO-8601 time or a span ago like 30m, 2h, 7d');
  }
  return { kind: 'at', epochMs };
}

/** The epoch milliseconds a bound stands for when the command runs at `nowMs`. Pure. */
export function resolveTimeBound(bound: TimeBound, nowMs: number): number {
  return bound.kind === 'at' ? bound.epochMs : nowMs - bound.spanMs;
}
