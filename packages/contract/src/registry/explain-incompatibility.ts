import type { Type } from 'avsc';

/** A schema version to compare against, with how to name it in a reason. */
export interface LabelledType {
  /** How reasons name this version, e.g. `registered version 1`. */
  readonly label: string;
  /** Its avsc type. */
  readonly type: Type;
}

/**
 * Why `candidate` breaks FULL_TRANSITIVE compatibility with `others`, one reason per broken
 * direction: readers of the candidate must read records of every other version (backward),
 * and readers of every other version must read the candidate's records (forward). Uses
 * Avro schema resolution as avsc implements it; empty when every direction resolves.
 */
export function explainIncompatibility(candidate: Type, others: readonly LabelledType[]): string[] {
  return others.flatMap(({ label, type }) => {
    const reasons: string[] = [];
    const backward = resolutionFailure(candidate, type);
    if (backward !== undefined) reasons.push(`it cannot read records of ${label} (${backward})`);
    const forward = resolutionFailure(type, candidate);
    if (forward !== undefined)
      reasons.push(`readers of ${label} cannot read its records (${forward})`);
    return reasons;
  });
}

function resolutionFailure(reader: Type, writer: Type): string | undefined {
  try {
    reader.createResolver(writer);
    return undefined;
  } catch (error: unknown) {
    return error instanceof Error ? error.message : String(error);
  }
}
