/**
 * A real Wiro look-alike on 127.0.0.1 for tests, the demo and end-to-end runs: the shared WebSocket on
 * `/v1` (agent replies and model runs), the agent REST endpoints under `/v1/UserAgent/Message/*`, the
 * model-run ones at `/v1/Run/{owner}/{model}` and `/v1/Task/*`, and the runs' generated files, all over
 * one {@link MockAgentBackend}.
 *
 * Node only (`node:http` and the `ws` package).
 * @packageDocumentation
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import {
  createMockAgentBackend,
  type MockAgentBackend,
  type MockAttachment,
  type MockCreateMessageOptions,
  type MockReply,
} from './backend.js';
import type { AgentScenario, AgentScenarioInput, WireAgentFrame } from './scenario.js';
import type { MockCreateTaskOptions, MockRunModel } from './task-backend.js';
import type { TaskScenario, TaskScenarioInput, WireTaskFrame } from './task-scenario.js';

/** Options of {@link startMockAgentServer}. */
export interface MockAgentServerOptions {
  /** Port to listen on; 0 (default) picks a free one. */
  port?: number;
  /** Interface to bind. Default `127.0.0.1` (never exposed beyond the machine unless you ask). */
  host?: string;
  /** The backend to serve; default: a new one (disposed on `close`). */
  backend?: MockAgentBackend;
  /** The reply to each sent message, when the server creates its own backend. */
  reply?: MockReply;
  /** The scripted run of each `Run/{owner}/{model}` call, when the server creates its own backend (see `runModel` of the backend). */
  runModel?: MockRunModel;
  /** Milliseconds between WebSocket pings. Default 30000, like Wiro. */
  pingIntervalMs?: number;
  /** Send the `connected` welcome frame on each connection. Default `true`; `false` imitates a server without one. */
  welcome?: boolean;
  /** When set, REST calls must carry this `x-api-key` (401 otherwise). The WebSocket never needs a key. */
  apiKey?: string;
  /**
   * With `apiKey`: REST calls must also be signed as Wiro's signature authentication asks (`x-nonce`, and
   * `x-signature` = hex HMAC-SHA256 keyed by the API key over `apiSecret + nonce`), 401 otherwise. Lets
   * a test prove that your server-side proxy signs its calls.
   */
  apiSecret?: string;
  /** Largest accepted request body in bytes. Default 20 MB. */
  maxBodyBytes?: number;
  /**
   * Keep every frame clients send, for {@link MockAgentServer.received}. Default `true`; turn it off in
   * load tests, where the log would grow with every subscribe.
   */
  recordReceived?: boolean;
  /**
   * Connection faults, to see how your UI copes with a server that misbehaves (see {@link MockServerFaults}).
   * For a server without the `connected` welcome, use `welcome: false`; for floods of frames and frames
   * for tokens nobody asked for, see {@link MockAgentServer.flood} and {@link MockAgentServer.sendStrangers}.
   */
  faults?: MockServerFaults;
}

/** Connection faults of {@link startMockAgentServer}; each applies to every WebSocket connection. */
export interface MockServerFaults {
  /**
   * Accept the WebSocket upgrade, then close the connection `afterMs` later (default 0) with close
   * `code` (default 1011) without sending anything: a crashed backend behind a load balancer that still
   * accepts. A client must back off (not reconnect at once forever) and honour its `maxAttempts`.
   */
  acceptThenClose?: boolean | { afterMs?: number; code?: number };
  /**
   * Accept and keep the connection but never send anything: no welcome, no answer to a subscribe (a
   * hung backend). A client must keep one connection, not pile up new ones.
   */
  silent?: boolean;
}

/** Options of {@link MockAgentServer.flood}. */
export interface MockFloodOptions {
  /** Replies streaming at once. Default 200. */
  tokens?: number;
  /** Frames per second, all replies together. Default 10,000. */
  framesPerSecond?: number;
  /** How long each reply streams, in seconds. Default 1. */
  seconds?: number;
  /** Characters each frame adds to its reply. Default 8. */
  chunkChars?: number;
}

/** Replies started by {@link MockAgentServer.flood}. */
export interface MockFlood {
  /** The replies' tokens: subscribe to them. */
  agenttokens: string[];
  /** The exact final text of each reply, in the order of `agenttokens`. */
  texts: string[];
  /** Frames the flood sends per reply (outputs, plus start and end). */
  framesPerToken: number;
}

