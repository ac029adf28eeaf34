import type { FetchLike } from './client.js';
import { startDeadline } from './deadline.js';
import { DEFAULT_WIRO_API_URL } from './client.js';
import { isJsonObject } from './normalize.js';
import { bindSession, checkAgent, pickFields } from './proxy-fields.js';
import type { UpstreamFields } from './proxy-fields.js';
import {
  ProxyRefusal,
  jsonResponse,
  parseJsonObject,
  parseMultipart,
  readBodyCapped,
  refusalResponse,
} from './proxy-http.js';
import { createScrubber } from './scrub.js';
import { signWiroRequest } from './sign.js';
import { AGENT_ENDPOINTS } from './types.js';
import type { AgentEndpoint } from './types.js';

/** A standard fetch handler: Next.js route handlers, Hono, Deno, Bun, or Node through `toNodeHandler`. */
export type FetchHandler = (request: Request) => Promise<Response>;

/** What `authorize` learns about the call it decides on. */
export interface AuthorizeContext {
  endpoint: AgentEndpoint;
  /**
   * The caller's body (parsed JSON, or the text fields of a multipart Send), before the proxy drops
   * undocumented fields and binds the agent. Read it; changes are ignored.
   */
  body: Readonly<Record<string, unknown>>;
}

/**
 * `authorize`'s verdict: `false` refuses (403); `undefined` or `true` allows; `{ sessionkey }` allows and
 * binds the call to that session (see {@link AgentProxyOptions.authorize}).
 */
export type AuthorizeResult = void | boolean | { sessionkey?: string };

/** Your access check, run for every call after the body is read and checked. */
export type AgentProxyAuthorize = (
  request: Request,
  context: AuthorizeContext,
) => AuthorizeResult | Promise<AuthorizeResult>;

/** Cross-origin access. Without it, cross-site browser requests are refused. */
export interface AgentProxyCors {
  /** Allowed origins (`"https://app.example.com"`), or a predicate. `"*"` allows any (not with credentials). */
  origin: string | readonly string[] | ((origin: string) => boolean);
  /** Let browsers send cookies (`Access-Control-Allow-Credentials`). */
  credentials?: boolean;
  /** Request headers a browser may send besides `content-type`, e.g. `["authorization"]`. */
  allowHeaders?: readonly string[];
  /** How long a browser may cache a preflight, in seconds. Default 600. */
  maxAgeSeconds?: number;
}

/** Where a failure the proxy logs happened. */
export interface ProxyErrorContext {
  endpoint: AgentEndpoint | null;
  stage: 'authorize' | 'upstream' | 'internal';
}

/** Options of {@link createAgentProxy}. */
export interface AgentProxyOptions {
  /** Wiro project API key. Stays on the server. */
  apiKey: string;
  /** Wiro project API secret, for signature authentication (recommended). */
  apiSecret?: string;
  /** The one agent this proxy serves; injected into every call that names an agent. */
  useragentguid: string;
  /** Endpoints forwarded. Default: all but `DeleteSession` (destructive, opt in). */
  allow?: readonly AgentEndpoint[];
  /** Reject calls or bind them to a session; see {@link AgentProxyAuthorize}. */
  authorize?: AgentProxyAuthorize;
  /** Wiro's REST base URL. Default `https://api.wiro.ai/v1`. */
  upstream?: string;
  /** Replaces the global `fetch` for upstream calls. */
  fetch?: FetchLike;
  /** Largest JSON body accepted, in bytes. Default 1 000 000. */
  maxBodyBytes?: number;
  /** Largest multipart Send (message + attachments), in bytes. Default 20 MiB. */
  maxMultipartBytes?: number;
  /**
   * The path the endpoints live under, e.g. `"/api/wiro/UserAgent/Message"`. When set, any other
   * path is a 404; when not, only the last path segment is looked at.
   */
  basePath?: string;
  /** Deadline of each upstream call in milliseconds (504 after it). Default 30000; `0` disables it. */
  timeoutMs?: number;
  /** Webhook URL set on every Send. A browser's own `callbackurl` is always dropped. */
  callbackurl?: string;
  /** Cross-origin access; also enables answering `OPTIONS` preflights. */
  cors?: AgentProxyCors;
  /**
   * Told about unexpected failures (a throwing `authorize`, an unreachable upstream). Default: one
   * `console.error` line with the error's name and message, credentials scrubbed.
   */
  onError?: (error: unknown, context: ProxyErrorContext) => void;
}

const DEFAULT_ALLOW: readonly AgentEndpoint[] = ['Send', 'Detail', 'History', 'Sessions', 'Cancel'];
const MIB = 1024 * 1024;

