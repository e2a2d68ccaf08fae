import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { test } from 'node:test';
import { StackError } from './errors.ts';
import { findJava, isPortFree, javaMajorVersion, requireCommand } from './preflight.ts';

test('a port something listens on is not free; once closed it is', async () => {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen({ host: '127.0.0.1', port: 0 }, resolve));
  const address = server.address();
  assert.ok(address && typeof address === 'object');

  assert.equal(await isPortFree('127.0.0.1', address.port), false);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  assert.equal(await isPortFree('127.0.0.1', address.port), true);
});

test('a java that does not exist has no version', async () => {
  assert.equal(await javaMajorVersion('/nonexistent/bin/java'), undefined);
});

test('a missing command fails with PREREQUISITE_MISSING naming the component and why', async () => {
  await assert.rejects(
    requireCommand('jaeger', 'no-such-tool-tributary', 'the Go toolchain builds Jaeger'),
    (error: unknown) =>
      error instanceof StackError &&
      error.code === 'PREREQUISITE_MISSING' &&
      error.toLine() ===
        'jaeger: no-such-tool-tributary is not on PATH (the Go toolchain builds Jaeger)',
  );
});

test('asking for a Java newer than any installed names what was found and the variable to set', async () => {
  await assert.rejects(
    findJava('registry', 999, 'TRIBUTARY_REGISTRY_JAVA_HOME', {}),
    (error: unknown) =>
      error instanceof StackError &&
      error.code === 'PREREQUISITE_MISSING' &&
      /^registry: needs Java 999 or later \(.*\); install one or set TRIBUTARY_REGISTRY_JAVA_HOME$/.test(
        error.toLine(),
      ),
  );
});
