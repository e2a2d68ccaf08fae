import { InvalidArgumentError } from 'commander';

/**
 * A commander argument parser for a whole number of at least `minimum`; anything else is a
 * usage error "must be an integer from <minimum>".
 */
export function integerFrom(minimum: number): (text: string) => number {
  return (text) => {
    const value = Number(text);
    if (!Number.isSafeInteger(value) || value < minimum) {
      throw new InvalidArgumentError(`must be an integer from ${minimum}`);
    }
    return value;
  };
}

/** A commander argument parser for a finite number above 0 ("must be above 0" otherwise). */
export function positiveNumber(text: string): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) throw new InvalidArgumentError('must be above 0');
  return value;
}
