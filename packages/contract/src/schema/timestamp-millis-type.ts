import type { Type } from 'avsc';
import avsc from 'avsc';

/**
 * The Avro `timestamp-millis` logical type as a JavaScript `Date`: a `long` of milliseconds
 * since the Unix epoch on the wire, a `Date` in memory. Without it avsc would hand out the
 * bare number and the envelope's `receivedAt` would lose its unit.
 */
export class TimestampMillisType extends avsc.types.LogicalType {
  protected override _fromValue(value: unknown): Date {
    return new Date(value as number);
  }

  protected override _toValue(value: unknown): number | undefined {
    // undefined tells avsc the value is invalid for this type, so isValid reports its path.
    if (!(value instanceof Date) || Number.isNaN(value.getTime())) return undefined;
    return value.getTime();
  }

  protected override _resolve(writer: Type): ((value: unknown) => Date) | undefined {
    // A plain long written by an older schema reads as the same instant.
    if (avsc.Type.isType(writer, 'long', 'logical:timestamp-millis')) {
      return (value) => this._fromValue(value);
    }
    return undefined;
  }
}
