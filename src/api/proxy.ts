/**
 * `createAgentProxy`: the server-side handler that forwards a browser's agent messaging calls to Wiro.
 * @packageDocumentation
 */
import { isJsonObject } from './normalize.js';
import { credentialOption, requireOption } from './proxy-config.js';
import { checkAgent, pickFields } from './proxy-fields.js';
import type { UpstreamFields } from './proxy-fields.js';
import { ProxyRefusal } from './proxy-http.js';
import type { MultipartFile } from './proxy-http.js';
import { createProxyRuntime } from './proxy-runtime.js';
import type { ProxyBaseOptions } from './proxy-runtime.js';
import { bindSession, detailInBinding, filterSessions } from './proxy-session.js';
import type { SessionBinding } from './proxy-session.js';
import { AGENT_ENDPOINTS } from './types.js';
import type { AgentEndpoint } from './types.js';

export type { AgentProxyCors } from './proxy-cors.js';
export type { ProxyBaseOptions, ProxyErrorContext } from './proxy-runtime.js';

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
 * binds the call to that one session; `{ sessionPrefix }` allows and binds it to every session key
 * starting with that prefix (see {@link AgentProxyOptions.authorize}). Returning both is an error (500).
 */
export type AuthorizeResult = void | boolean | { sessionkey?: string; sessionPrefix?: string };

/** Your access check, run for every call after the body is read and checked. */
export type AgentProxyAuthorize = (
  request: Request,
  context: AuthorizeContext,
) => AuthorizeResult | Promise<AuthorizeResult>;

/** Options of {@link createAgentProxy}. */
export interface AgentProxyOptions extends ProxyBaseOptions {
  /**
   * The one agent this proxy serves; injected into every call that names an agent. Checked at the
   * first request, not at set-up.
   */
  useragentguid: string;
  /** Endpoints forwarded. Default: all but `DeleteSession` (destructive, opt in). */
  allow?: readonly AgentEndpoint[];
  /**
   * Reject calls, or bind them to the caller's sessions; see {@link AgentProxyAuthorize}.
   *
   * With `{ sessionkey }`: Send, History and DeleteSession use that session whatever the body says;
   * Sessions lists only it; Detail and Cancel answer only for a message of it.
   *
   * With `{ sessionPrefix: 'user-42:' }` (a namespace, for a user with several conversations): Send,
   * History and DeleteSession accept only keys starting with the prefix (403 `session_not_allowed`
   * otherwise, a missing key included, and nothing is sent upstream); Sessions lists only those keys;
   * Detail and Cancel answer only for a message whose session has the prefix (404 otherwise).
   *
   * Under either binding, Detail and Cancel first look the message up (an upstream Detail with one
   * identifier) and check its session; when both `messageguid` and `agenttoken` are given they must
   * name the same message (404 otherwise), so a Cancel can never reach a message that was not checked.
   * A `result: false` from that lookup, or a message outside the binding, gives the same generic 404
   * `not_found`, so nothing of another session's message (not even whether it exists) passes through;
   * a bound call's other `result: false` answers are relayed as `{ result: false, errors }` only.
   */
  authorize?: AgentProxyAuthorize;
  /** Largest multipart Send (message + attachments), in bytes. Default 20 MiB. */
  maxMultipartBytes?: number;
  /**
   * The path the endpoints live under, e.g. `"/api/wiro/UserAgent/Message"`. When set, any other
   * path is a 404; when not, only the last path segment is looked at.
   */
  basePath?: string;
  /** Webhook URL set on every Send. A browser's own `callbackurl` is always dropped. */
  callbackurl?: string;
}

const DEFAULT_ALLOW: readonly AgentEndpoint[] = ['Send', 'Detail', 'History', 'Sessions', 'Cancel'];
const ATTACHMENT_FIELDS: ReadonlySet<string> = /* @__PURE__ */ new Set(['attachments[]', 'attachments', 'attachment']);

