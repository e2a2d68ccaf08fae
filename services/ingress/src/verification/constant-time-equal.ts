import { timingSafeEqual } from 'node:crypto';

/**
 * Compares two MACs without leaking, through timing, how many leading bytes match: a plain
 * `===` or `Buffer.equals` returns at the first difference, which lets an attacker guess a
 * valid signature byte by byte. `timingSafeEqual` throws on unequal lengths, so lengths are
 * compared first; a length is not secret (every digest of one algorithm has the same one).
 */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) {
    return false;
  }
  return timingSafeEqual(a, b);
}
