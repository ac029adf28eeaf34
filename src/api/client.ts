import { badResponse, fileName, requireString, throwIt } from './args.js';
import { WiroApiError, isAbortError } from './errors.js';
import type { WiroEndpoint } from './errors.js';
import { createTaskMethods } from './task-client.js';
import { startDeadline } from './deadline.js';
import {
  isJsonObject,
  parseErrors,
  parseHistoryPage,
  parseMessageRecord,
  parseSendResult,
  parseSessions,
} from './normalize.js';
import { createScrubber } from './scrub.js';
import type { Scrubber } from './scrub.js';
import { signWiroRequest } from './sign.js';
import type {
  AgentApi,
  AgentEndpoint,
  DeleteSessionParams,
  HistoryParams,
  MessageRef,
  AgentRequestOptions,
  SendParams,
  SessionsParams,
} from './types.js';

/** Wiro's public REST API. */
export const DEFAULT_WIRO_API_URL = 'https://api.wiro.ai/v1';

/** A `fetch`-compatible function (the global one, a mock, or one with custom agents). */
export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

/** Extra request headers: fixed, or computed per request (e.g. a fresh session token for your proxy). */
export type AgentApiHeaders = Record<string, string> | (() => Record<string, string> | Promise<Record<string, string>>);

/** One REST call: POST `body` to `path` under the base URL; the checked response body, or a {@link WiroApiError}. */
export type ApiCall = (
  endpoint: WiroEndpoint,
  path: string,
  body: Record<string, unknown> | FormData,
  requestOptions: AgentRequestOptions | undefined,
) => Promise<Record<string, unknown>>;

/** Options of {@link createAgentApi}. */
export interface AgentApiOptions {
  /**
   * Where `/UserAgent/Message/<Name>`, `/Run/…` and `/Task/…` live. Default `https://api.wiro.ai/v1`. In a browser, point it at
   * your own `createAgentProxy` route (e.g. `"/api/wiro"`), which holds the key and signs upstream.
   */
  baseUrl?: string;
  /** Wiro project API key. Server-side only: in a browser it is visible to every visitor. */
  apiKey?: string;
  /** Wiro project API secret, for signature authentication. Server-side only. */
  apiSecret?: string;
  /** Default agent for `send`, `history`, `sessions` and `deleteSession`. */
  useragentguid?: string;
  /** Replaces the global `fetch` (read at call time, so msw and test doubles apply). */
  fetch?: FetchLike;
  /** Sent with every request; the authentication headers win over these. */
  headers?: AgentApiHeaders;
  /** Whole-request deadline in milliseconds (until the body is read). Default 30000; `0` disables it. */
  timeoutMs?: number;
}

let warnedAboutBrowserKey = false;

function isBrowser(): boolean {
  return typeof window !== 'undefined' && typeof document !== 'undefined';
}

/**
 * A typed client for Wiro's agent messaging endpoints and model runs.
 *
 * The agent methods POST to `${baseUrl}/UserAgent/Message/<Name>`; `run` to `${baseUrl}/Run/<owner>/<model>`,
 * and `taskDetail`, `cancelTask`, `killTask` to `${baseUrl}/Task/<Detail|Cancel|Kill>`. Each resolves to
 * the documented result, normalised (numbers sent as strings are parsed); failures reject with a
 * {@link WiroApiError}, a user abort with the `AbortError`, and invalid arguments throw a `TypeError`
 * before any request is made. Through a proxy, the model-run calls need `createTaskProxy` mounted
 * beside `createAgentProxy` (see `wiro-agent-react/server`).
 *
 * @example
 * // Browser: talk to your own proxy; the key stays on the server.
 * const api = createAgentApi({ baseUrl: '/api/wiro' });
 * const { agenttoken } = await api.send({ message: 'Hello' });
 * const { tasktoken } = await api.run('wiro/image-model', { prompt: 'a lighthouse at dusk' });
 */
