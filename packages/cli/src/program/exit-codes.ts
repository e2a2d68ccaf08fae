/**
 * Exit codes scripts can rely on. `tributary stack ...` passes deploy/local's own code through
 * unchanged, which adds 3 for `stack status` when a component is not healthy; 4 is
 * `dlq replay`'s own (see {@link exitCodes.refused}).
 */
export const exitCodes = Object.freeze({
  /** The command did what it was asked. */
  ok: 0,
  /** It ran and failed (unreachable service, refused schema, unexpected HTTP answers). */
  failure: 1,
  /** The command line is wrong: unknown command or option, missing argument. */
  usage: 2,
  /** `dlq replay` only: it ran, but some selected records were refused (redrive limit). */
  refused: 4,
} as const);