/**
 * A server-side fetch handler that forwards the agent messaging calls of a browser to Wiro, holding
 * the API key and secret and signing every upstream request.
 *
 * What it guarantees:
 * - The key and secret never reach the caller: upstream responses are re-serialised with every
 *   occurrence of either replaced, upstream headers are not forwarded, and no refusal mentions them.
 * - Only POSTs to the endpoints in `allow` are forwarded, and only their documented fields
 *   (`callbackurl` is set by the server only). Incoming credentials, cookies and other headers are not
 *   forwarded.
 * - Every call that names an agent is bound to `useragentguid`: a body naming another is refused (403).
 * - With `authorize` returning `{ sessionkey }`: Send, History and DeleteSession use that session whatever
 *   the body says; Sessions lists only it; Detail answers only for a message of that session, and
 *   Cancel first checks the message's session through an upstream Detail (a 404 otherwise).
 *
 * What it cannot guarantee:
 * - Detail and Cancel take only a `messageguid`/`agenttoken` (nothing else is forwarded). Wiro's Detail
 *   does not report a message's agent, so a message of ANOTHER agent of the same Wiro project is
 *   reachable by whoever holds its GUID or agenttoken (agenttokens are unguessable secrets; GUIDs are
 *   not meant to be). Use one Wiro project per app to rule this out.
 * - Without a session binding, all browser users share your Wiro account: any of them can read or
 *   continue any session key they name. Bind sessions in `authorize` for multi-user apps.
 *
 * Responses: forwarded calls answer with Wiro's status and JSON body; refusals with
 * `{ result: false, errors: [{ code, message }] }` and 400 (bad body), 403, 404 (unknown, not allowed,
 * or out-of-session), 405, 413, 415, 500 (`authorize` threw), 502 (upstream unreachable or not JSON)
 * or 504 (upstream timeout).
 *
 * @example
 * // app/api/wiro/[...path]/route.ts (Next.js)
 * export const POST = createAgentProxy({
 *   apiKey: process.env.WIRO_API_KEY!, apiSecret: process.env.WIRO_API_SECRET,
 *   useragentguid: process.env.WIRO_AGENT!,
 *   authorize: async (req) => { const user = await getUser(req); return user ? { sessionkey: `user-${user.id}` } : false; },
 * });
 * // Browser: createAgentApi({ baseUrl: '/api/wiro' })
 */
