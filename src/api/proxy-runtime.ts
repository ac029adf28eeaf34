/**
 * What the agent proxy and the task proxy share: options, the lazy configuration check, CORS and
 * method checks, capped body reading, the signed upstream call with its deadline and size cap, and the
 * scrubbed, re-serialised answer.
 * @packageDocumentation
 */
import type { FetchLike } from './client.js';
import { DEFAULT_WIRO_API_URL } from './client.js';
import { startDeadline } from './deadline.js';
import { isJsonObject } from './normalize.js';
import { checkCors, corsHeaders, preflight, refuseCrossSite } from './proxy-cors.js';
import type { AgentProxyCors } from './proxy-cors.js';
import { createConfigGate } from './proxy-config.js';
import {
  ProxyRefusal,
  jsonResponse,
  parseJsonObject,
  parseMultipart,
  readBodyCapped,
  readStreamCapped,
  refusalResponse,
} from './proxy-http.js';
import type { MultipartFile } from './proxy-http.js';
import { createScrubber } from './scrub.js';
import type { Scrubber } from './scrub.js';
import { signWiroRequest } from './sign.js';
import type { TaskEndpoint } from './task-types.js';
import type { AgentEndpoint } from './types.js';

/** An endpoint either proxy forwards. */
export type ProxyEndpoint = AgentEndpoint | TaskEndpoint;

/** Where a failure the proxy logs happened. */
export interface ProxyErrorContext {
  endpoint: ProxyEndpoint | null;
  /** `config`: the proxy is not configured (reported once, at the first request). */
  stage: 'config' | 'authorize' | 'upstream' | 'internal';
}

/** Options both `createAgentProxy` and `createTaskProxy` take. */
export interface ProxyBaseOptions {
  /**
   * Wiro project API key. Stays on the server. At least 8 characters. Checked at the first request,
   * not at set-up (see the proxy's "Set-up" notes).
   */
  apiKey: string;
  /**
   * Wiro project API secret, for signature authentication (recommended). At least 8 characters when
   * given; leave it out (not `""`) for key-only authentication.
   */
  apiSecret?: string;
  /** Wiro's REST base URL. Default `https://api.wiro.ai/v1`. */
  upstream?: string;
  /** Replaces the global `fetch` for upstream calls. */
  fetch?: FetchLike;
  /** Largest JSON body accepted, in bytes. Default 1 000 000. */
  maxBodyBytes?: number;
  /** Largest multipart body (text fields and files), in bytes. Default 20 MiB. */
  maxMultipartBytes?: number;
  /**
   * Largest upstream answer relayed, in bytes. Default 8 MiB. Checked against the declared
   * `content-length` and counted while reading: beyond it the upstream connection is dropped and the
   * caller gets 502 `upstream_too_large`, so a huge answer never costs more than this in memory.
   */
  maxResponseBytes?: number;
  /**
   * The path the endpoints live under, e.g. `"/api/wiro/UserAgent/Message"`. When set, any other
   * path is a 404.
   */
  basePath?: string;
  /** Deadline of each upstream call (until its body is read), in milliseconds (504 after it). Default 30000; `0` disables it. */
  timeoutMs?: number;
  /** Cross-origin access; also enables answering `OPTIONS` preflights. `'*'` with `credentials` throws at set-up. */
  cors?: AgentProxyCors;
  /**
   * Told about unexpected failures (a throwing `authorize`, an unreachable upstream, a missing key).
   * Default: one `console.error` line with the error's name and message. Either way the error never
   * carries the key or secret: when its message or stack holds one, a copy with them removed is passed.
   */
  onError?: (error: unknown, context: ProxyErrorContext) => void;
}

const MIB = 1024 * 1024;

/** A request body as the proxy read it. */
export interface ReadBody {
  body: Record<string, unknown>;
  files: MultipartFile[];
}

/** What an upstream call sends: JSON fields, or (with files) multipart. */
export interface UpstreamPayload {
  fields: Readonly<Record<string, unknown>>;
  files: readonly MultipartFile[];
}

