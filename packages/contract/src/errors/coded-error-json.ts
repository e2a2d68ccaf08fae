/** What {@link codedErrorJson} reads off an error with a code from a closed set. */
export interface CodedErrorFields {
  readonly name: string;
  readonly code: string;
  readonly message: string;
  readonly retriable: boolean;
  readonly cause?: unknown;
}

/**
 * The plain-object form of a coded error for structured logs: name, code, message, retriable,
 * and its cause — in full when `isOwnKind` says it is an error of the same family (so a chain
 * of them nests), else reduced to its name, message and any `code`. Pure.
 */
export function codedErrorJson(
  error: CodedErrorFields,
  isOwnKind: (cause: unknown) => cause is { toJSON(): Record<string, unknown> },
): Record<string, unknown> {
  return {
    name: error.name,
    code: error.code,
    message: error.message,
    retriable: error.retriable,
    ...(error.cause === undefined ? {} : { cause: describeCause(error.cause, isOwnKind) }),
  };
}

function describeCause(
  cause: unknown,
  isOwnKind: (cause: unknown) => cause is { toJSON(): Record<string, unknown> },
): unknown {
  if (isOwnKind(cause)) return cause.toJSON();
  if (cause instanceof Error) {
    const code = (cause as { code?: unknown }).code;
    return { name: cause.name, message: cause.message, ...(code === undefined ? {} : { code }) };
  }
  return String(cause);
}
