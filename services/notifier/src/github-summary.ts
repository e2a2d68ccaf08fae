import { PermanentError } from '@tributary/consumer-runtime';

type Doc = Record<string, unknown>;

const field = (value: unknown, ...path: string[]): unknown =>
  path.reduce<unknown>(
    (at, key) => (typeof at === 'object' && at !== null ? (at as Doc)[key] : undefined),
    value,
  );
const text = (value: unknown, ...path: string[]): string | undefined => {
  const found = field(value, ...path);
  return typeof found === 'string' || typeof found === 'number' ? String(found) : undefined;
};
const firstLine = (value: string | undefined) => value?.split('\n')[0]?.trim();
const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/** One summariser per event type; each gets the payload, the repository and the actor. */
const summarisers: Record<string, (p: Doc, repo: string, who: string) => string> = {
  push: (p, repo, who) => {
    const commits = Array.isArray(p.commits) ? p.commits.length : 0;
    const branch = text(p, 'ref')?.replace(/^refs\/heads\//, '') ?? '?';
    const head = firstLine(text(p, 'head_commit', 'message'));
    const pusher = text(p, 'pusher', 'name') ?? who;
    return `${pusher} pushed ${plural(commits, 'commit')} to ${repo}:${branch}${head ? `: ${head}` : ''}`;
  },
  pull_request: (p, repo, who) =>
    `${who} ${text(p, 'action') ?? 'updated'} pull request #${text(p, 'pull_request', 'number') ?? '?'} "${text(p, 'pull_request', 'title') ?? ''}" in ${repo}`,
  issues: (p, repo, who) =>
    `${who} ${text(p, 'action') ?? 'updated'} issue #${text(p, 'issue', 'number') ?? '?'} "${text(p, 'issue', 'title') ?? ''}" in ${repo}`,
  issue_comment: (p, repo, who) =>
    `${who} commented on #${text(p, 'issue', 'number') ?? '?'} in ${repo}: ${firstLine(text(p, 'comment', 'body')) ?? ''}`,
  release: (p, repo, who) =>
    `${who} ${text(p, 'action') ?? 'updated'} release ${text(p, 'release', 'tag_name') ?? '?'} in ${repo}`,
  create: (p, repo, who) =>
    `${who} created ${text(p, 'ref_type') ?? 'ref'} ${text(p, 'ref') ?? '?'} in ${repo}`,
  delete: (p, repo, who) =>
    `${who} deleted ${text(p, 'ref_type') ?? 'ref'} ${text(p, 'ref') ?? '?'} in ${repo}`,
  workflow_run: (p, repo) =>
    `workflow "${text(p, 'workflow_run', 'name') ?? '?'}" ${text(p, 'workflow_run', 'conclusion') ?? text(p, 'action') ?? 'updated'} in ${repo}`,
  star: (p, repo, who) => `${who} ${p.action === 'deleted' ? 'unstarred' : 'starred'} ${repo}`,
  fork: (p, repo, who) => `${who} forked ${repo} to ${text(p, 'forkee', 'full_name') ?? '?'}`,
  ping: (p, repo) =>
    `webhook ${text(p, 'hook_id') ?? ''} is set up for ${repo}: ${text(p, 'zen') ?? ''}`,
};

/** Longest summary line, in characters; longer ones are cut with an ellipsis. */
export const maxSummaryChars = 300;

/**
 * A one-line, human summary of a GitHub webhook payload (`push`, `pull_request`...); unknown
 * types get a generic line. Throws `PermanentError` when the body is not a JSON object, which
 * no retry can fix.
 */
export function summarizeGithubEvent(eventType: string, body: Buffer): string {
  let payload: unknown;
  try {
    payload = JSON.parse(body.toString('utf8'));
  } catch (error: unknown) {
    throw new PermanentError('GitHub payload is not JSON', { cause: error });
  }
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    throw new PermanentError('GitHub payload is not a JSON object');
  }

  const doc = payload as Doc;
  const repo =
    text(doc, 'repository', 'full_name') ?? text(doc, 'organization', 'login') ?? 'GitHub';
  const who = text(doc, 'sender', 'login') ?? 'someone';
  const summarise = summarisers[eventType];
  const action = text(doc, 'action');
  const line = summarise
    ? summarise(doc, repo, who)
    : `${eventType}${action ? `.${action}` : ''} in ${repo} by ${who}`;
  return line.length > maxSummaryChars ? `${line.slice(0, maxSummaryChars - 1)}…` : line;
}
