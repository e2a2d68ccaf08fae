import type { StackLayout } from './layout.ts';
import type { StackAddresses } from './ports.ts';

/** Names of the stack's components, in start order. */
export const COMPONENT_NAMES = ['kafka', 'registry', 'jaeger'] as const;
export type ComponentName = (typeof COMPONENT_NAMES)[number];

/** What every component step gets: where things live, the addresses, and a progress line. */
export interface ComponentContext {
  layout: StackLayout;
  addresses: StackAddresses;
  env: Readonly<Record<string, string | undefined>>;
  /** Prints one progress line for the user (long steps say what they are doing). */
  progress: (line: string) => void;
}

/** How the process manager starts a component's long-running process. */
export interface ProcessSpec {
  /** Executable path. */
  command: string;
  args: string[];
  cwd: string;
  env: Record<string, string>;
  /** Time the process gets to stop after SIGINT before it is killed, in milliseconds. */
  killTimeoutMs: number;
}

/** One server of the local stack. */
export interface Component {
  name: ComponentName;
  /** Product and version, for messages: "Apache Kafka 4.4.0". */
  title: string;
  /** Longest wait for the component to become healthy after its process starts, in ms. */
  startTimeoutMs: number;
  /** Fetches or builds what the component runs into the user-level cache; no-op when cached. */
  install(ctx: ComponentContext): Promise<void>;
  /** Renders configuration and one-time state (storage format) and says how to start it. */
  prepare(ctx: ComponentContext): Promise<ProcessSpec>;
  /** One health probe with a short timeout; true when the component serves requests. */
  probe(ctx: ComponentContext): Promise<boolean>;
  /** Addresses to print once it is up. */
  endpoints(addresses: StackAddresses): Record<string, string>;
}
