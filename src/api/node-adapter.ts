/**
 * Run a standard fetch handler (such as `createAgentProxy`'s) on Node's `http` server, Express or
 * Connect. Node only; no runtime imports, so bundlers for other targets never see `node:` modules.
 *
 * The request and response types are structural: the few members the adapter uses, which Node's
 * `IncomingMessage`/`ServerResponse` (and Express's, which extend them) satisfy. So the public types
 * never mention `node:http`, and a project without `@types/node` can read these declarations.
 * @packageDocumentation
 */

/** What the adapter reads from a Node request (`http.IncomingMessage`, Express's `Request`). */
export interface NodeRequestLike {
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  readonly url?: string | undefined;
  readonly method?: string | undefined;
  /** `true` once the whole body was received. */
  readonly complete: boolean;
  on(event: 'data', listener: (chunk: Uint8Array | string) => void): unknown;
  once(event: 'end', listener: () => void): unknown;
  once(event: 'error', listener: (error: Error) => void): unknown;
  pause(): unknown;
  resume(): unknown;
}

/** What the adapter uses of a Node response (`http.ServerResponse`, Express's `Response`). */
export interface NodeResponseLike {
  statusCode: number;
  readonly headersSent: boolean;
  readonly destroyed: boolean;
  readonly writableFinished: boolean;
  setHeader(name: string, value: string | readonly string[]): unknown;
  write(chunk: Uint8Array): boolean;
  end(chunk?: string): unknown;
  destroy(): unknown;
  on(event: 'drain' | 'close', listener: () => void): unknown;
  once(event: 'close', listener: () => void): unknown;
  off(event: 'drain' | 'close', listener: () => void): unknown;
}

/** A Node request listener: `(req, res) => void`, for `http.createServer` or `app.use(path, …)`. */
export type NodeRequestListener = (req: NodeRequestLike, res: NodeResponseLike) => void;

/**
 * Wrap `handler` as a Node request listener.
 *
 * The request body is streamed to the handler (so a size cap can stop reading early), and the
 * handler's `request.signal` aborts when the client disconnects. A handler that throws yields a
 * generic 500 JSON answer. Under Express, mount it before any body parser (it reads the raw body).
 *
 * Its type names no Node module: the listener takes {@link NodeRequestLike} and
 * {@link NodeResponseLike}, which Node's and Express's request and response satisfy, so
 * `http.createServer(toNodeHandler(proxy))` and `app.use(path, toNodeHandler(proxy))` type-check
 * without casts, and projects without `@types/node` (edge, `skipLibCheck: false`) can read this entry.
 *
 * @example
 * http.createServer(toNodeHandler(createAgentProxy({ ... }))).listen(3000);
 */
export function toNodeHandler(handler: (request: Request) => Promise<Response>): NodeRequestListener {
  return (req, res) => {
    void serve(handler, req, res);
  };
}

async function serve(
  handler: (request: Request) => Promise<Response>,
  req: NodeRequestLike,
  res: NodeResponseLike,
): Promise<void> {
  const clientGone = new AbortController();
  res.once('close', () => {
    if (!res.writableFinished) clientGone.abort();
  });
  let request: Request;
  try {
    request = toRequest(req, clientGone.signal);
  } catch {
    sendError(res, 400, 'bad_request', 'Malformed request.');
    return;
  }
  let response: Response;
  try {
    response = await handler(request);
  } catch {
    sendError(res, 500, 'internal_error', 'Internal error.');
    return;
  }
  if (res.headersSent || res.destroyed) return;
  res.statusCode = response.status;
  for (const [name, value] of response.headers) {
    if (name !== 'set-cookie') res.setHeader(name, value);
  }
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) res.setHeader('set-cookie', cookies);
  // A handler may answer (e.g. 413) before the body is read; closing the connection afterwards keeps
  // the unread rest of an oversized upload from being drained through a kept-alive socket.
  if (!req.complete) res.setHeader('connection', 'close');
  await writeBody(response, res);
}

function toRequest(req: NodeRequestLike, signal: AbortSignal): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    // HTTP/2 pseudo-headers (":path") are not valid header names for fetch.
    if (value === undefined || name.startsWith(':')) continue;
    if (typeof value === 'string') headers.set(name, value);
    else for (const item of value) headers.append(name, item);
  }
  const hostHeader = req.headers.host;
  const host = typeof hostHeader === 'string' ? hostHeader : 'localhost';
  const url = new URL(req.url ?? '/', `http://${host}`);
  const method = (req.method ?? 'GET').toUpperCase();
  const init: RequestInit & { duplex?: 'half' } = { method, headers, signal };
  if (method !== 'GET' && method !== 'HEAD') {
    init.body = bodyStream(req);
    // Required by Node's fetch for a streamed request body.
    init.duplex = 'half';
  }
  return new Request(url, init);
}

/** The request body as a web stream that respects backpressure and never destroys the socket. */
function bodyStream(req: NodeRequestLike): ReadableStream<Uint8Array> {
  let cancelled = false;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      req.on('data', (chunk) => {
        if (cancelled) return;
        controller.enqueue(typeof chunk === 'string' ? new TextEncoder().encode(chunk) : new Uint8Array(chunk));
        if ((controller.desiredSize ?? 1) <= 0) req.pause();
      });
      req.once('end', () => {
        if (!cancelled) controller.close();
      });
      req.once('error', (error) => {
        if (!cancelled) controller.error(error);
      });
    },
    pull() {
      req.resume();
    },
    cancel() {
      // Discard the rest instead of destroying the socket: the response still has to go out on it.
      cancelled = true;
      req.resume();
    },
  });
}

async function writeBody(response: Response, res: NodeResponseLike): Promise<void> {
  if (response.body === null) {
    res.end();
    return;
  }
  const reader = response.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (res.destroyed) {
        await reader.cancel();
        return;
      }
      if (!res.write(value)) await drained(res);
    }
    res.end();
  } catch {
    res.destroy();
  }
}

function drained(res: NodeResponseLike): Promise<void> {
  return new Promise<void>((resolve) => {
    const done = (): void => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

function sendError(res: NodeResponseLike, status: number, code: string, message: string): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('cache-control', 'no-store');
  res.end(JSON.stringify({ result: false, errors: [{ code, message }] }));
}