export function createAgentApi(options: AgentApiOptions = {}): AgentApi {
  const baseUrl = (options.baseUrl ?? DEFAULT_WIRO_API_URL).replace(/\/+$/, '');
  const { apiKey, apiSecret } = options;
  const timeoutMs = options.timeoutMs ?? 30_000;
  if (apiKey !== undefined && (typeof apiKey !== 'string' || apiKey === '')) {
    throw new TypeError('createAgentApi: apiKey must be a non-empty string when given');
  }
  if (apiSecret !== undefined && apiKey === undefined) {
    throw new TypeError('createAgentApi: apiSecret needs an apiKey');
  }
  if (apiKey !== undefined && isBrowser() && !warnedAboutBrowserKey) {
    warnedAboutBrowserKey = true;
    console.warn(
      '[wiro-agent-react] createAgentApi was given an apiKey in a browser: every visitor can read it. ' +
        "Use createAgentProxy from 'wiro-agent-react/server' and point baseUrl at it instead.",
    );
  }
  const scrub = createScrubber([apiKey, apiSecret].filter((v): v is string => typeof v === 'string'));

  function resolveGuid(method: string, given: unknown): string | undefined {
    const guid = given ?? options.useragentguid;
    if (guid === undefined) {
      // Through a proxy the browser need not know the agent: the proxy injects it.
      if (apiKey === undefined) return undefined;
      throw new TypeError(`${method}: useragentguid is required (pass it to the call or to createAgentApi)`);
    }
    return requireString(method, 'useragentguid', guid);
  }

  async function buildHeaders(json: boolean): Promise<Headers> {
    const extra = typeof options.headers === 'function' ? await options.headers() : options.headers;
    const headers = new Headers(extra);
    headers.set('accept', 'application/json');
    // Multipart bodies get their content-type (with the boundary) from fetch itself.
    if (json) headers.set('content-type', 'application/json');
    else headers.delete('content-type');
    if (apiKey !== undefined) {
      for (const [name, value] of Object.entries<string>({ ...(await signWiroRequest(apiKey, apiSecret)) })) {
        headers.set(name, value);
      }
    }
    return headers;
  }

  const call: ApiCall = async (endpoint, path, body, requestOptions) => {
    const userSignal = requestOptions?.signal;
    if (userSignal?.aborted) throw toAbortError(userSignal);
    const deadline = startDeadline(timeoutMs, userSignal);

    const fail = (error: unknown): unknown => {
      if (deadline.timedOut) {
        return new WiroApiError(`Wiro ${endpoint} timed out after ${timeoutMs} ms`, {
          code: 'timeout',
          endpoint,
          status: null,
        });
      }
      if (userSignal?.aborted) return toAbortError(userSignal);
      if (isAbortError(error)) return error;
      const detail = error instanceof Error ? scrub.text(error.message) : 'unknown error';
      return new WiroApiError(`Wiro ${endpoint} request failed (network): ${detail}`, {
        code: 'network',
        endpoint,
        status: null,
        cause: error,
      });
    };

    try {
      const isForm = body instanceof FormData;
      const init: RequestInit = {
        method: 'POST',
        headers: await buildHeaders(!isForm),
        body: isForm ? body : JSON.stringify(body),
        signal: deadline.signal,
      };
      // A local binding, never `options.fetch(...)`: browsers reject fetch called on a foreign `this`.
      const doFetch: FetchLike = options.fetch ?? ((input, requestInit) => globalThis.fetch(input, requestInit));
      let response: Response;
      let text: string;
      try {
        // Signing is async: an abort or timeout during it must not depend on the fetch noticing.
        if (deadline.signal.aborted) throw new DOMException('The operation was aborted.', 'AbortError');
        response = await doFetch(`${baseUrl}${path}`, init);
        text = await response.text();
      } catch (error) {
        throw fail(error);
      }
      return interpret(endpoint, response, text, scrub);
    } finally {
      deadline.dispose();
    }
  };
  const message = (
    endpoint: AgentEndpoint,
    body: Record<string, unknown> | FormData,
    requestOptions: AgentRequestOptions | undefined,
  ) => call(endpoint, `/UserAgent/Message/${endpoint}`, body, requestOptions);

  return {
    ...createTaskMethods(call),
    async send(params: SendParams, requestOptions?: AgentRequestOptions) {
      const method = 'send';
      if (!isJsonObject(params)) throw new TypeError(`${method}: expected a params object`);
      const useragentguid = resolveGuid(method, params.useragentguid);
      const attachments = params.attachments ?? [];
      if (!Array.isArray(attachments) || !attachments.every((file) => file instanceof Blob)) {
        throw new TypeError(`${method}: attachments must be an array of File or Blob`);
      }
      if (params.message !== undefined && typeof params.message !== 'string') {
        throw new TypeError(`${method}: message must be a string`);
      }
      if ((params.message === undefined || params.message === '') && attachments.length === 0) {
        throw new TypeError(`${method}: message is required unless attachments are given`);
      }
      const fields: Record<string, string> = {};
      if (useragentguid !== undefined) fields.useragentguid = useragentguid;
      if (params.message !== undefined) fields.message = params.message;
      if (params.sessionkey !== undefined) fields.sessionkey = requireString(method, 'sessionkey', params.sessionkey);
      if (params.callbackurl !== undefined) {
        fields.callbackurl = requireString(method, 'callbackurl', params.callbackurl);
      }
      let body: Record<string, unknown> | FormData = fields;
      if (attachments.length > 0) {
        const form = new FormData();
        for (const [name, value] of Object.entries(fields)) form.append(name, value);
        for (const file of attachments) form.append('attachments[]', file, fileName(file));
        body = form;
      }
      const response = await message('Send', body, requestOptions);
      return parseSendResult(response) ?? throwIt(badResponse('Send', 200, 'no messageguid/agenttoken'));
    },

    async detail(ref: MessageRef, requestOptions?: AgentRequestOptions) {
      const response = await message('Detail', messageRefBody('detail', ref), requestOptions);
      return parseMessageRecord(response.data) ?? throwIt(badResponse('Detail', 200, 'no readable data'));
    },

    async history(params: HistoryParams = {}, requestOptions?: AgentRequestOptions) {
      const method = 'history';
      if (!isJsonObject(params)) throw new TypeError(`${method}: expected a params object`);
      const body: Record<string, unknown> = {};
      const useragentguid = resolveGuid(method, params.useragentguid);
      if (useragentguid !== undefined) body.useragentguid = useragentguid;
      if (params.sessionkey !== undefined) body.sessionkey = requireString(method, 'sessionkey', params.sessionkey);
      const limit: unknown = params.limit;
      if (limit !== undefined) {
        if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1) {
          throw new TypeError(`${method}: limit must be a positive integer`);
        }
        body.limit = limit;
      }
      if (params.before !== undefined) body.before = requireString(method, 'before', params.before);
      const response = await message('History', body, requestOptions);
      return parseHistoryPage(response.data) ?? throwIt(badResponse('History', 200, 'no messages array'));
    },

    async sessions(params: SessionsParams = {}, requestOptions?: AgentRequestOptions) {
      if (!isJsonObject(params)) throw new TypeError('sessions: expected a params object');
      const useragentguid = resolveGuid('sessions', params.useragentguid);
      const response = await message('Sessions', useragentguid === undefined ? {} : { useragentguid }, requestOptions);
      return parseSessions(response.data) ?? throwIt(badResponse('Sessions', 200, 'no sessions array'));
    },

    async deleteSession(params: DeleteSessionParams, requestOptions?: AgentRequestOptions) {
      const method = 'deleteSession';
      if (!isJsonObject(params)) throw new TypeError(`${method}: expected a params object`);
      const useragentguid = resolveGuid(method, params.useragentguid);
      const sessionkey = requireString(method, 'sessionkey', params.sessionkey);
      await message(
        'DeleteSession',
        useragentguid === undefined ? { sessionkey } : { useragentguid, sessionkey },
        requestOptions,
      );
    },

    async cancel(ref: MessageRef, requestOptions?: AgentRequestOptions) {
      await message('Cancel', messageRefBody('cancel', ref), requestOptions);
    },
  };
}