/**
 * A server-side fetch handler that forwards the agent messaging calls of a browser to Wiro, holding
 * the API key and secret and signing every upstream request.
 *
 * What it guarantees:
 * - The key and secret never reach the caller, in any form that decodes to them: what is sent is
 *   Wiro's answer parsed and re-serialised, and the final text is searched for each credential written
 *   as is, JSON-escaped any way (`wk\/live`, `\u0077…`, `\u003C`, mixed), escaped twice, or
 *   percent-encoded. A find is removed from the decoded strings (and numbers) and the answer
 *   re-serialised, so the JSON is never corrupted; should a credential still span JSON structure the
 *   answer is withheld (502). Upstream headers are not forwarded; every header sent and every refusal
 *   message is checked the same way; errors given to `onError` or the log are scrubbed copies.
 * - Only POSTs to the endpoints in `allow` are forwarded, and only their documented fields
 *   (`callbackurl` is set by the server only). Incoming credentials, cookies and other headers are not
 *   forwarded.
 * - Every call that names an agent is bound to `useragentguid`: a body naming another is refused (403).
 * - Sessions are held to what `authorize` returns: one key or a prefix (see {@link AgentProxyOptions.authorize}).
 * - Bounded memory: request bodies are capped (`maxBodyBytes`, `maxMultipartBytes`, 413) and so are
 *   Wiro's answers (`maxResponseBytes`, 502), both checked by declared length and while reading.
 *
 * What it cannot guarantee:
 * - Detail and Cancel take only a `messageguid`/`agenttoken` (nothing else is forwarded). Wiro's Detail
 *   does not report a message's agent, so a message of ANOTHER agent of the same Wiro project is
 *   reachable by whoever holds its GUID or agenttoken (agenttokens are unguessable secrets; GUIDs are
 *   not meant to be). Use one Wiro project per app to rule this out.
 * - Without a session binding, all browser users share your Wiro account: any of them can read or
 *   continue any session key they name. Bind sessions in `authorize` for multi-user apps.
 *
 * Set-up never throws for the credentials or the agent (they usually come from environment
 * variables, unset while `next build` imports route modules): a missing or empty `apiKey` or
 * `useragentguid`, an empty `apiSecret`, or a key or secret shorter than 8 characters (too short to
 * scrub without mangling answers) makes every request answer 500
 * `{ result: false, errors: [{ code: 'proxy_not_configured', message }] }` naming what is wrong (never
 * a value), logged once through `onError` (stage `config`) or the default logger. It throws only for
 * options that are wrong in code and could never work at run time either: an unknown endpoint in
 * `allow`, and `cors` with `origin: '*'` and `credentials: true`.
 *
 * Responses: forwarded calls answer with Wiro's status and JSON body; refusals with
 * `{ result: false, errors: [{ code, message }] }` and 400 (bad body), 403, 404 (unknown, not allowed,
 * or out-of-session), 405, 413, 415, 500 (`authorize` threw, or `proxy_not_configured`), 502 (upstream
 * unreachable, not JSON, or over `maxResponseBytes`) or 504 (upstream timeout).
 *
 * Model runs (`/Run`, `/Task/*`) are not forwarded here: mount {@link createTaskProxy} for them.
 *
 * @example
 * // app/api/wiro/[...path]/route.ts (Next.js)
 * export const POST = createAgentProxy({
 *   apiKey: process.env.WIRO_API_KEY!, apiSecret: process.env.WIRO_API_SECRET,
 *   useragentguid: process.env.WIRO_AGENT!,
 *   authorize: async (req) => { const user = await getUser(req); return user ? { sessionPrefix: `user-${user.id}:` } : false; },
 * });
 * // Browser: createAgentApi({ baseUrl: '/api/wiro' })
 */
