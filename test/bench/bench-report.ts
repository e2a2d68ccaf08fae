import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { MachineInfo } from './machine-info.ts';

/** One measurement: a row of the printed table. */
export interface Row {
  /** The part it belongs to: ingress, consumer, end-to-end, memory. */
  part: string;
  name: string;
  /** HTTP concurrency, or the offered load for end-to-end rows. */
  load?: string;
  /** The main figure (per second, or MiB for memory rows) and its unit. */
  value: number;
  unit: string;
  p50Ms?: number;
  p99Ms?: number;
  note?: string;
}

/** A ratio the targets are stated in, and whether it met its target. */
export interface Verdict {
  what: string;
  value: number;
  target: string;
  met: boolean;
}

/** Everything one run measured, as saved to JSON. */
export interface BenchResult {
  startedAt: string;
  machine: MachineInfo;
  /** Load average (1, 5, 15 min) at the start and the end: others' work skews the numbers. */
  loadAverage: { start: number[]; end: number[] };
  options: Record<string, unknown>;
  rows: Row[];
  verdicts: Verdict[];
  notes: string[];
}

/** Prints `rows` as one aligned table through `say`. */
export function printTable(rows: readonly Row[], say: (line: string) => void): void {
  const header = ['part', 'measurement', 'load', 'value', 'p50 ms', 'p99 ms', 'note'];
  const cells = rows.map((row) => [
    row.part,
    row.name,
    row.load ?? '',
    `${row.value} ${row.unit}`,
    row.p50Ms === undefined ? '' : String(row.p50Ms),
    row.p99Ms === undefined ? '' : String(row.p99Ms),
    row.note ?? '',
  ]);
  const widths = header.map((title, i) =>
    Math.max(title.length, ...cells.map((line) => line[i]?.length ?? 0)),
  );
  const format = (line: readonly string[]) =>
    line
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  say(format(header));
  say(widths.map((width) => '-'.repeat(width)).join('  '));
  for (const line of cells) say(format(line));
}

/** Prints the verdicts, one line each. */
export function printVerdicts(verdicts: readonly Verdict[], say: (line: string) => void): void {
  for (const v of verdicts) {
    say(`${v.met ? 'met   ' : 'MISSED'}  ${v.what}: ${v.value.toFixed(2)} (target ${v.target})`);
  }
}

/** Writes `result` to `<dir>/bench-<timestamp>.json` and returns the path. */
export async function saveResult(dir: string, result: BenchResult): Promise<string> {
  await mkdir(dir, { recursive: true });
  const file = join(dir, `bench-${result.startedAt.replaceAll(':', '-')}.json`);
  await writeFile(file, `${JSON.stringify(result, null, 2)}\n`);
  return file;
}

/** `a / b` rounded to two decimals; 0 when `b` is 0. */
export function ratio(a: number, b: number): number {
  return b === 0 ? 0 : Math.round((a / b) * 100) / 100;
}
