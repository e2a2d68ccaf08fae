import { createRequire } from 'node:module';

interface WebhookExample {
  name: string;
  examples: unknown[];
}

/**
 * The real GitHub `push` payload from @octokit/webhooks-examples closest to 7 KB once
 * serialised: the size the benchmark targets name. Returned as the exact bytes to sign.
 */
export function githubPushPayload(): Buffer {
  const require = createRequire(import.meta.url);
  const all = require('@octokit/webhooks-examples') as WebhookExample[];
  const push = all.find((event) => event.name === 'push');
  if (!push) throw new Error('@octokit/webhooks-examples has no push examples');
  const bodies = push.examples.map((example) => Buffer.from(JSON.stringify(example)));
  const target = 7 * 1024;
  bodies.sort((a, b) => Math.abs(a.length - target) - Math.abs(b.length - target));
  const [closest] = bodies;
  if (!closest) throw new Error('@octokit/webhooks-examples push has no examples');
  return closest;
}
