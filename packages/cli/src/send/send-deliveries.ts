import type { CommandOutput } from '@tributary/contract';
import type { Delivery } from './build-delivery.ts';
import type { ExpectedAnswer } from './describe-answer.ts';
import { describeAnswer, isExpectedStatus } from './describe-answer.ts';
import { postDelivery } from './post-delivery.ts';

/** Inputs of {@link sendDeliveries}. */
export interface SendDeliveriesInput {
  /** Full webhook URL, `.../webhooks/<source>`. */
  readonly url: string;
  /** The signed delivery; every copy is byte-for-byte the same request. */
  readonly delivery: Delivery;
  /** How many times to POST it: 1 plus `--duplicate`. At least 1. */
  readonly copies: number;
  /** The class of answer every POST should get. */
  readonly expected: ExpectedAnswer;
  /** Longest wait for one answer, in milliseconds. */
  readonly timeoutMs: number;
  /** Where the one line per POST goes, as soon as its answer is in. */
  readonly output: CommandOutput;
}

/** How a run went: POSTs answered, and how many of them were not the expected class. */
export interface SendDeliveriesResult {
  readonly answered: number;
  readonly unexpected: number;
}

/**
 * POSTs the same delivery `copies` times, one after the other (so redeliveries arrive in a
 * known order), printing one line per answer. Stops at the first connection failure by
 * throwing `CliError` `ingress_unreachable`; the lines already printed stay.
 */
export async function sendDeliveries(input: SendDeliveriesInput): Promise<SendDeliveriesResult> {
  let unexpected = 0;

  for (let index = 1; index <= input.copies; index += 1) {
    const answer = await postDelivery(input.url, input.delivery, input.timeoutMs);
    if (!isExpectedStatus(answer.status, input.expected)) unexpected += 1;
    input.output.line(describeAnswer(answer, { index, total: input.copies }, input.expected));
  }
  return { answered: input.copies, unexpected };
}
