import type { DeadLetter, RedriveResult } from '@tributary/consumer-runtime';
import { formatRecordId } from './record-id.ts';

/** A dead letter as `--json` prints it; `headers` only for `show`. */
export interface DeadLetterJson {
  readonly id: string;
  readonly dlqTopic: string;
  readonly partition: number;
  readonly offset: string;
  readonly deadLetteredAt: string;
  readonly sourceTopic: string | null;
  readonly eventId: string | null;
  readonly eventType: string | null;
  readonly errorClass: string | null;
  readonly errorMessage: string | null;
  readonly attempts: number | null;
  readonly redriveCount: number;
  readonly schemaId: number | null;
  readonly key: string | null;
  readonly valueBytes: number;
  readonly headers?: Readonly<Record<string, string>>;
}

/** The JSON form of one letter (absent fields are null, so every key is always there). Pure. */
export function deadLetterJson(
  letter: DeadLetter,
  dlqTopics: readonly string[],
  withHeaders = false,
): DeadLetterJson {
  return {
    id: formatRecordId(letter, dlqTopics),
    dlqTopic: letter.dlqTopic,
    partition: letter.partition,
    offset: letter.offset,
    deadLetteredAt: new Date(letter.timestampMs).toISOString(),
    sourceTopic: letter.sourceTopic ?? null,
    eventId: letter.eventId ?? null,
    eventType: letter.eventType ?? null,
    errorClass: letter.errorClass ?? null,
    errorMessage: letter.errorMessage ?? null,
    attempts: letter.attempts ?? null,
    redriveCount: letter.redriveCount,
    schemaId: letter.schemaId ?? null,
    key: letter.key?.toString('utf8') ?? null,
    valueBytes: letter.value?.length ?? 0,
    ...(withHeaders ? { headers: letter.headers } : {}),
  };
}

const columns = [
  ['ID', (l: DeadLetterJson) => l.id],
  ['DEAD-LETTERED', (l: DeadLetterJson) => l.deadLetteredAt.replace(/\.\d{3}Z$/, 'Z')],
  ['SOURCE TOPIC', (l: DeadLetterJson) => l.sourceTopic ?? '-'],
  ['EVENT TYPE', (l: DeadLetterJson) => l.eventType ?? '-'],
  ['ERROR CLASS', (l: DeadLetterJson) => l.errorClass ?? '-'],
  ['TRIES', (l: DeadLetterJson) => String(l.attempts ?? '-')],
  ['REDRIVES', (l: DeadLetterJson) => String(l.redriveCount)],
  ['SCHEMA', (l: DeadLetterJson) => String(l.schemaId ?? '-')],
  ['EVENT ID', (l: DeadLetterJson) => l.eventId ?? '-'],
] as const;

/**
 * `dlq list`'s table: a header line and one line per letter, columns padded to their widest
 * cell, in the order given (oldest first per DLQ partition). Pure.
 */
export function deadLetterTable(letters: readonly DeadLetterJson[]): string[] {
  const rows = [
    columns.map(([title]) => title),
    ...letters.map((letter) => columns.map(([, cell]) => cell(letter))),
  ];
  const widths = columns.map((_, i) => Math.max(...rows.map((row) => row[i]?.length ?? 0)));
  return rows.map((row) =>
    row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  '),
  );
}

/** `dlq show`'s text form: one `name: value` line per field, then the headers. Pure. */
export function deadLetterDetail(letter: DeadLetterJson): string[] {
  const { headers, ...fields } = letter;
  return [
    ...Object.entries(fields).map(([name, value]) => `${name}: ${value ?? '-'}`),
    'headers:',
    ...Object.entries(headers ?? {}).map(([name, value]) => `  ${name}: ${value}`),
  ];
}

/** One progress line of `dlq replay`: `<n>/<total> <outcome> <id> event=<id>`. Pure. */
export function redriveLine(
  result: RedriveResult,
  done: number,
  total: number,
  dlqTopics: readonly string[],
): string {
  const event = result.eventId === undefined ? '' : ` event=${result.eventId}`;
  return `${done}/${total} ${result.outcome} ${formatRecordId(result.ref, dlqTopics)}${event}`;
}
