import { ContractError } from '../errors/contract-error.ts';

/** Options for {@link createRegistryAdminClient}. */
export interface RegistryAdminClientOptions {
  /** Base URL of a Confluent-compatible API, e.g. `http://127.0.0.1:8081/apis/ccompat/v7`. */
  url: string;
  /** Longest wait for one request, in milliseconds. Default 5 000. */
  requestTimeoutMs?: number;
}

/** The registry's verdict on a candidate schema. */
export type CompatibilityVerdict =
  | { readonly kind: 'compatible' }
  /** `messages` is what the registry said; Apicurio 3 sends none, Confluent a list. */
  | { readonly kind: 'incompatible'; readonly messages: readonly string[] }
  /** The subject has no versions, so there is nothing to be compatible with. */
  | { readonly kind: 'no-subject' };

/**
 * The registry calls the `schemas` command needs and the codec library does not offer:
 * subject compatibility config, compatibility checks, version listing. Plain `fetch`, one
 * request per call, no retries: a command reports a failure rather than waiting it out.
 */
export interface RegistryAdminClient {
  /** The URL requests go to. */
  readonly url: string;
  /** `PUT /config/<subject>`: sets the subject's compatibility level. */
  setCompatibility(subject: string, level: 'FULL_TRANSITIVE'): Promise<void>;
  /** `GET /subjects/<subject>/versions`: registered version numbers, [] for no subject. */
  listVersions(subject: string): Promise<number[]>;
  /** `GET /subjects/<subject>/versions/<n>`: the schema text of one version. */
  getVersionSchema(subject: string, version: number): Promise<string>;
  /** `POST /subjects/<subject>`: the id of `schemaText` there, undefined when absent. */
  lookup(subject: string, schemaText: string): Promise<number | undefined>;
  /** `POST /compatibility/subjects/<subject>/versions?verbose=true`: against every version. */
  checkCompatibility(subject: string, schemaText: string): Promise<CompatibilityVerdict>;
  /** `POST /subjects/<subject>/versions`: registers and returns the id; 409 is `SCHEMA_INCOMPATIBLE`. */
  register(subject: string, schemaText: string): Promise<number>;
}

const contentType = 'application/vnd.schemaregistry.v1+json';

/** Creates a {@link RegistryAdminClient}; errors name the URL (`REGISTRY_UNREACHABLE` etc.). */
export function createRegistryAdminClient(
  options: RegistryAdminClientOptions,
): RegistryAdminClient {
  const url = options.url.replace(/\/+$/, '');
  const requestTimeoutMs = options.requestTimeoutMs ?? 5_000;
  const request = (method: string, path: string, body?: unknown) =>
    send(url, requestTimeoutMs, method, path, body);
  const subjectPath = (subject: string) => `/subjects/${encodeURIComponent(subject)}`;

  return {
    url,
    async setCompatibility(subject, level) {
      expectOk(
        await request('PUT', `/config/${encodeURIComponent(subject)}`, { compatibility: level }),
      );
    },
    async listVersions(subject) {
      const response = await request('GET', `${subjectPath(subject)}/versions`);
      if (response.status === 404) return [];
      return expectOk(response) as number[];
    },
    async getVersionSchema(subject, version) {
      const response = await request('GET', `${subjectPath(subject)}/versions/${version}`);
      return (expectOk(response) as { schema: string }).schema;
    },
    async lookup(subject, schemaText) {
      const response = await request('POST', subjectPath(subject), { schema: schemaText });
      if (response.status === 404) return undefined;
      return (expectOk(response) as { id: number }).id;
    },
    async checkCompatibility(subject, schemaText) {
      const path = `/compatibility${subjectPath(subject)}/versions?verbose=true`;
      const response = await request('POST', path, { schema: schemaText });
      if (response.status === 404) return { kind: 'no-subject' };
      const answer = expectOk(response) as { is_compatible: boolean; messages?: string[] };
      return answer.is_compatible
        ? { kind: 'compatible' }
        : { kind: 'incompatible', messages: answer.messages ?? [] };
    },
    async register(subject, schemaText) {
      const response = await request('POST', `${subjectPath(subject)}/versions`, {
        schema: schemaText,
      });
      if (response.status === 409) {
        const { message } = readJson(response);
        throw new ContractError(
          'SCHEMA_INCOMPATIBLE',
          `schema registry at ${url} refused to register under ${subject}: ${String(message)}`,
        );
      }
      return (expectOk(response) as { id: number }).id;
    },
  };
}

interface RegistryResponse {
  readonly status: number;
  readonly url: string;
  readonly body: string;
}

async function send(
  url: string,
  timeoutMs: number,
  method: string,
  path: string,
  body: unknown,
): Promise<RegistryResponse> {
  try {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: {
        accept: contentType,
        ...(body === undefined ? {} : { 'content-type': contentType }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    return { status: response.status, url: `${method} ${path}`, body: await response.text() };
  } catch (error: unknown) {
    // fetch rejects only when no HTTP answer arrived: refused, reset, DNS, or our timeout.
    const reason = networkReason(error);
    throw new ContractError(
      'REGISTRY_UNREACHABLE',
      `cannot reach the schema registry at ${url}: ${reason}`,
      { cause: error },
    );
  }
}

function networkReason(error: unknown): string {
  if (error instanceof Error && error.name === 'TimeoutError') {
    return 'no answer within the timeout';
  }
  const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
  return String(cause?.code ?? cause?.message ?? (error as Error).message);
}

function expectOk(response: RegistryResponse): unknown {
  const parsed = readJson(response);
  if (response.status >= 200 && response.status < 300) return parsed;
  const detail = typeof parsed.message === 'string' ? parsed.message : response.body.slice(0, 200);
  throw new ContractError(
    'REGISTRY_REQUEST_FAILED',
    `schema registry answered ${response.status} to ${response.url}: ${detail}`,
    { retriable: response.status >= 500 },
  );
}

function readJson(response: RegistryResponse): Record<string, unknown> {
  try {
    return JSON.parse(response.body) as Record<string, unknown>;
  } catch {
    return {};
  }
}
