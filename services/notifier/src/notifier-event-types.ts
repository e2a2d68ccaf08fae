/**
 * The GitHub events the notifier summarises (the `X-GitHub-Event` header, which the ingress
 * makes the event type). Others on the topic are skipped and counted by the runtime.
 */
export const notifierEventTypes = Object.freeze([
  'push',
  'pull_request',
  'issues',
  'issue_comment',
  'release',
  'create',
  'delete',
  'workflow_run',
  'star',
  'fork',
  'ping',
] as const);