export function createAgentProxy(options: AgentProxyOptions): FetchHandler {
  const { apiKey, apiSecret, useragentguid } = options;
  if (typeof apiKey !== 'string' || apiKey === '') throw new TypeError('createAgentProxy: apiKey is required');
  if (typeof useragentguid !== 'string' || useragentguid === '') {
    throw new TypeError('createAgentProxy: useragentguid is required');
  }
  const allow = new Set(options.allow ?? DEFAULT_ALLOW);
  for (const name of allow) {
    if (!AGENT_ENDPOINTS.includes(name))
      throw new TypeError(`createAgentProxy: unknown endpoint in allow: ${String(name)}`);
  }
  const upstream = (options.upstream ?? DEFAULT_WIRO_API_URL).replace(/\/+$/, '');
  const maxBodyBytes = options.maxBodyBytes ?? 1_000_000;
  const maxMultipartBytes = options.maxMultipartBytes ?? 20 * MIB;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const basePath = options.basePath?.replace(/\/+$/, '');
  const scrub = createScrubber([apiKey, apiSecret]);
  const report =
    options.onError ??
    ((error: unknown, context: ProxyErrorContext) => {
      const what = error instanceof Error ? `${error.name}: ${error.message}` : typeof error;
      console.error(
        `[wiro-agent-react/server] ${context.stage} failure on ${context.endpoint ?? 'request'}: ${scrub(what)}`,
      );
    });
  const safeReport = (error: unknown, context: ProxyErrorContext): void => {
    try {
      report(error, context);
    } catch {
      // A broken logger must not turn a clean error response into a crash.
    }
  };

  function endpointOf(request: Request): AgentEndpoint {
    const path = new URL(request.url).pathname.replace(/\/+$/, '');
    const last = path.slice(path.lastIndexOf('/') + 1);
    const known = AGENT_ENDPOINTS.find((name) => name === last);
    if (known === undefined || (basePath !== undefined && path !== `${basePath}/${known}`)) {
      throw new ProxyRefusal(404, 'unknown_endpoint', 'No such endpoint.');
    }
    if (!allow.has(known)) {
      throw new ProxyRefusal(404, 'endpoint_not_allowed', `Endpoint ${known} is not enabled on this proxy.`);
    }
    return known;
  }

  async function readBody(
    request: Request,
    endpoint: AgentEndpoint,
  ): Promise<{ body: Record<string, unknown>; files: File[] }> {
    const contentType = request.headers.get('content-type') ?? '';
    const mediaType = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
    if (mediaType === 'multipart/form-data') {
      if (endpoint !== 'Send') {
        throw new ProxyRefusal(415, 'unsupported_media_type', `${endpoint} takes a JSON body.`);
      }
      const parsed = await parseMultipart(await readBodyCapped(request, maxMultipartBytes), contentType);
      return { body: parsed.fields, files: parsed.files };
    }
    if (mediaType !== '' && mediaType !== 'application/json') {
      throw new ProxyRefusal(415, 'unsupported_media_type', 'Send application/json (or multipart/form-data to Send).');
    }
    return { body: parseJsonObject(await readBodyCapped(request, maxBodyBytes)), files: [] };
  }

  async function runAuthorize(
    request: Request,
    endpoint: AgentEndpoint,
    body: Record<string, unknown>,
  ): Promise<string | undefined> {
    if (options.authorize === undefined) return undefined;
    let verdict: AuthorizeResult;
    try {
      verdict = await options.authorize(request, { endpoint, body: Object.freeze({ ...body }) });
    } catch (error) {
      safeReport(error, { endpoint, stage: 'authorize' });
      throw new ProxyRefusal(500, 'internal_error', 'The request could not be authorised.');
    }
    if (verdict === false) throw new ProxyRefusal(403, 'forbidden', 'Not allowed.');
    if (typeof verdict === 'object' && verdict !== null && verdict.sessionkey !== undefined) {
      if (typeof verdict.sessionkey !== 'string' || verdict.sessionkey === '') {
        safeReport(new TypeError('authorize() returned a sessionkey that is not a non-empty string'), {
          endpoint,
          stage: 'authorize',
        });
        throw new ProxyRefusal(500, 'internal_error', 'The request could not be authorised.');
      }
      return verdict.sessionkey;
    }
    return undefined;
  }

  /** One signed upstream call; resolves to the status and the parsed, scrubbed JSON body. */
  async function forward(
    endpoint: AgentEndpoint,
    fields: UpstreamFields,
    files: readonly File[],
    signal: AbortSignal,
  ): Promise<{ status: number; body: Record<string, unknown> }> {
    const headers = new Headers({ accept: 'application/json' });
    for (const [name, value] of Object.entries<string>({ ...(await signWiroRequest(apiKey, apiSecret)) })) {
      headers.set(name, value);
    }
    let body: string | FormData;
    if (files.length > 0) {
      const form = new FormData();
      for (const [name, value] of Object.entries(fields)) form.append(name, String(value));
      for (const file of files) form.append('attachments[]', file, file.name);
      body = form;
    } else {
      headers.set('content-type', 'application/json');
      body = JSON.stringify(fields);
    }
    // The browser going away (Node adapter, runtimes that abort request.signal) cancels upstream too.
    const deadline = startDeadline(timeoutMs, signal);
    const doFetch: FetchLike = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    let status: number;
    let text: string;
    try {
      const response = await doFetch(`${upstream}/UserAgent/Message/${endpoint}`, {
        method: 'POST',
        headers,
        body,
        signal: deadline.signal,
      });
      status = response.status;
      text = await response.text();
    } catch (error) {
      if (deadline.timedOut)
        throw new ProxyRefusal(504, 'upstream_timeout', `Wiro did not answer within ${timeoutMs} ms.`);
      if (!signal.aborted) safeReport(error, { endpoint, stage: 'upstream' });
      throw new ProxyRefusal(502, 'upstream_unreachable', 'Wiro could not be reached.');
    } finally {
      deadline.dispose();
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(scrub(text)) as unknown;
    } catch {
      parsed = undefined;
    }
    if (!isJsonObject(parsed)) {
      throw new ProxyRefusal(502, 'bad_upstream_response', `Wiro answered HTTP ${status} without a JSON object.`);
    }
    return { status, body: parsed };
  }

  const notInSession = (): ProxyRefusal => new ProxyRefusal(404, 'not_found', 'No such message in this session.');

  /** `true` when a Detail answer describes a message of `sessionkey`; a missing sessionkey fails closed. */
  const inSession = (detail: Record<string, unknown>, sessionkey: string): boolean =>
    isJsonObject(detail.data) && detail.data.sessionkey === sessionkey;

  async function handle(request: Request, cors: Record<string, string>): Promise<Response> {
    const endpoint = endpointOf(request);
    const { body, files } = await readBody(request, endpoint);
    checkAgent(body, useragentguid);
    const fields = pickFields(endpoint, body, useragentguid, files.length);
    const sessionkey = await runAuthorize(request, endpoint, body);
    bindSession(endpoint, fields, sessionkey);
    if (endpoint === 'Send' && options.callbackurl !== undefined) fields.callbackurl = options.callbackurl;

    if (endpoint === 'Cancel' && sessionkey !== undefined) {
      const check = await forward('Detail', fields, [], request.signal);
      if (check.body.result === false) return jsonResponse(check.status, JSON.stringify(check.body), cors);
      if (!inSession(check.body, sessionkey)) throw notInSession();
    }
    const answer = await forward(endpoint, fields, files, request.signal);
    if (sessionkey !== undefined && answer.body.result !== false) {
      if (endpoint === 'Detail' && !inSession(answer.body, sessionkey)) throw notInSession();
      if (endpoint === 'Sessions' && isJsonObject(answer.body.data) && Array.isArray(answer.body.data.sessions)) {
        answer.body.data.sessions = answer.body.data.sessions.filter(
          (row) => isJsonObject(row) && row.sessionkey === sessionkey,
        );
      }
    }
    return jsonResponse(answer.status, JSON.stringify(answer.body), cors);
  }

  return async function agentProxy(request: Request): Promise<Response> {
    let cors: Record<string, string> = {};
    try {
      cors = corsHeaders(request, options.cors);
      const method = request.method.toUpperCase();
      if (method === 'OPTIONS' && options.cors !== undefined) return preflight(request, options.cors, cors);
      if (method !== 'POST') {
        throw new ProxyRefusal(405, 'method_not_allowed', 'Use POST.', {
          allow: options.cors === undefined ? 'POST' : 'POST, OPTIONS',
        });
      }
      refuseCrossSite(request, cors);
      return await handle(request, cors);
    } catch (error) {
      if (error instanceof ProxyRefusal) return refusalResponse(error, cors);
      safeReport(error, { endpoint: null, stage: 'internal' });
      return refusalResponse(new ProxyRefusal(500, 'internal_error', 'Internal error.'), cors);
    }
  };
}

