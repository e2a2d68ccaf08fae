import { closeSync, openSync, readSync, statSync } from 'node:fs';

/** How much of a log's end is read: enough for the few lines a failed start writes. */
const TAIL_BYTES = 64 * 1024;

/**
 * The last error a service logged (a pino JSON line at level error or fatal) in `logFile`, as
 * `<message>: <err.message>`; undefined when the file is missing or holds none. Only the file's
 * last 64 KiB are read. Used to say why a process exited before it was ready.
 */
export function lastLogError(logFile: string): string | undefined {
  let text: string;
  try {
    const size = statSync(logFile).size;
    const length = Math.min(size, TAIL_BYTES);
    const buffer = Buffer.alloc(length);
    const fd = openSync(logFile, 'r');
    try {
      readSync(fd, buffer, 0, length, size - length);
    } finally {
      closeSync(fd);
    }
    text = buffer.toString('utf8');
  } catch {
    return undefined;
  }

  for (const line of text.split('\n').reverse()) {
    const entry = parseLine(line);
    if (entry === undefined || typeof entry.level !== 'number' || entry.level < 50) continue;
    const cause = typeof entry.err?.message === 'string' ? `: ${entry.err.message}` : '';
    return `${String(entry.msg ?? 'error')}${cause}`;
  }
  return undefined;
}

function parseLine(
  line: string,
): { level?: unknown; msg?: unknown; err?: { message?: unknown } } | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    return JSON.parse(line) as { level?: unknown; msg?: unknown; err?: { message?: unknown } };
  } catch {
    return undefined;
  }
}