/** A frame a client sent, as the server received it (parsed JSON, or the text when it was not JSON). */
export interface ReceivedFrame {
  /** Which connection sent it: 1 for the first accepted connection, 2 for the next, … */
  connection: number;
  frame: unknown;
}

/** A running mock server. */
export interface MockAgentServer {
  /** The WebSocket URL, `ws://127.0.0.1:PORT/v1`. */
  readonly url: string;
  /** The REST base URL, `http://127.0.0.1:PORT/v1` (endpoints at `${httpUrl}/UserAgent/Message/Send`, …). */
  readonly httpUrl: string;
  readonly port: number;
  readonly backend: MockAgentBackend;
  /** Store a message with a scripted reply and start it; subscribe to the returned token. */
  createMessage(
    scenario: AgentScenario | AgentScenarioInput | string,
    options?: MockCreateMessageOptions,
  ): { agenttoken: string; messageguid: string };
  /**
   * Start a scripted model run (as a Run call would) whose files this server serves; subscribe to the
   * returned tasktoken with `task_info` (`socket.subscribeTask`). Task/Detail, Cancel and Kill know it.
   */
  createTask(
    scenario: TaskScenario | TaskScenarioInput,
    options?: Omit<MockCreateTaskOptions, 'filesBaseUrl'>,
  ): { tasktoken: string; taskid: string };
  /** Send raw data (text or binary) to every connected client: for malformed-frame tests. */
  broadcastRaw(data: string | Uint8Array): void;
  /** Drop every connection abruptly (no close handshake), as a network failure would. */
  dropAllConnections(): void;
  /**
   * Start many fast replies at once (default 200 replies, 10,000 frames/s in total, for 1 s), for load
   * and flood tests: subscribe to `agenttokens` and check each stream ends with its exact text.
   */
  flood(options?: MockFloodOptions): MockFlood;
  /**
   * Send `count` well-formed `agent_output` frames for tokens nobody subscribed to, to every connected
   * client, `distinctTokens` different tokens in turn (default: every frame a new token). Resolves once
   * all were handed to the sockets. A client must ignore them, and its memory must not grow with them.
   */
  sendStrangers(count: number, options?: { distinctTokens?: number }): Promise<void>;
  /** Connections currently open. */
  connectionCount(): number;
  /** WebSocket connections accepted since the server started (closed ones included). */
  acceptedConnections(): number;
  /** Every frame clients sent so far, in order. */
  received(): ReceivedFrame[];
  /** Stop the server, dropping all connections. */
  close(): Promise<void>;
}

const REST_PREFIX = '/v1/UserAgent/Message/';
const TASK_PATH = /^\/v1\/(Run\/[^/]+\/[^/]+|Task\/[^/]+)$/;
const FILE_PREFIX = '/v1/mock-files/';
/** Where the runs' generated files are served: `{httpUrl}/mock-task-files/{taskid}/{name}`. */
const TASK_FILE_PREFIX = '/v1/mock-task-files/';
const FILE_FIELDS = /* @__PURE__ */ new Set(['attachment', 'attachments', 'attachments[]']);

/**
 * Start a mock Wiro agent server (WebSocket + REST) on 127.0.0.1.
 *
 * @example
 * const server = await startMockAgentServer();
 * const { agenttoken } = server.createMessage({ text: 'Hello!', intervalMs: 5 });
 * const socket = createAgentSocket({ url: server.url, WebSocket });
 */
