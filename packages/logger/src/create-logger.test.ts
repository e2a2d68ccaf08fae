import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ZodError } from 'zod';
import { createLogger, REDACTED } from './create-logger.ts';
import type { LoggerOptions, LogLevel } from './logger-options.ts';

type Line = Record<string, unknown>;

/** A logger writing into an array of parsed lines instead of standard output. */
function capturingLogger(options: Omit<LoggerOptions, 'serviceName' | 'destination'> = {}) {
  const lines: Line[] = [];
  const destination = { write: (chunk: string) => void lines.push(JSON.parse(chunk) as Line) };
  const logger = createLogger({ serviceName: 'test-service', destination, ...options });
  return { logger, lines };
}

const CAMEL_CASE = /^[a-z][a-zA-Z0-9]*$/;

function keysDeep(value: unknown): string[] {
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, inner]) => [key, ...keysDeep(inner)]);
}

describe('createLogger', () => {
  test('writes one JSON object per call with level name, ISO time, service, pid and message', () => {
    const { logger, lines } = capturingLogger();

    logger.info({ eventId: 'e-1' }, 'event accepted');

    assert.equal(lines.length, 1);
    const [line] = lines;
    assert.equal(line?.level, 'info');
    assert.equal(line?.msg, 'event accepted');
    assert.equal(line?.service, 'test-service');
    assert.equal(line?.pid, process.pid);
    assert.equal(line?.eventId, 'e-1');
    assert.ok(!Number.isNaN(Date.parse(String(line?.time))), 'time is an ISO-8601 string');
  });

  test('every key it writes itself, error fields included, is camelCase', () => {
    const { logger, lines } = capturingLogger();

    logger.error({ err: new Error('boom') }, 'handler failed');

    for (const key of keysDeep(lines[0])) assert.match(key, CAMEL_CASE);
  });

  test('serialises `err` with type, message, stack, own fields and a structured cause', () => {
    const { logger, lines } = capturingLogger();
    const cause = new Error('socket closed');
    const error = Object.assign(new TypeError('publish failed', { cause }), {
      code: 'PUBLISH_TIMEOUT',
      retriable: true,
    });

    logger.error({ err: error }, 'publish failed');

    const err = lines[0]?.err as Record<string, unknown>;
    assert.equal(err.type, 'TypeError');
    assert.equal(err.message, 'publish failed');
    assert.equal(err.code, 'PUBLISH_TIMEOUT');
    assert.equal(err.retriable, true);
    assert.match(String(err.stack), /publish failed/);
    assert.deepEqual(
      { ...(err.cause as Record<string, unknown>), stack: undefined },
      { type: 'Error', message: 'socket closed', stack: undefined },
    );
  });

  const levelCases: Array<{ level: LogLevel | undefined; written: string[] }> = [
    { level: undefined, written: ['info', 'warn', 'error'] },
    { level: 'debug', written: ['debug', 'info', 'warn', 'error'] },
    { level: 'warn', written: ['warn', 'error'] },
    { level: 'silent', written: [] },
  ];
  for (const { level, written } of levelCases) {
    const what = written.length === 0 ? 'nothing' : `only ${written.join(', ')}`;
    test(`at level ${level ?? 'default (info)'}, writes ${what}`, () => {
      const { logger, lines } = capturingLogger(level === undefined ? {} : { level });

      logger.trace('t');
      logger.debug('d');
      logger.info('i');
      logger.warn('w');
      logger.error('e');

      assert.deepEqual(
        lines.map((line) => line.level),
        written,
      );
    });
  }

  const redactionCases = [
    {
      name: 'a signature header',
      path: 'headers["x-hub-signature-256"]',
      fields: { headers: { 'x-hub-signature-256': 'sha256=abc', 'content-type': 'x' } },
      read: (line: Line) => (line.headers as Line)['x-hub-signature-256'],
      kept: (line: Line) => (line.headers as Line)['content-type'],
    },
    {
      name: 'a secret under any parent',
      path: '*.secret',
      fields: { source: { secret: 'shh', name: 'github' } },
      read: (line: Line) => (line.source as Line).secret,
      kept: (line: Line) => (line.source as Line).name,
    },
  ];
  for (const { name, path, fields, read, kept } of redactionCases) {
    test(`censors ${name} and keeps its siblings`, () => {
      const { logger, lines } = capturingLogger({ redactPaths: [path] });

      logger.info(fields, 'request received');

      const [line] = lines;
      assert.ok(line);
      assert.equal(read(line), REDACTED);
      assert.notEqual(kept(line), REDACTED);
    });
  }

  const invalidCases: Array<{ name: string; options: LoggerOptions; field: string }> = [
    { name: 'an empty service name', options: { serviceName: ' ' }, field: 'serviceName' },
    {
      name: 'an unknown level',
      options: { serviceName: 's', level: 'loud' as LogLevel },
      field: 'level',
    },
    {
      name: 'a destination without write',
      options: { serviceName: 's', destination: {} as never },
      field: 'destination',
    },
  ];
  for (const { name, options, field } of invalidCases) {
    test(`rejects ${name}, naming the field`, () => {
      assert.throws(
        () => createLogger(options),
        (error: unknown) =>
          error instanceof ZodError && error.issues.some((issue) => issue.path[0] === field),
      );
    });
  }
});