/** Check a status and body against the documented envelope; returns the body object. */
function interpret(endpoint: WiroEndpoint, response: Response, text: string, scrub: Scrubber): Record<string, unknown> {
  let body: unknown;
  try {
    body = JSON.parse(text) as unknown;
  } catch {
    body = undefined;
  }
  const errors = isJsonObject(body)
    ? parseErrors(body.errors).map((e) => ({ ...e, message: scrub.text(e.message) }))
    : [];
  const first = errors.find((e) => e.message !== '')?.message;
  if (!response.ok) {
    const reason = first ?? (body === undefined ? 'non-JSON body' : 'no error message');
    return throwIt(
      new WiroApiError(`Wiro ${endpoint} failed with HTTP ${response.status}: ${reason}`, {
        code: 'http',
        endpoint,
        status: response.status,
        errors,
      }),
    );
  }
  if (!isJsonObject(body)) {
    return throwIt(
      new WiroApiError(`Wiro ${endpoint} returned a non-JSON response (HTTP ${response.status})`, {
        code: 'bad_response',
        endpoint,
        status: response.status,
      }),
    );
  }
  if (body.result === false) {
    return throwIt(
      new WiroApiError(`Wiro ${endpoint} failed: ${first ?? 'result: false without an error message'}`, {
        code: 'api',
        endpoint,
        status: response.status,
        errors,
      }),
    );
  }
  return body;
}

function messageRefBody(method: string, ref: MessageRef): Record<string, string> {
  if (!isJsonObject(ref)) throw new TypeError(`${method}: expected { messageguid } or { agenttoken }`);
  const body: Record<string, string> = {};
  if (ref.messageguid !== undefined) body.messageguid = requireString(method, 'messageguid', ref.messageguid);
  if (ref.agenttoken !== undefined) body.agenttoken = requireString(method, 'agenttoken', ref.agenttoken);
  if (Object.keys(body).length === 0) throw new TypeError(`${method}: either messageguid or agenttoken is required`);
  return body;
}

function toAbortError(signal: AbortSignal): unknown {
  return isAbortError(signal.reason) ? signal.reason : new DOMException('The operation was aborted.', 'AbortError');
}