export async function startMockAgentServer(options: MockAgentServerOptions = {}): Promise<MockAgentServer> {
  const ownsBackend = options.backend === undefined;
  const backend =
    options.backend ??
    createMockAgentBackend({
      ...(options.reply ? { reply: options.reply } : {}),
      ...(options.runModel ? { runModel: options.runModel } : {}),
    });
  const host = options.host ?? '127.0.0.1';
  const faults = options.faults ?? {};
  const acceptThenClose =
    faults.acceptThenClose === undefined || faults.acceptThenClose === false
      ? null
      : { afterMs: 0, code: 1011, ...(faults.acceptThenClose === true ? {} : faults.acceptThenClose) };
  const silent = faults.silent === true;
  const welcome = (options.welcome ?? true) && !silent;
  const maxBodyBytes = options.maxBodyBytes ?? 20 * 1024 * 1024;
  const recordReceived = options.recordReceived ?? true;
  const files = new Map<string, { bytes: Uint8Array; type: string }>();
  const clients = new Set<WebSocket>();
  const received: ReceivedFrame[] = [];
  let connectionIds = 0;
  let fileIds = 0;
  let httpBase = '';
  const taskFilesBase = (): string => `${httpBase}/mock-task-files`;

  const http = createServer((req, res) => {
    handleHttp(req, res).catch(() => {
      if (!res.headersSent) json(res, req, 500, failure(500, 'mock server error'));
      else res.destroy();
    });
  });

  async function handleHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0] as string;
    if (req.method === 'OPTIONS') {
      cors(res, req);
      res.writeHead(204).end();
      return;
    }
    if (path.startsWith(FILE_PREFIX) && req.method === 'GET') {
      const file = files.get(decodeURIComponent(path.slice(FILE_PREFIX.length).split('/')[0] ?? ''));
      if (!file) return json(res, req, 404, failure(404, 'file not found'));
      cors(res, req);
      res.writeHead(200, { 'content-type': file.type || 'application/octet-stream' }).end(file.bytes);
      return;
    }
    if (path.startsWith(TASK_FILE_PREFIX) && req.method === 'GET') {
      const [taskid = '', name = ''] = path.slice(TASK_FILE_PREFIX.length).split('/').map(safeDecode);
      const file = backend.taskFile(taskid, name);
      if (!file) return json(res, req, 404, failure(404, 'file not found'));
      cors(res, req);
      res
        .writeHead(200, { 'content-type': file.contentType, 'content-length': String(file.body.length) })
        .end(file.body);
      return;
    }
    const taskPath = TASK_PATH.exec(path)?.[1];
    if (!path.startsWith(REST_PREFIX) && taskPath === undefined) return json(res, req, 404, failure(404, 'not found'));
    if (req.method !== 'POST') return json(res, req, 405, failure(405, 'use POST'));
    if (options.apiKey !== undefined && req.headers['x-api-key'] !== options.apiKey) {
      return json(res, req, 401, failure(401, 'missing or invalid x-api-key'));
    }
    if (
      options.apiKey !== undefined &&
      options.apiSecret !== undefined &&
      !validSignature(req, options.apiKey, options.apiSecret)
    ) {
      return json(res, req, 401, failure(401, 'missing or invalid x-nonce / x-signature'));
    }
    const bytes = await readBody(req, maxBodyBytes);
    if (bytes === null) return json(res, req, 413, failure(413, `body larger than ${maxBodyBytes} bytes`));
    const body = await parseBody(req, bytes);
    if (body === INVALID) return json(res, req, 400, failure(400, 'body is not valid JSON or form data'));
    const reply =
      taskPath !== undefined
        ? backend.handleTask(taskPath, body, { filesBaseUrl: taskFilesBase() })
        : backend.handle(path.slice(REST_PREFIX.length), body);
    json(res, req, reply.status, reply.body);
  }

  /** JSON, multipart or urlencoded bodies to one plain object; uploaded files become attachment records. */
  async function parseBody(req: IncomingMessage, bytes: Uint8Array<ArrayBuffer>): Promise<unknown> {
    const type = String(req.headers['content-type'] ?? '').toLowerCase();
    if (type.startsWith('multipart/form-data') || type.startsWith('application/x-www-form-urlencoded')) {
      let form: FormData;
      try {
        form = await new Request('http://mock.invalid/', {
          method: 'POST',
          headers: { 'content-type': type },
          body: bytes,
        }).formData();
      } catch {
        return INVALID;
      }
      const fields: Record<string, unknown> = {};
      const attachments: MockAttachment[] = [];
      for (const [name, value] of form.entries()) {
        if (typeof value !== 'string') {
          if (FILE_FIELDS.has(name)) attachments.push(await storeFile(value));
          continue;
        }
        fields[name] = value;
      }
      if (attachments.length > 0) fields.attachments = attachments;
      return fields;
    }
    if (bytes.length === 0) return {};
    try {
      return JSON.parse(new TextDecoder().decode(bytes)) as unknown;
    } catch {
      return INVALID;
    }
  }

  async function storeFile(file: File): Promise<MockAttachment> {
    const id = String(++fileIds);
    const data = new Uint8Array(await file.arrayBuffer());
    files.set(id, { bytes: data, type: file.type });
    const name = file.name || `attachment-${id}`;
    return {
      url: `${httpBase}/mock-files/${id}/${encodeURIComponent(name)}`,
      name,
      type: file.type,
      size: data.length,
    };
  }

  const wss = new WebSocketServer({ server: http, path: '/v1' });
  wss.on('connection', (socket) => {
    const id = ++connectionIds;
    const subscriptions = new Map<string, () => void>();
    const taskSubscriptions = new Map<string, () => void>();
    clients.add(socket);
    const send = (frame: WireAgentFrame | WireTaskFrame | Record<string, unknown>): void => {
      if (socket.readyState === WebSocket.OPEN && !silent) socket.send(JSON.stringify(frame));
    };
    if (acceptThenClose !== null) {
      const end = (): void => socket.close(acceptThenClose.code, 'mock fault: accept then close');
      if (acceptThenClose.afterMs <= 0) end();
      else setTimeout(end, acceptThenClose.afterMs).unref();
    }
    if (welcome && acceptThenClose === null) send({ type: 'connected', version: '1.0' });

    socket.on('message', (data: RawData, isBinary: boolean) => {
      const text = isBinary ? null : rawToString(data);
      let frame: unknown = text;
      if (text !== null) {
        try {
          frame = JSON.parse(text) as unknown;
        } catch {
          frame = text;
        }
      }
      if (recordReceived) received.push({ connection: id, frame });
      if (typeof frame === 'object' && frame !== null && (frame as { type?: unknown }).type === 'task_info') {
        const tasktoken = (frame as { tasktoken?: unknown }).tasktoken;
        // One subscription per run per connection; nothing is replayed (the socket does not for tasks).
        if (typeof tasktoken !== 'string' || tasktoken.trim() === '' || taskSubscriptions.has(tasktoken)) return;
        taskSubscriptions.set(
          tasktoken,
          backend.subscribeTask(tasktoken, { frame: send, drop: () => socket.terminate() }),
        );
        return;
      }
      // Wiro routes by type and silently drops what it cannot route.
      if (typeof frame !== 'object' || frame === null || (frame as { type?: unknown }).type !== 'agent_info') return;
      const token = (frame as { agenttoken?: unknown }).agenttoken;
      if (typeof token !== 'string' || token.trim() === '') {
        send({ type: 'error', message: 'agenttoken-required', result: false });
        return;
      }
      if (subscriptions.has(token)) return;
      subscriptions.set(token, backend.subscribe(token, { frame: send, drop: () => socket.terminate() }));
    });
    socket.on('close', () => {
      clients.delete(socket);
      for (const unsubscribe of subscriptions.values()) unsubscribe();
      subscriptions.clear();
      for (const unsubscribe of taskSubscriptions.values()) unsubscribe();
      taskSubscriptions.clear();
    });
    socket.on('error', () => {
      // A broken client connection only ends that connection.
    });
  });

  const pingTimer = setInterval(() => {
    for (const client of clients) if (client.readyState === WebSocket.OPEN) client.ping();
  }, options.pingIntervalMs ?? 30_000);
  pingTimer.unref?.();

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port ?? 0, host, () => {
      http.off('error', reject);
      resolve();
    });
  });
  const port = (http.address() as AddressInfo).port;
  const hostForUrl = host.includes(':') ? `[${host}]` : host;
  httpBase = `http://${hostForUrl}:${port}/v1`;
  let closed: Promise<void> | null = null;

  return {
    url: `ws://${hostForUrl}:${port}/v1`,
    httpUrl: httpBase,
    port,
    backend,
    createMessage: (scenario, opts) => backend.createMessage(scenario, opts),
    createTask: (scenario, opts) => backend.createTask(scenario, { ...opts, filesBaseUrl: taskFilesBase() }),
    broadcastRaw(data) {
      for (const client of clients)
        if (client.readyState === WebSocket.OPEN) client.send(data, { binary: typeof data !== 'string' });
    },
    dropAllConnections() {
      for (const client of clients) client.terminate();
    },
    flood(opts = {}) {
      const tokens = Math.floor(positive('tokens', opts.tokens ?? 200));
      const framesPerSecond = positive('framesPerSecond', opts.framesPerSecond ?? 10_000);
      const seconds = positive('seconds', opts.seconds ?? 1);
      const chunkChars = Math.max(1, Math.floor(positive('chunkChars', opts.chunkChars ?? 8)));
      // Each reply sends one frame per interval; all of them together make the asked rate.
      const intervalMs = (1000 * tokens) / framesPerSecond;
      const outputs = Math.max(1, Math.round((seconds * 1000) / intervalMs));
      const agenttokens: string[] = [];
      const texts: string[] = [];
      for (let i = 0; i < tokens; i++) {
        const text = floodText(i, outputs * chunkChars);
        texts.push(text);
        agenttokens.push(backend.createMessage({ text, chunkChars, intervalMs, queueMs: 0 }).agenttoken);
      }
      return { agenttokens, texts, framesPerToken: outputs + 2 };
    },
    async sendStrangers(count, opts = {}) {
      const distinct = Math.max(1, Math.floor(opts.distinctTokens ?? count));
      const batch = 1000;
      for (let sent = 0; sent < count;) {
        const upTo = Math.min(count, sent + batch);
        for (; sent < upTo; sent++) {
          const frame = JSON.stringify({
            type: 'agent_output',
            agenttoken: `stranger-${String(sent % distinct).padStart(8, '0')}-not-subscribed`,
            message: { raw: 'not yours', thinking: [], answer: ['not yours'], isThinking: false },
            result: true,
          });
          for (const client of clients) if (client.readyState === WebSocket.OPEN) client.send(frame);
        }
        // Let the sockets write (and the clients read) between batches instead of buffering them all.
        await new Promise((resolve) => setImmediate(resolve));
      }
    },
    connectionCount: () => [...clients].filter((c) => c.readyState === WebSocket.OPEN).length,
    acceptedConnections: () => connectionIds,
    received: () => received.map((r) => ({ ...r })),
    close() {
      closed ??= new Promise<void>((resolve) => {
        clearInterval(pingTimer);
        for (const client of clients) client.terminate();
        if (ownsBackend) backend.dispose();
        wss.close(() => {
          http.close(() => resolve());
          http.closeAllConnections();
        });
      });
      return closed;
    },
  };
}

