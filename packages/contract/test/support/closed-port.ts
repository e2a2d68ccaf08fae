import { createServer } from 'node:net';

/**
 * A local port nothing listens on: bound, then released. (Port 1 will not do for HTTP:
 * fetch refuses it as a "bad port" before connecting.)
 */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port was bound');
  return address.port;
}
