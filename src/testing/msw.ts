/**
 * msw handlers that imitate Wiro for your own tests and stories: the shared WebSocket, agent replies and
 * model runs ({@link agentSocketHandlers}), and the REST endpoints, the six agent messaging ones and
 * Run, Task/Detail, Task/Cancel, Task/Kill with the runs' generated files ({@link agentApiHandlers}), all
 * over one in-memory {@link MockAgentBackend} when you pass them the same `backend`.
 *
 * Works with `setupServer` from `msw/node` (Vitest, Jest) and `setupWorker` from `msw/browser`
 * (Storybook, Playwright component tests). msw intercepts the GLOBAL `WebSocket` class: a socket
 * created with the `ws` package's constructor is never intercepted, so leave the kit's `WebSocket`
 * option unset in tests that use these handlers (jsdom and Node 22 have a global `WebSocket`).
 * @packageDocumentation
 */
import { http, HttpResponse, ws, type HttpHandler, type WebSocketHandler } from 'msw';
import { createMockAgentBackend, type MockAgentBackend, type MockAttachment, type MockReply } from './backend.js';
import { agentScenario, type AgentScenario, type AgentScenarioInput } from './scenario.js';
import type { MockRunModel } from './task-backend.js';

/** Wiro's agent WebSocket, the URL the kit connects to by default. */
export const WIRO_SOCKET_URL = 'wss://socket.wiro.ai/v1';

/** Wiro's REST base URL, the kit's default `baseUrl`. */
export const WIRO_API_URL = 'https://api.wiro.ai/v1';

/** One scripted reply: a built scenario, its options, or just the reply text. */
export type AgentScenarioLike = AgentScenario | AgentScenarioInput | string;

/**
 * What a subscribed token plays when the backend does not already know it (tokens returned by a mocked
 * Send are known, and play their own reply):
 * - one scenario: every token plays it;
 * - an object mapping tokens to scenarios: listed tokens play theirs, others are unknown;
 * - a function of the token: its scenario, or `null`/`undefined` for an unknown token.
 */
export type AgentScenarioSource =
  | AgentScenarioLike
  | Readonly<Record<string, AgentScenarioLike>>
  | ((agenttoken: string) => AgentScenarioLike | null | undefined);

/** Options of {@link agentSocketHandlers}. */
export interface AgentSocketHandlersOptions {
  /** The socket URL to intercept. Default `wss://socket.wiro.ai/v1` (what the kit uses by default). */
  url?: string;
  /**
   * The in-memory agent to serve. Pass the one given to {@link agentApiHandlers} so the tokens its Send
   * returns stream here. Default: a new backend for these handlers.
   */
  backend?: MockAgentBackend;
  /** Send Wiro's `connected` welcome frame on each connection. Default `true`. */
  welcome?: boolean;
  /**
   * Decide whether to accept a connection, by its number (1 for the first one these handlers see).
   * A refused connection is closed before it opens, as an unreachable server would be: use it to test
   * reconnecting UIs. Default: accept all.
   */
  acceptConnection?: (connection: number) => boolean;
}

/** Options of {@link agentApiHandlers}. */
export interface AgentApiHandlersOptions {
  /**
   * Where the REST client sends its calls: `${baseUrl}/UserAgent/Message/<Name>`. Default
   * `https://api.wiro.ai/v1`. A relative base (`/api/wiro`, your proxy's route) works in the browser.
   */
  baseUrl?: string;
  /** The in-memory agent to serve; share it with {@link agentSocketHandlers}. Default: a new one. */
  backend?: MockAgentBackend;
  /** The scripted reply to each sent message, when these handlers create their own backend. */
  reply?: MockReply;
  /** The scripted run of each Run call, when these handlers create their own backend. */
  runModel?: MockRunModel;
}

/** Close code for a connection the mock drops: "abnormal closure", what a network failure looks like. */
const DROPPED = 1006;
const REST_PATH = '/UserAgent/Message/:endpoint';
const FILE_PATH = '/mock-files/:id/:name';
/** Where the runs' generated files are served under the REST base: `{baseUrl}/mock-task-files/{taskid}/{name}`. */
const TASK_FILE_PATH = '/mock-task-files/:taskid/:name';

/**
 * msw WebSocket handlers that play scripted agent replies to any token the app subscribes: the
 * `connected` welcome, the `agent_subscribed` snapshot, then the scenario's frames in real time
 * (drops, cancels and failures included). Reconnecting clients get the snapshot with the text so far,
 * as from Wiro. Model runs the backend knows (started by a mocked Run, or `backend.createTask`) stream
 * to a `task_info` subscription on the same connection; as on Wiro, nothing is replayed for them.
 *
 * @example
 * const server = setupServer(...agentSocketHandlers({ text: 'Hello!', thinking: 'A greeting.', intervalMs: 5 }));
 * // Any token the app subscribes now streams "Hello!".
 */