/** The shared pipeline; see {@link createProxyRuntime}. */
export interface ProxyRuntime {
  readonly scrub: Scrubber;
  readonly basePath: string | undefined;
  report(error: unknown, context: ProxyErrorContext): void;
  /** Read a JSON body, or a multipart one where `multipart` allows it (415 otherwise). */
  readBody(request: Request, endpoint: ProxyEndpoint, multipart: boolean): Promise<ReadBody>;
  /** One signed upstream call to `path` (under the upstream base); the status and parsed JSON object. */
  forward(
    endpoint: ProxyEndpoint,
    path: string,
    payload: UpstreamPayload,
    signal: AbortSignal,
  ): Promise<{ status: number; body: Record<string, unknown> }>;
  /** The answer sent to the caller: `body` re-serialised and scrubbed (fails closed, never corrupts). */
  answer(status: number, body: Record<string, unknown>, cors: Record<string, string>): Response;
  /** Run `handle` behind the configuration, CORS, method and cross-site checks, mapping failures to JSON. */
  serve(
    request: Request,
    handle: (request: Request, cors: Record<string, string>) => Promise<Response>,
  ): Promise<Response>;
}

/**
 * Build the shared pipeline. Throws only for `cors` `'*'` with credentials (see {@link checkCors});
 * `problems` (found by the caller's own lazy checks, e.g. a missing key) make every request a 500
 * `proxy_not_configured`, reported once.
 */
