import { execFile } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { StackError, StackErrorCode } from './errors.ts';

const run = promisify(execFile);

/** Resolves true when nothing listens on host:port (we could bind it ourselves). */
export function isPortFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** Throws PREREQUISITE_MISSING naming the component when `command` is not on PATH. */
export async function requireCommand(
  component: string,
  command: string,
  why: string,
): Promise<void> {
  try {
    await run('sh', ['-c', `command -v ${command}`]);
  } catch (error: unknown) {
    throw new StackError(
      StackErrorCode.PREREQUISITE_MISSING,
      component,
      `${command} is not on PATH (${why})`,
      { cause: error },
    );
  }
}

/** Major version of a `java` executable, or undefined when it does not run. */
export async function javaMajorVersion(javaPath: string): Promise<number | undefined> {
  try {
    const { stderr } = await run(javaPath, ['-version']);
    const match = /version "(\d+)(?:\.(\d+))?/.exec(stderr);
    if (!match) return undefined;
    // Java 8 and older report "1.8"; every version Tributary can use reports its major first.
    return match[1] === '1' ? Number(match[2]) : Number(match[1]);
  } catch {
    return undefined;
  }
}

async function jdkCandidates(
  env: Readonly<Record<string, string | undefined>>,
  homeVar: string,
): Promise<string[]> {
  const candidates: string[] = [];
  const explicit = env[homeVar];
  if (explicit) candidates.push(join(explicit, 'bin', 'java'));
  if (env.JAVA_HOME) candidates.push(join(env.JAVA_HOME, 'bin', 'java'));
  candidates.push('java');
  const jvmDir = '/usr/lib/jvm';
  const installed = await readdir(jvmDir).catch(() => [] as string[]);
  for (const name of installed.sort().reverse()) candidates.push(join(jvmDir, name, 'bin', 'java'));
  return candidates;
}

/**
 * Finds a Java runtime of at least `minMajor` for `component`: first `$<homeVar>/bin/java`,
 * then `$JAVA_HOME/bin/java`, then `java` on PATH, then the JDKs under /usr/lib/jvm.
 * Throws PREREQUISITE_MISSING saying what was found when none is new enough.
 */
export async function findJava(
  component: string,
  minMajor: number,
  homeVar: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<string> {
  const found: string[] = [];
  for (const candidate of await jdkCandidates(env, homeVar)) {
    const major = await javaMajorVersion(candidate);
    if (major === undefined) continue;
    if (major >= minMajor) return candidate;
    found.push(`${candidate} is Java ${major}`);
  }
  const seen = found.length > 0 ? found.join(', ') : 'no Java found';
  throw new StackError(
    StackErrorCode.PREREQUISITE_MISSING,
    component,
    `needs Java ${minMajor} or later (${seen}); install one or set ${homeVar}`,
  );
}
