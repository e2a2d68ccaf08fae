/** What a service instance counted since it started; outcomes count once their batch commits. */
export interface RuntimeCounters {
  /** Records the handler completed. */
  handled: number;
  /** Records skipped because their event id already had a mark (or the copy was stale). */
  duplicates: number;
  /** Records skipped because the service does not handle their event type. */
  skippedEventTypes: number;
  /** Failed records sent to a retry tier. */
  retried: number;
  /** Records sent to the DLQ (failures and undecodable records). */
  deadLettered: number;
  /** Of those, records that could not be decoded. */
  undecodable: number;
  /** Times a partition was held because the schema registry was unreachable. */
  registryWaits: number;
  /** Times a handler paused its partition (`PauseError`: its downstream was unavailable). */
  handlerPauses: number;
  /** Batch transactions that failed and were aborted (their records are redone). */
  abortedTransactions: number;
}

/** A zeroed {@link RuntimeCounters}. */
export function createRuntimeCounters(): RuntimeCounters {
  return {
    handled: 0,
    duplicates: 0,
    skippedEventTypes: 0,
    retried: 0,
    deadLettered: 0,
    undecodable: 0,
    registryWaits: 0,
    handlerPauses: 0,
    abortedTransactions: 0,
  };
}
