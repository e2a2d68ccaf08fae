import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { IngressError, ingressErrorCodes, isIngressError } from './ingress-error.ts';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

/** `| 415 | \`unsupported_charset\` | ...` rows of the README's answer table, as code → status. */
function documentedAnswers(): Map<string, number> {
  // Cells may be padded: the formatter aligns the table's columns.
  const rows = readme.matchAll(/^\|\s*(\d{3})\s*\|\s*`([a-z_0-9]+)`\s*\|/gm);
  return new Map([...rows].map((row) => [row[2] as string, Number(row[1])]));
}

describe('IngressError', () => {
  it('documents every request-level code in the README answer table, with its status', () => {
    const documented = documentedAnswers();

    for (const [code, { status }] of Object.entries(ingressErrorCodes)) {
      if (status === undefined) continue;
      assert.equal(documented.get(code), status, `README row for ${code}`);
    }
    for (const code of documented.keys()) {
      assert.ok(
        code in ingressErrorCodes,
        `README documents ${code}, which the code does not have`,
      );
    }
  });

  it('answers with the public message of its code, whatever detail it carries for the log', () => {
    const error = new IngressError('unauthenticated', undefined, { reason: 'stale_timestamp' });

    assert.equal(error.status, 401);
    assert.equal(error.publicMessage, ingressErrorCodes.unauthenticated.message);
    assert.equal(error.reason, 'stale_timestamp');
    assert.deepEqual(JSON.parse(JSON.stringify(error)), {
      name: 'IngressError',
      code: 'unauthenticated',
      message: ingressErrorCodes.unauthenticated.message,
      retriable: false,
      reason: 'stale_timestamp',
    });
  });

  it('marks 429 and 503 codes retriable and 4xx refusals not', () => {
    for (const [code, { status, retriable }] of Object.entries(ingressErrorCodes)) {
      if (status === 429 || status === 503) assert.equal(retriable, true, code);
      if (status === 401 || status === 413 || status === 415) assert.equal(retriable, false, code);
    }
  });

  it('answers 500 for codes that are not about a request', () => {
    const error = new IngressError('config_invalid', 'sources.x: bad');

    assert.equal(error.status, 500);
    assert.ok(isIngressError(error, 'config_invalid'));
    assert.ok(!isIngressError(new Error('x')));
  });
});
