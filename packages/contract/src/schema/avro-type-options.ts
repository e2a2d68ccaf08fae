import type { ForSchemaOptions } from 'avsc';
import { TimestampMillisType } from './timestamp-millis-type.ts';

/**
 * The avsc options every envelope type is built with, whether parsed from a file or fetched
 * from the registry, so that a writer and a reader agree on in-memory shapes:
 * `timestamp-millis` is a `Date`, and `["null", X]` unions are the bare value or `null`.
 * A fresh object per call: avsc stores its registry of named types in the options it is
 * given, and a shared registry would make a second parse of the same record name clash.
 */
export function avroTypeOptions(): Partial<ForSchemaOptions> {
  return {
    logicalTypes: { 'timestamp-millis': TimestampMillisType },
    // 'auto' unwraps unions whose branches JavaScript can tell apart (null | string), which
    // is every union the envelope uses; a wrapped union would change a field's TS shape.
    wrapUnions: 'auto',
  };
}