const INVALID = /* @__PURE__ */ Symbol('invalid body');

function positive(name: string, value: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new RangeError(`flood: \`${name}\` must be a positive number (got ${String(value)})`);
  }
  return value;
}

/** A reply text of exactly `length` characters, different for each reply. */
function floodText(index: number, length: number): string {
  const seed = `reply ${index}: the quick brown fox jumps over the lazy dog. `;
  return seed.repeat(Math.ceil(length / seed.length) + 1).slice(0, length);
}

/** Wiro's signature check: `x-signature` is hex HMAC-SHA256(key = API key, message = secret + `x-nonce`). */
function validSignature(req: IncomingMessage, apiKey: string, apiSecret: string): boolean {
  const nonce = req.headers['x-nonce'];
  const signature = req.headers['x-signature'];
  if (typeof nonce !== 'string' || nonce === '' || typeof signature !== 'string') return false;
  const expected = Buffer.from(
    createHmac('sha256', apiKey)
      .update(apiSecret + nonce)
      .digest('hex'),
  );
  const given = Buffer.from(signature.toLowerCase());
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function rawToString(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}

/** Read a request body, or `null` when it exceeds `limit` (the rest is discarded, not buffered). */
function readBody(req: IncomingMessage, limit: number): Promise<Uint8Array<ArrayBuffer> | null> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    req.resume();
    return Promise.resolve(null);
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooLarge = true;
      if (!tooLarge) chunks.push(chunk);
    });
    req.on('end', () => {
      if (tooLarge) return resolve(null);
      const all = Buffer.concat(chunks);
      const bytes = new Uint8Array(all.length);
      bytes.set(all);
      resolve(bytes);
    });
    req.on('error', reject);
  });
}

function cors(res: ServerResponse, req: IncomingMessage): void {
  const origin = req.headers.origin;
  res.setHeader('access-control-allow-origin', typeof origin === 'string' ? origin : '*');
  res.setHeader('vary', 'origin');
  res.setHeader('access-control-allow-methods', 'POST, GET, OPTIONS');
  res.setHeader('access-control-allow-headers', 'content-type, x-api-key, x-nonce, x-signature');
  res.setHeader('access-control-max-age', '600');
}

function json(res: ServerResponse, req: IncomingMessage, status: number, body: unknown): void {
  cors(res, req);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
}

function failure(code: number, message: string): { result: false; errors: { code: number; message: string }[] } {
  return { result: false, errors: [{ code, message }] };
}
