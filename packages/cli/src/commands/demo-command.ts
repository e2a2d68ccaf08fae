import type { CommandOutput } from '@tributary/contract';
import { Command } from 'commander';
import { runDemo } from '../demo/run-demo.ts';
import { integerFrom } from '../program/option-parsers.ts';
import { runAction } from '../program/run-action.ts';

/** What `demo` needs, read from the environment by `main.ts`. */
export interface DemoCommandDeps {
  readonly ingressBaseUrl: string;
  /** Jaeger UI, for the trace link of the summary. */
  readonly jaegerUrl: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly devSecretsFile: string;
  readonly output: CommandOutput;
}

/** `tributary demo`: a mixed batch of real webhooks through the running platform. */
export function createDemoCommand(deps: DemoCommandDeps): Command {
  return new Command('demo')
    .description(
      'send a mixed batch to the running platform: real GitHub payloads, Stripe and Shopify ' +
        'events, every tenth twice, a few badly signed, one the ledger cannot handle',
    )
    .option('--github <n>', 'GitHub payloads from @octokit/webhooks-examples', integerFrom(0), 40)
    .option('--stripe <n>', 'Stripe events from the documented shapes', integerFrom(0), 20)
    .option('--shopify <n>', 'Shopify events from the documented shapes', integerFrom(0), 10)
    .option('--bad-signatures <n>', 'deliveries signed wrongly (expect 401)', integerFrom(0), 3)
    .action((options: { github: number; stripe: number; shopify: number; badSignatures: number }) =>
      runAction(deps.output, () => runDemo({ ...deps, ...options })),
    );
}
