import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { PermanentError } from '@tributary/consumer-runtime';
import { maxSummaryChars, summarizeGithubEvent } from './github-summary.ts';

const push = readFileSync(
  new URL('../../../packages/cli/examples/github/push.json', import.meta.url),
);
const json = (value: unknown) => Buffer.from(JSON.stringify(value));
const repository = { full_name: 'acme/api' };
const sender = { login: 'ada' };

describe('summarizeGithubEvent', () => {
  test('a push names the pusher, the commit count, the branch and the head commit', () => {
    assert.equal(
      summarizeGithubEvent('push', push),
      'ada-example pushed 1 commit to tributary-example/inventory:main: Count stock per warehouse',
    );
  });

  const cases: Array<[string, unknown, string]> = [
    [
      'pull_request',
      { action: 'opened', pull_request: { number: 7, title: 'Fix' }, repository, sender },
      'ada opened pull request #7 "Fix" in acme/api',
    ],
    [
      'issues',
      { action: 'closed', issue: { number: 3, title: 'Bug' }, repository, sender },
      'ada closed issue #3 "Bug" in acme/api',
    ],
    [
      'issue_comment',
      {
        action: 'created',
        issue: { number: 3 },
        comment: { body: 'LGTM\nmore' },
        repository,
        sender,
      },
      'ada commented on #3 in acme/api: LGTM',
    ],
    [
      'release',
      { action: 'published', release: { tag_name: 'v1.2.0' }, repository, sender },
      'ada published release v1.2.0 in acme/api',
    ],
    ['star', { action: 'deleted', repository, sender }, 'ada unstarred acme/api'],
    [
      'workflow_run',
      { action: 'completed', workflow_run: { name: 'CI', conclusion: 'failure' }, repository },
      'workflow "CI" failure in acme/api',
    ],
    [
      'deployment',
      { action: 'created', repository, sender },
      'deployment.created in acme/api by ada',
    ],
  ];
  for (const [type, payload, expected] of cases) {
    test(`${type}: "${expected}"`, () => {
      assert.equal(summarizeGithubEvent(type, json(payload)), expected);
    });
  }

  test(`a summary longer than ${maxSummaryChars} characters is cut with an ellipsis`, () => {
    const title = 'x'.repeat(1_000);
    const line = summarizeGithubEvent(
      'issues',
      json({ issue: { number: 1, title }, repository, sender }),
    );

    assert.equal(line.length, maxSummaryChars);
    assert.ok(line.endsWith('…'));
  });

  for (const [name, body] of [
    ['not JSON', Buffer.from('{')],
    ['a JSON array', json([1])],
  ] as const) {
    test(`a body that is ${name} is a PermanentError`, () => {
      assert.throws(
        () => summarizeGithubEvent('push', body),
        (error: unknown) => error instanceof PermanentError && error.code === 'HANDLER_PERMANENT',
      );
    });
  }
});