function originAllowed(origin: string, cors: AgentProxyCors): boolean {
  const rule = cors.origin;
  if (typeof rule === 'function') return rule(origin);
  if (rule === '*') return true;
  return typeof rule === 'string' ? rule === origin : rule.includes(origin);
}

/** CORS response headers for an allowed origin; `{}` otherwise. */
function corsHeaders(request: Request, cors: AgentProxyCors | undefined): Record<string, string> {
  const origin = request.headers.get('origin');
  if (cors === undefined || origin === null || !originAllowed(origin, cors)) return {};
  const headers: Record<string, string> = { vary: 'Origin' };
  if (cors.origin === '*' && cors.credentials !== true) headers['access-control-allow-origin'] = '*';
  else headers['access-control-allow-origin'] = origin;
  if (cors.credentials === true) headers['access-control-allow-credentials'] = 'true';
  return headers;
}

function preflight(request: Request, cors: AgentProxyCors, headers: Record<string, string>): Response {
  if (headers['access-control-allow-origin'] === undefined) {
    throw new ProxyRefusal(403, 'origin_not_allowed', 'This origin may not call the proxy.');
  }
  const requested = request.headers.get('access-control-request-method');
  if (requested !== null && requested.toUpperCase() !== 'POST') {
    throw new ProxyRefusal(405, 'method_not_allowed', 'Use POST.', { allow: 'POST, OPTIONS' });
  }
  return new Response(null, {
    status: 204,
    headers: {
      ...headers,
      'access-control-allow-methods': 'POST, OPTIONS',
      'access-control-allow-headers': ['content-type', ...(cors.allowHeaders ?? [])].join(', '),
      'access-control-max-age': String(cors.maxAgeSeconds ?? 600),
    },
  });
}

/**
 * Refuse browser requests from another site unless CORS allows their origin. A multipart POST needs
 * no preflight, so without this any page could make a visitor's browser send (with its cookies).
 * `Sec-Fetch-Site` is set by browsers and cannot be forged by pages; `Origin` covers older ones.
 */
function refuseCrossSite(request: Request, cors: Record<string, string>): void {
  if (cors['access-control-allow-origin'] !== undefined) return;
  const site = request.headers.get('sec-fetch-site');
  const origin = request.headers.get('origin');
  const crossSite =
    site === 'cross-site' || site === 'same-site' || (site === null && origin !== null && !sameOrigin(origin, request));
  if (crossSite) throw new ProxyRefusal(403, 'origin_not_allowed', 'Cross-site requests are not allowed.');
}

function sameOrigin(origin: string, request: Request): boolean {
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    return false;
  }
  // Hosts only, not schemes: behind a TLS-terminating proxy the request URL says http while the page
  // says https; the forwarded host covers proxies that rewrite Host.
  const candidates = [new URL(request.url).host, request.headers.get('host'), request.headers.get('x-forwarded-host')];
  return candidates.includes(host);
}
