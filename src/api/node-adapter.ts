/**
 * Run a standard fetch handler (such as `createAgentProxy`'s) on Node's `http` server, Express or
 * Connect. Node only; no runtime imports, so bundlers for other targets never see `node:` modules.
 * @packageDocumentation
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** A Node request listener: `(req, res) => void`, for `http.createServer` or `app.use(path, …)`. */
export type NodeRequestListener = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * Wrap `handler` as a Node request listener.
 *
 * The request body is streamed to the handler (so a size cap can stop reading early), and the
 * handler's `request.signal` aborts when the client disconnects. A handler that throws yields a
 * generic 500 JSON answer. Under Express, mount it before any body parser (it reads the raw body).
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
  req: IncomingMessage,
  res: ServerResponse,
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

function toRequest(req: IncomingMessage, signal: AbortSignal): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    // HTTP/2 pseudo-headers (":path") are not valid header names for fetch.
    if (value === undefined || name.startsWith(':')) continue;
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else headers.set(name, value);
  }
  const host = req.headers.host ?? 'localhost';
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
function bodyStream(req: IncomingMessage): ReadableStream<Uint8Array> {
  let cancelled = false;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      req.on('data', (chunk: Buffer | string) => {
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

async function writeBody(response: Response, res: ServerResponse): Promise<void> {
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

function drained(res: ServerResponse): Promise<void> {
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

function sendError(res: ServerResponse, status: number, code: string, message: string): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('cache-control', 'no-store');
  res.end(JSON.stringify({ result: false, errors: [{ code, message }] }));
}