export function agentSocketHandlers(
  scenarios?: AgentScenarioSource | null,
  options: AgentSocketHandlersOptions = {},
): WebSocketHandler[] {
  const resolve = scenarioResolver(scenarios);
  const backend = options.backend ?? createMockAgentBackend();
  const welcome = options.welcome ?? true;
  let connections = 0;

  const handler = ws.link(options.url ?? WIRO_SOCKET_URL).addEventListener('connection', ({ client }) => {
    const number = ++connections;
    if (options.acceptConnection && !options.acceptConnection(number)) {
      client.close(DROPPED, 'refused by the mock');
      return;
    }
    let open = true;
    const subscriptions = new Map<string, () => void>();
    const taskSubscriptions = new Map<string, () => void>();
    const send = (frame: object): void => {
      if (open) client.send(JSON.stringify(frame));
    };
    const end = (): void => {
      if (!open) return;
      open = false;
      for (const unsubscribe of subscriptions.values()) unsubscribe();
      subscriptions.clear();
      for (const unsubscribe of taskSubscriptions.values()) unsubscribe();
      taskSubscriptions.clear();
    };

    client.addEventListener('close', end);
    const drop = (): void => {
      end();
      client.close(DROPPED, 'connection dropped by the mock');
    };
    client.addEventListener('message', (event) => {
      const tasktoken = taskSubscribeRequest(event.data);
      if (tasktoken !== undefined) {
        // Wiro de-duplicates per connection and replays nothing for tasks.
        if (!taskSubscriptions.has(tasktoken)) {
          taskSubscriptions.set(tasktoken, backend.subscribeTask(tasktoken, { frame: send, drop }));
        }
        return;
      }
      const token = subscribeRequest(event.data);
      if (token === undefined) return; // Wiro silently drops what it cannot route.
      if (token === null) {
        send({ type: 'error', message: 'agenttoken-required', result: false });
        return;
      }
      if (subscriptions.has(token)) return; // Wiro de-duplicates per connection.
      if (backend.getMessage({ agenttoken: token }) === undefined) {
        const scenario = resolve(token);
        if (scenario !== null && !scenario.unknown) backend.createMessage(scenario, { agenttoken: token });
      }
      subscriptions.set(token, backend.subscribe(token, { frame: send, drop }));
    });
    if (welcome) send({ type: 'connected', version: '1.0' });
  });
  return [handler];
}

/**
 * msw HTTP handlers for the six agent messaging endpoints (`Send`, `Detail`, `History`, `Sessions`,
 * `DeleteSession`, `Cancel`) and the model-run ones (`Run/{owner}/{model}`, `Task/Detail`, `Task/Cancel`,
 * `Task/Kill`), answering like Wiro from the in-memory backend. Multipart Sends store their files, served
 * back under `${baseUrl}/mock-files/…`; the runs' generated outputs are served under
 * `${baseUrl}/mock-task-files/{taskid}/{name}`, so result URLs load in the page like Wiro's CDN files.
 *
 * @example
 * const backend = createMockAgentBackend({ reply: () => ({ text: 'Hi there!', intervalMs: 5 }) });
 * const server = setupServer(
 *   ...agentApiHandlers({ baseUrl: 'https://app.test/api/wiro', backend }),
 *   ...agentSocketHandlers(null, { backend }),
 * );
 */