export function createProxyRuntime(
  factory: string,
  options: ProxyBaseOptions,
  problems: readonly string[],
): ProxyRuntime {
  checkCors(options.cors, factory);
  const { apiKey, apiSecret } = options;
  const upstream = (options.upstream ?? DEFAULT_WIRO_API_URL).replace(/\/+$/, '');
  const maxBodyBytes = options.maxBodyBytes ?? 1_000_000;
  const maxMultipartBytes = options.maxMultipartBytes ?? 20 * MIB;
  const maxResponseBytes = options.maxResponseBytes ?? 8 * MIB;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const basePath = options.basePath?.replace(/\/+$/, '');
  // A proxy that is not configured never sends its credentials anywhere, and a too-short one must not
  // be searched for (it would match ordinary text, "s" inside "charset").
  const scrub = createScrubber(
    problems.length > 0 ? [] : [apiKey, apiSecret].filter((v): v is string => typeof v === 'string'),
  );
  const log =
    options.onError ??
    ((error: unknown, context: ProxyErrorContext) => {
      const what = error instanceof Error ? `${error.name}: ${error.message}` : typeof error;
      console.error(`[wiro-agent-react/server] ${context.stage} failure on ${context.endpoint ?? 'request'}: ${what}`);
    });
  const report = (error: unknown, context: ProxyErrorContext): void => {
    try {
      log(scrubError(error, scrub), context);
    } catch {
      // A broken logger must not turn a clean error response into a crash.
    }
  };
  const notConfigured = createConfigGate(problems, (error) => report(error, { endpoint: null, stage: 'config' }));

  async function readBody(request: Request, endpoint: ProxyEndpoint, multipart: boolean): Promise<ReadBody> {
    const contentType = request.headers.get('content-type') ?? '';
    const mediaType = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
    if (mediaType === 'multipart/form-data') {
      if (!multipart) throw new ProxyRefusal(415, 'unsupported_media_type', `${endpoint} takes a JSON body.`);
      const parsed = await parseMultipart(await readBodyCapped(request, maxMultipartBytes), contentType);
      return { body: parsed.fields, files: parsed.files };
    }
    if (mediaType !== '' && mediaType !== 'application/json') {
      throw new ProxyRefusal(
        415,
        'unsupported_media_type',
        multipart ? 'Send application/json or multipart/form-data.' : 'Send application/json.',
      );
    }
    return { body: parseJsonObject(await readBodyCapped(request, maxBodyBytes)), files: [] };
  }

  async function forward(
    endpoint: ProxyEndpoint,
    path: string,
    payload: UpstreamPayload,
    signal: AbortSignal,
  ): Promise<{ status: number; body: Record<string, unknown> }> {
    const headers = new Headers({ accept: 'application/json' });
    // The config gate ran first: the key is a string here.
    for (const [name, value] of Object.entries<string>({ ...(await signWiroRequest(apiKey, apiSecret)) })) {
      headers.set(name, value);
    }
    let body: string | FormData;
    if (payload.files.length > 0) {
      const form = new FormData();
      for (const [name, value] of Object.entries(payload.fields)) {
        form.append(name, typeof value === 'string' ? value : JSON.stringify(value));
      }
      for (const { field, file } of payload.files) form.append(field, file, file.name);
      body = form;
    } else {
      headers.set('content-type', 'application/json');
      body = JSON.stringify(payload.fields);
    }
    // The browser going away (Node adapter, runtimes that abort request.signal) cancels upstream too.
    const deadline = startDeadline(timeoutMs, signal);
    const doFetch: FetchLike = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    let status: number;
    let bytes: Uint8Array;
    try {
      const response = await doFetch(`${upstream}${path}`, { method: 'POST', headers, body, signal: deadline.signal });
      status = response.status;
      bytes = await readStreamCapped(
        response.body,
        response.headers.get('content-length'),
        maxResponseBytes,
        () => new ProxyRefusal(502, 'upstream_too_large', `Wiro's answer exceeds the ${maxResponseBytes}-byte limit.`),
        (error) => error,
      );
    } catch (error) {
      if (error instanceof ProxyRefusal) throw error;
      if (deadline.timedOut) {
        throw new ProxyRefusal(504, 'upstream_timeout', `Wiro did not answer within ${timeoutMs} ms.`);
      }
      if (!signal.aborted) report(error, { endpoint, stage: 'upstream' });
      throw new ProxyRefusal(502, 'upstream_unreachable', 'Wiro could not be reached.');
    } finally {
      deadline.dispose();
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(new TextDecoder().decode(bytes)) as unknown;
    } catch {
      parsed = undefined;
    }
    if (!isJsonObject(parsed)) {
      throw new ProxyRefusal(502, 'bad_upstream_response', `Wiro answered HTTP ${status} without a JSON object.`);
    }
    return { status, body: parsed };
  }

  function answer(status: number, body: Record<string, unknown>, cors: Record<string, string>): Response {
    let text = JSON.stringify(body);
    // One scan of the final text in the common case; the value walk only when something is found.
    if (scrub.finds(text)) {
      text = JSON.stringify(scrub.json(body));
      // Left only when a credential spans JSON structure (it would contain quotes or colons): withhold.
      if (scrub.finds(text)) {
        throw new ProxyRefusal(
          502,
          'bad_upstream_response',
          "Wiro's answer was withheld: it repeats a credential in a form that cannot be removed safely.",
        );
      }
    }
    return jsonResponse(status, text, cors);
  }

  function safeHeaders(response: Response): Response {
    for (const [name, value] of [...response.headers]) if (scrub.finds(value)) response.headers.delete(name);
    return response;
  }

  async function serve(
    request: Request,
    handle: (request: Request, cors: Record<string, string>) => Promise<Response>,
  ): Promise<Response> {
    let cors: Record<string, string> = {};
    try {
      cors = corsHeaders(request, options.cors);
      if (notConfigured !== null) throw notConfigured();
      const method = request.method.toUpperCase();
      if (method === 'OPTIONS' && options.cors !== undefined)
        return safeHeaders(preflight(request, options.cors, cors));
      if (method !== 'POST') {
        throw new ProxyRefusal(405, 'method_not_allowed', 'Use POST.', {
          allow: options.cors === undefined ? 'POST' : 'POST, OPTIONS',
        });
      }
      refuseCrossSite(request, cors);
      return safeHeaders(await handle(request, cors));
    } catch (error) {
      if (error instanceof ProxyRefusal) {
        const clean = new ProxyRefusal(error.status, error.code, scrub.text(error.message), error.headers);
        return safeHeaders(refusalResponse(clean, cors));
      }
      report(error, { endpoint: null, stage: 'internal' });
      return safeHeaders(refusalResponse(new ProxyRefusal(500, 'internal_error', 'Internal error.'), cors));
    }
  }

  return { scrub, basePath, report, readBody, forward, answer, serve };
}

/**
 * `error` as given when it carries no credential; otherwise a copy (same prototype, so `instanceof`
 * still holds) whose message, stack and cause chain have them removed.
 */
export function scrubError(error: unknown, scrub: Scrubber, depth = 0): unknown {
  if (typeof error === 'string') return scrub.text(error);
  if (!(error instanceof Error) || depth > 4) return error;
  const cause: unknown = (error as { cause?: unknown }).cause;
  const cleanCause = cause === undefined ? undefined : scrubError(cause, scrub, depth + 1);
  if (!scrub.finds(error.message) && !scrub.finds(error.stack ?? '') && cleanCause === cause) return error;
  const copy = Object.create(Object.getPrototypeOf(error) as object) as Error;
  for (const key of ['name', 'message', 'stack'] as const) {
    const value = error[key];
    if (typeof value === 'string') {
      Object.defineProperty(copy, key, { value: scrub.text(value), writable: true, configurable: true });
    }
  }
  if (cleanCause !== undefined)
    Object.defineProperty(copy, 'cause', { value: cleanCause, writable: true, configurable: true });
  return copy;
}
