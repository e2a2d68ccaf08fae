/**
 * Points in a batch where a test fixture can end the process (SIGKILL) to prove that the
 * dedup marks, the forwards and the offset commit land together or not at all. Each is
 * called synchronously at its point; production services leave them unset.
 */
export interface FaultHooks {
  /** After a handler ran for a record, before its batch's transaction opens. */
  afterHandler?: () => void;
  /** After the batch's forwards and marks were sent in the transaction, before the offsets. */
  afterForwardSent?: () => void;
  /** After the offsets joined the transaction, right before it commits. */
  beforeCommit?: () => void;
}