export function createAgentProxy(options: AgentProxyOptions): FetchHandler {
  const { useragentguid } = options;
  const allow = new Set(options.allow ?? DEFAULT_ALLOW);
  for (const name of allow) {
    if (!AGENT_ENDPOINTS.includes(name))
      throw new TypeError(`createAgentProxy: unknown endpoint in allow: ${String(name)}`);
  }
  const problems: string[] = [];
  credentialOption(problems, 'apiKey', options.apiKey, true);
  credentialOption(problems, 'apiSecret', options.apiSecret, false);
  requireOption(problems, 'useragentguid', useragentguid);
  const runtime = createProxyRuntime('createAgentProxy', options, problems);
  const basePath = runtime.basePath;

  function endpointOf(request: Request): AgentEndpoint {
    const path = new URL(request.url).pathname.replace(/\/+$/, '');
    if (basePath === undefined && /\/(?:Run\/[^/]+\/[^/]+|Task\/(?:Detail|Cancel|Kill))$/.test(path)) {
      throw new ProxyRefusal(404, 'unknown_endpoint', 'No such endpoint: model runs go through createTaskProxy.');
    }
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

  const authorizeFailed = (): ProxyRefusal =>
    new ProxyRefusal(500, 'internal_error', 'The request could not be authorised.');

  async function runAuthorize(
    request: Request,
    endpoint: AgentEndpoint,
    body: Record<string, unknown>,
  ): Promise<SessionBinding | undefined> {
    if (options.authorize === undefined) return undefined;
    let verdict: AuthorizeResult;
    try {
      verdict = await options.authorize(request, { endpoint, body: Object.freeze({ ...body }) });
    } catch (error) {
      runtime.report(error, { endpoint, stage: 'authorize' });
      throw authorizeFailed();
    }
    if (verdict === false) throw new ProxyRefusal(403, 'forbidden', 'Not allowed.');
    if (typeof verdict !== 'object' || verdict === null) return undefined;
    const { sessionkey, sessionPrefix } = verdict;
    const wrong = (what: string): ProxyRefusal => {
      runtime.report(new TypeError(`authorize() returned ${what}`), { endpoint, stage: 'authorize' });
      return authorizeFailed();
    };
    if (sessionkey !== undefined && sessionPrefix !== undefined) throw wrong('both a sessionkey and a sessionPrefix');
    if (sessionkey !== undefined) {
      if (typeof sessionkey !== 'string' || sessionkey === '')
        throw wrong('a sessionkey that is not a non-empty string');
      return { sessionkey };
    }
    if (sessionPrefix !== undefined) {
      if (typeof sessionPrefix !== 'string' || sessionPrefix === '') {
        throw wrong('a sessionPrefix that is not a non-empty string');
      }
      return { sessionPrefix };
    }
    return undefined;
  }

  const forward = (
    endpoint: AgentEndpoint,
    fields: UpstreamFields,
    files: readonly MultipartFile[],
    signal: AbortSignal,
  ): Promise<{ status: number; body: Record<string, unknown> }> =>
    runtime.forward(endpoint, `/UserAgent/Message/${endpoint}`, { fields, files }, signal);

  const notInSession = (): ProxyRefusal => new ProxyRefusal(404, 'not_found', 'No such message in this session.');

  /** Detail or Cancel under a binding: look the message up by one identifier, check it, then act. */
  async function boundMessageCall(
    endpoint: 'Detail' | 'Cancel',
    fields: UpstreamFields,
    binding: SessionBinding,
    request: Request,
    cors: Record<string, string>,
  ): Promise<Response> {
    const { messageguid, agenttoken } = fields;
    // One identifier only: Wiro's choice between two is not documented, and the check must be about
    // exactly the message acted on. The agenttoken (a secret) is preferred; the answer names the GUID.
    const lookup: UpstreamFields = agenttoken !== undefined ? { agenttoken } : { messageguid: String(messageguid) };
    const check = await forward('Detail', lookup, [], request.signal);
    const data = check.body.data;
    if (check.body.result === false || !detailInBinding(check.body, binding)) throw notInSession();
    if (messageguid !== undefined && agenttoken !== undefined && (!isJsonObject(data) || data.guid !== messageguid)) {
      throw notInSession();
    }
    if (endpoint === 'Detail') return runtime.answer(check.status, check.body, cors);
    // Both identifiers (when given) now name the message just checked.
    const cancel = await forward('Cancel', fields, [], request.signal);
    return runtime.answer(cancel.status, errorsOnly(cancel.body), cors);
  }

  async function handle(request: Request, cors: Record<string, string>): Promise<Response> {
    const endpoint = endpointOf(request);
    const { body, files } = await runtime.readBody(request, endpoint, endpoint === 'Send');
    const attachments = files
      .filter((part) => ATTACHMENT_FIELDS.has(part.field))
      .map((part) => ({ field: 'attachments[]', file: part.file }));
    checkAgent(body, useragentguid);
    const fields = pickFields(endpoint, body, useragentguid, attachments.length);
    const binding = await runAuthorize(request, endpoint, body);
    bindSession(endpoint, fields, binding);
    if (endpoint === 'Send' && options.callbackurl !== undefined) fields.callbackurl = options.callbackurl;

    if (binding !== undefined && (endpoint === 'Detail' || endpoint === 'Cancel')) {
      return boundMessageCall(endpoint, fields, binding, request, cors);
    }
    const answer = await forward(endpoint, fields, attachments, request.signal);
    if (binding === undefined) return runtime.answer(answer.status, answer.body, cors);
    if (answer.body.result === false) return runtime.answer(answer.status, errorsOnly(answer.body), cors);
    if (endpoint === 'Sessions') filterSessions(answer.body, binding);
    return runtime.answer(answer.status, answer.body, cors);
  }

  return function agentProxy(request: Request): Promise<Response> {
    return runtime.serve(request, handle);
  };
}

/** A `result: false` answer cut down to its envelope; other answers as they are. */
function errorsOnly(body: Record<string, unknown>): Record<string, unknown> {
  if (body.result !== false) return body;
  return { result: false, errors: Array.isArray(body.errors) ? body.errors : [] };
}
