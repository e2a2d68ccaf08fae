import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isProbePath, isSelfTracedPath } from './create-instrumentations.ts';

describe('isProbePath', () => {
  const cases: readonly [string | undefined, boolean][] = [
    ['/readyz', true],
    ['/healthz', true],
    ['/metrics', true],
    ['/metrics?name=x', true],
    ['/webhooks/github', false],
    ['/readyz/extra', false],
    [undefined, false],
  ];
  for (const [url, expected] of cases) {
    test(`${url ?? '(no url)'} is ${expected ? '' : 'not '}a probe, so ${expected ? 'untraced' : 'traced'}`, () => {
      assert.equal(isProbePath(url), expected);
    });
  }
});

describe('isSelfTracedPath', () => {
  const cases: readonly [string | undefined, boolean][] = [
    ['/webhooks/github', true],
    ['/webhooks/github?x=1', true],
    ['/webhooks', true],
    ['/WebHooks/github', true],
    ['/webhooksx', false],
    ['/readyz', false],
    ['/other/webhooks/github', false],
    [undefined, false],
  ];
  for (const [url, expected] of cases) {
    test(`${url ?? '(no url)'} is ${expected ? '' : 'not '}left to the ingress's own server span`, () => {
      assert.equal(isSelfTracedPath(url), expected);
    });
  }
});
