import { resolve } from 'node:path';
import type { BenchRun } from './bench-run.ts';
import { startChild } from './child-process.ts';

const dedupMemoryScript = resolve(
  import.meta.dirname,
  '../../packages/consumer-runtime/test/bench/dedup-memory.ts',
);

/**
 * Dedup memory per million event ids: the runtime's own measurement script (heap after GC
 * around a store holding `dedupIds` marks), run in a fresh process.
 */
export async function benchDedupMemory(run: BenchRun): Promise<void> {
  const ids = run.options.dedupIds;
  run.say(`memory: dedup store with ${ids} ids`);
  const child = await startChild(dedupMemoryScript, [String(ids)], {
    nodeFlags: ['--expose-gc'],
    readyTimeoutMs: 300_000,
  });
  await child.stop();
  const { bytesPerId, mibPerMillionIds } = child.ready as {
    bytesPerId: number;
    mibPerMillionIds: number;
  };
  run.add({
    part: 'memory',
    name: 'dedup marks per million ids (heap)',
    load: `${ids} ids`,
    value: mibPerMillionIds,
    unit: 'MiB',
    note: `${bytesPerId} bytes per id`,
  });
}
