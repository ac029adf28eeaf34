import type { TaskEndpoint } from './task-types.js';
import type { AgentEndpoint, WiroErrorItem } from './types.js';

/** Any REST endpoint the client calls: an agent messaging one, or a model-run one. */
export type WiroEndpoint = AgentEndpoint | TaskEndpoint;

/**
 * Why a call failed:
 * - `api`: the server answered `result: false`;
 * - `http`: a non-2xx status (with or without a JSON body);
 * - `bad_response`: a 2xx whose body is not JSON or lacks what the endpoint documents;
 * - `timeout`: no complete answer within `timeoutMs`;
 * - `network`: the request never got an answer (DNS, refused connection, CORS, reset).
 */
export type WiroApiErrorCode = 'api' | 'http' | 'bad_response' | 'timeout' | 'network';

/** Construction fields of a {@link WiroApiError}. */
export interface WiroApiErrorInit {
  code: WiroApiErrorCode;
  endpoint: WiroEndpoint;
  /** HTTP status, `null` when no response arrived. */
  status: number | null;
  errors?: WiroErrorItem[];
  cause?: unknown;
}

/**
 * A failed agent API call. A user abort is NOT one of these: it rejects with the `AbortError`.
 *
 * The message names the endpoint and the server's first error message; it never contains the API key
 * or secret (the client scrubs them before building it).
 */
export class WiroApiError extends Error {
  override readonly name = 'WiroApiError';
  /** What kind of failure; see {@link WiroApiErrorCode}. */
  readonly code: WiroApiErrorCode;
  /** The endpoint called. */
  readonly endpoint: WiroEndpoint;
  /** HTTP status, `null` for timeouts and network failures. */
  readonly status: number | null;
  /** The server's `errors` array (empty when it sent none). */
  readonly errors: WiroErrorItem[];

  /** @param message - already scrubbed of credentials. */
  constructor(message: string, init: WiroApiErrorInit) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.code = init.code;
    this.endpoint = init.endpoint;
    this.status = init.status;
    this.errors = init.errors ?? [];
  }
}

/** `true` when `error` is a {@link WiroApiError} (also across bundle copies of this kit). */
export function isWiroApiError(error: unknown): error is WiroApiError {
  return (
    error instanceof WiroApiError || (error instanceof Error && error.name === 'WiroApiError' && 'endpoint' in error)
  );
}

/** `true` when `error` is the rejection of an aborted request (`DOMException` named `AbortError`). */
export function isAbortError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'AbortError';
}
