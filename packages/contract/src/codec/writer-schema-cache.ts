import type { Type } from 'avsc';

/**
 * Writer schemas by registry id. A registry never changes the schema behind an id, so an
 * entry never expires: once fetched, an id keeps decoding while the registry is down.
 */
export interface WriterSchemaCache {
  /**
   * The type registered under `id`. Concurrent calls for an id not yet cached share one
   * fetch; a failed fetch is not remembered, so the next call tries again.
   */
  get(id: number): Promise<Type>;
  /** True when `id` is cached and `get` needs no registry call. */
  has(id: number): boolean;
}

/**
 * Creates a {@link WriterSchemaCache} over `fetchType` (usually a registry port's).
 * Unbounded: a deployment sees a handful of schema ids, not thousands.
 */
export function createWriterSchemaCache(
  fetchType: (id: number) => Promise<Type>,
): WriterSchemaCache {
  const types = new Map<number, Type>();
  const inFlight = new Map<number, Promise<Type>>();

  const fetchOnce = (id: number): Promise<Type> => {
    const pending = fetchType(id)
      .then((type) => {
        types.set(id, type);
        return type;
      })
      .finally(() => inFlight.delete(id));
    inFlight.set(id, pending);
    return pending;
  };

  return {
    get: async (id) => types.get(id) ?? inFlight.get(id) ?? fetchOnce(id),
    has: (id) => types.has(id),
  };
}
