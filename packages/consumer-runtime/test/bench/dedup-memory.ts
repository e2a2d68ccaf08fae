// Measures the heap a service instance spends on dedup marks per million event ids:
//   node --expose-gc packages/consumer-runtime/test/bench/dedup-memory.ts [ids]
// Event ids look like the ingress's (`github:<uuid>`, 43 characters); marks are spread over
// 6 partitions as a group reading a 6-partition topic would hold them.
import { randomUUID } from 'node:crypto';
import { createDedupStore } from '../../src/dedup/dedup-store.ts';

const count = Number(process.argv[2] ?? 1_000_000);
const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('run with node --expose-gc');

function heapAfterGc(): number {
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed;
}

const before = heapAfterGc();
const store = createDedupStore({ windowMs: 7 * 24 * 3_600_000, maxEntries: count });
const nowMs = Date.now();
for (let index = 0; index < count; index += 1) {
  // Decoded from bytes, as avsc decodes an envelope's event id: a flat string held only by
  // the store. (randomUUID()'s own strings cost several times more and would skew this.)
  const eventId = Buffer.from(`github:${randomUUID()}`).toString('utf8');
  store.set(index % 6, eventId, {
    state: 'done',
    atMs: nowMs,
    attempts: 1,
    redrives: 0,
  });
}
const bytes = heapAfterGc() - before;

process.stdout.write(
  `${JSON.stringify({
    ids: store.size(),
    bytesPerId: Math.round(bytes / count),
    mibPerMillionIds: Number((((bytes / count) * 1_000_000) / 2 ** 20).toFixed(1)),
  })}\n`,
);