export function agentApiHandlers(options: AgentApiHandlersOptions = {}): HttpHandler[] {
  const base = (options.baseUrl ?? WIRO_API_URL).replace(/\/+$/, '');
  const backend =
    options.backend ??
    createMockAgentBackend({
      ...(options.reply ? { reply: options.reply } : {}),
      ...(options.runModel ? { runModel: options.runModel } : {}),
    });
  const files = new Map<string, { bytes: ArrayBuffer; type: string }>();
  const taskContext = { filesBaseUrl: `${base}/mock-task-files` };

  async function readTaskBody(request: Request): Promise<unknown> {
    const type = (request.headers.get('content-type') ?? '').toLowerCase();
    if (type.startsWith('multipart/form-data') || type.startsWith('application/x-www-form-urlencoded')) {
      const form = await request.formData();
      // A mocked model reads text inputs only; file inputs are named, not stored.
      return Object.fromEntries(
        [...form.entries()].map(([name, value]) => [name, typeof value === 'string' ? value : value.name]),
      );
    }
    const text = await request.text();
    return text === '' ? {} : (JSON.parse(text) as unknown);
  }

  const taskReply = async (request: Request, path: string): Promise<Response> => {
    let body: unknown;
    try {
      body = await readTaskBody(request);
    } catch {
      return HttpResponse.json(failure(400, 'body is not valid JSON or form data'), { status: 400 });
    }
    const reply = backend.handleTask(path, body, taskContext);
    return HttpResponse.json(reply.body, { status: reply.status });
  };
  let fileIds = 0;

  async function readBody(request: Request): Promise<unknown> {
    const type = (request.headers.get('content-type') ?? '').toLowerCase();
    if (type.startsWith('multipart/form-data') || type.startsWith('application/x-www-form-urlencoded')) {
      const form = await request.formData();
      const fields: Record<string, unknown> = {};
      const attachments: MockAttachment[] = [];
      for (const [name, value] of form.entries()) {
        if (typeof value === 'string') fields[name] = value;
        else if (name.startsWith('attachment')) attachments.push(await storeFile(value));
      }
      if (attachments.length > 0) fields.attachments = attachments;
      return fields;
    }
    const text = await request.text();
    return text === '' ? {} : (JSON.parse(text) as unknown);
  }

  async function storeFile(file: File): Promise<MockAttachment> {
    const id = String(++fileIds);
    const bytes = await file.arrayBuffer();
    files.set(id, { bytes, type: file.type });
    const name = file.name || `attachment-${id}`;
    return {
      url: `${base}/mock-files/${id}/${encodeURIComponent(name)}`,
      name,
      type: file.type,
      size: bytes.byteLength,
    };
  }

  return [
    http.post(`${base}${REST_PATH}`, async ({ request, params }) => {
      let body: unknown;
      try {
        body = await readBody(request);
      } catch {
        return HttpResponse.json(failure(400, 'body is not valid JSON or form data'), { status: 400 });
      }
      const reply = backend.handle(String(params.endpoint), body);
      return HttpResponse.json(reply.body, { status: reply.status });
    }),
    http.get(`${base}${FILE_PATH}`, ({ params }) => {
      const file = files.get(String(params.id));
      if (!file) return HttpResponse.json(failure(404, 'file not found'), { status: 404 });
      return new HttpResponse(file.bytes, { headers: { 'content-type': file.type || 'application/octet-stream' } });
    }),
    http.post(`${base}/Run/:owner/:model`, ({ request, params }) =>
      taskReply(request, `Run/${encodeURIComponent(String(params.owner))}/${encodeURIComponent(String(params.model))}`),
    ),
    http.post(`${base}/Task/:action`, ({ request, params }) => taskReply(request, `Task/${String(params.action)}`)),
    http.get(`${base}${TASK_FILE_PATH}`, ({ params }) => {
      const file = backend.taskFile(String(params.taskid), String(params.name));
      if (!file) return HttpResponse.json(failure(404, 'file not found'), { status: 404 });
      // A copy: the generated bytes are shared by every caller and must not be handed over.
      return new HttpResponse(file.body.slice().buffer, { headers: { 'content-type': file.contentType } });
    }),
  ];
}

/** The token of an `agent_info` request; `null` when one is asked for without a token; `undefined` for anything else. */
function subscribeRequest(data: unknown): string | null | undefined {
  if (typeof data !== 'string') return undefined;
  let frame: unknown;
  try {
    frame = JSON.parse(data);
  } catch {
    return undefined;
  }
  if (typeof frame !== 'object' || frame === null || (frame as { type?: unknown }).type !== 'agent_info')
    return undefined;
  const token = (frame as { agenttoken?: unknown }).agenttoken;
  return typeof token === 'string' && token.trim() !== '' ? token : null;
}

/** The tasktoken of a `task_info` request with one, else `undefined` (dropped, as Wiro drops what it cannot route). */
function taskSubscribeRequest(data: unknown): string | undefined {
  if (typeof data !== 'string' || !data.includes('task_info')) return undefined;
  let frame: unknown;
  try {
    frame = JSON.parse(data);
  } catch {
    return undefined;
  }
  if (typeof frame !== 'object' || frame === null || (frame as { type?: unknown }).type !== 'task_info')
    return undefined;
  const token = (frame as { tasktoken?: unknown }).tasktoken;
  return typeof token === 'string' && token.trim() !== '' ? token : undefined;
}

/** Turn any {@link AgentScenarioSource} into a token lookup; fixed scenarios are validated up front. */
function scenarioResolver(source: AgentScenarioSource | null | undefined): (token: string) => AgentScenario | null {
  if (source === null || source === undefined) return () => null;
  if (typeof source === 'function') {
    return (token) => {
      const found = source(token);
      return found === null || found === undefined ? null : agentScenario(found);
    };
  }
  if (typeof source === 'string' || typeof (source as { text?: unknown }).text === 'string') {
    const only = agentScenario(source as AgentScenarioLike);
    return () => only;
  }
  const byToken = new Map<string, AgentScenario>();
  for (const [token, scenario] of Object.entries(source as Record<string, AgentScenarioLike>)) {
    byToken.set(token, agentScenario(scenario));
  }
  return (token) => byToken.get(token) ?? null;
}

function failure(code: number, message: string): { result: false; errors: { code: number; message: string }[] } {
  return { result: false, errors: [{ code, message }] };
}
