/**
 * An in-memory Wiro agent: stored messages, scripted playback, the six REST endpoints and socket
 * subscriptions, with the shapes of agent-messaging.md and agent-websocket.md; and model runs (Run,
 * Task/Detail, Task/Cancel, Task/Kill, `task_info` subscriptions, generated output files), with the
 * shapes of tasks.md and task-websocket.md (see task-backend.ts).
 *
 * Free of Node and browser APIs (timers and `crypto` only), so the Node mock server and msw handlers both
 * sit on top of it and agree with each other.
 * @packageDocumentation
 */
import {
  agentScenario,
  CANCEL_REASON,
  scenarioFrames,
  type AgentScenario,
  type AgentScenarioInput,
  type ScenarioStep,
  type WireAgentFrame,
  type WireProgress,
} from './scenario.js';
import { asObject, failure, nonEmpty, safely } from './mock-values.js';
import { playTimeline, pauseTimeline, type Timeline } from './timeline.js';
import { createMockTaskRuns, defaultMockRun, type MockRunModel, type MockTaskRuns } from './task-backend.js';

/** A file attached to a message, as Wiro resolves it. */
export interface MockAttachment {
  url: string;
  name: string;
  type: string;
  size: number;
}

/** Statuses a stored message can have. */
export type MockMessageStatus =
  'agent_queue' | 'agent_start' | 'agent_output' | 'agent_end' | 'agent_error' | 'agent_cancel';

/** A message as `Message/Detail` returns it. */
export interface MockMessageRecord {
  guid: string;
  uuid: string;
  sessionkey: string;
  content: string;
  /** The final answer; `""` until `agent_end`. */
  response: string;
  /** Accumulated raw output; the runtime error or abort reason after a failure or cancel. */
  debugoutput: string;
  status: MockMessageStatus;
  /** The final progress object on `agent_end`, `{}` otherwise. */
  metadata: Record<string, unknown>;
  attachments: MockAttachment[];
  deletestatus: number;
  /** Unix seconds, as a string. */
  createdat: string;
  /** Unix seconds, as a string; `""` before the agent starts. */
  startedat: string;
  /** Unix seconds, as a string; `""` until finished (and after a cancel). */
  endedat: string;
}

/** A `Message/History` row (Detail's record without the per-account and timing fields). */
export type MockHistoryRow = Omit<MockMessageRecord, 'uuid' | 'sessionkey' | 'startedat' | 'endedat'>;

/** One entry of a failed call's `errors`. */
export interface MockApiErrorItem {
  code: number;
  message: string;
}

/** A refused call: `result: false` with the reasons. */
export interface MockApiFailure {
  result: false;
  errors: MockApiErrorItem[];
}

/** A successful call: `result: true`, no errors, and the endpoint's fields. */
export type MockApiSuccess<T extends object> = { result: true; errors: [] } & T;

/** What one endpoint answers. */
export type MockApiResponse<T extends object> = MockApiSuccess<T> | MockApiFailure;

/** Body of a `Message/Send` call. */
export interface MockSendParams {
  useragentguid?: unknown;
  message?: unknown;
  sessionkey?: unknown;
  callbackurl?: unknown;
  /** Already-resolved files (the HTTP layer stores uploads and passes their records). */
  attachments?: MockAttachment[];
}

/** What a message's reply script is chosen from. */
export interface MockReplyContext {
  useragentguid: string;
  sessionkey: string;
  messageguid: string;
  attachments: readonly MockAttachment[];
}

/** Picks the scripted reply to a user message: a scenario, scenario options, or just the reply text. */
export type MockReply = (text: string, context: MockReplyContext) => AgentScenario | AgentScenarioInput | string;

/** Options of {@link createMockAgentBackend}. */
export interface MockAgentBackendOptions {
  /** The reply to each sent message. Default: a short scripted answer quoting the message. */
  reply?: MockReply;
  /** Clock for `createdat`/`startedat`/`endedat`. Default `Date.now`. */
  now?: () => number;
  /** The account UUID messages are stored under. Default `"mock-user-uuid"`. */
  uuid?: string;
  /**
   * The scripted run of each `Run/{owner}/{model}` call (`null`: no such model). Default
   * {@link defaultMockRun}: an LLM answer for models named like one (`llm`, `chat`, …), else an image.
   */
  runModel?: MockRunModel;
}

/** Receives a token's frames once subscribed. */
export interface MockBackendSubscriber {
  /** A lifecycle frame for the token (the first is the `agent_subscribed` snapshot). */
  frame(frame: WireAgentFrame): void;
  /** The scenario asks for every socket following the token to be dropped. */
  drop?(): void;
}

/** Options of {@link MockAgentBackend.createMessage}. */
export interface MockCreateMessageOptions {
  useragentguid?: string;
  sessionkey?: string;
  /** The user message stored with the reply. Default `""`. */
  content?: string;
  attachments?: MockAttachment[];
  /** Use this token instead of a random one (e.g. a story's fixed token). Must not be in use. */
  agenttoken?: string;
}

/** An HTTP-ready answer: status code and JSON body. */
export interface MockHttpReply {
  status: number;
  body: MockApiResponse<object>;
}

/**
 * The in-memory Wiro built by {@link createMockAgentBackend}: the agent messaging endpoints and socket
 * frames, and model runs ({@link MockTaskRuns}) on the same backend.
 */
export interface MockAgentBackend extends MockTaskRuns {
  /** `POST /UserAgent/Message/Send`: store the message and start its scripted reply. */
  send(params: MockSendParams): MockApiResponse<{ messageguid: string; agenttoken: string; status: 'agent_queue' }>;
  /** `POST /UserAgent/Message/Detail` by `messageguid` or `agenttoken`. */
  detail(params: unknown): MockApiResponse<{ data: MockMessageRecord }>;
  /** `POST /UserAgent/Message/History`: newest first, `before` cursor, `limit` (default 50, max 200). */
  history(params: unknown): MockApiResponse<{ data: { messages: MockHistoryRow[]; count: number; hasmore: boolean } }>;
  /** `POST /UserAgent/Message/Sessions`. */
  sessions(params: unknown): MockApiResponse<{
    data: { sessions: { sessionkey: string; messagecount: string; updatedat: string; lastmessage: string }[] };
  }>;
  /** `POST /UserAgent/Message/DeleteSession`. */
  deleteSession(params: unknown): MockApiResponse<object>;
  /**
   * `POST /UserAgent/Message/Cancel`. A queued message becomes `agent_cancel` with no socket event; a running
   * one is aborted and subscribers get `agent_cancel` with message `"AbortError"`.
   */
  cancel(params: unknown): MockApiResponse<object>;
  /** Dispatch one endpoint by name (`"Send"`, `"Detail"`, …) with a parsed JSON body; unknown names give 404. */
  handle(endpoint: string, body: unknown): MockHttpReply;
  /** Store a message with a given scenario (bypassing `reply`) and start it. */
  createMessage(
    scenario: AgentScenario | AgentScenarioInput | string,
    options?: MockCreateMessageOptions,
  ): {
    agenttoken: string;
    messageguid: string;
  };
  /**
   * Follow a token: `subscriber.frame` is called at once with the `agent_subscribed` snapshot (status
   * `"unknown"` and no `debugoutput` for a token the backend does not know), then with every later frame.
   * Returns the unsubscribe function.
   */
  subscribe(agenttoken: string, subscriber: MockBackendSubscriber): () => void;
  /** A copy of a stored message, by guid or agenttoken. */
  getMessage(ref: { messageguid?: string; agenttoken?: string }): MockMessageRecord | undefined;
  /** Stop every running script (replies and runs) and forget all subscribers. */
  dispose(): void;
}

interface StoredMessage extends Timeline<ScenarioStep> {
  seq: number;
  record: MockMessageRecord;
  useragentguid: string;
  agenttoken: string;
  createdAt: number;
}

const DEFAULT_UUID = 'mock-user-uuid';
const RUNTIME_ERROR = 'Bridge timeout';
const TERMINAL: ReadonlySet<string> = /* @__PURE__ */ new Set(['agent_end', 'agent_error', 'agent_cancel']);
const TOKEN_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** The scripted answer used when no `reply` is given. */
export const defaultMockReply: MockReply = (text) =>
  agentScenario({
    thinking: 'The user wrote a message; I will answer it briefly.',
    text: `You wrote: "${text.slice(0, 200)}"\n\nThis reply comes from the **mock agent**, streamed a few characters at a time.`,
  });

/**
 * Create an in-memory Wiro agent. Everything runs on `setTimeout`, so vitest fake timers drive it too.
 *
 * @example
 * const backend = createMockAgentBackend({ reply: (text) => agentScenario({ text: text.toUpperCase() }) });
 * const { agenttoken } = backend.createMessage({ text: 'Hi!', intervalMs: 5 });
 */
export function createMockAgentBackend(options: MockAgentBackendOptions = {}): MockAgentBackend {
  const reply = options.reply ?? defaultMockReply;
  const now = options.now ?? Date.now;
  const uuid = options.uuid ?? DEFAULT_UUID;
  const byGuid = new Map<string, StoredMessage>();
  const byToken = new Map<string, StoredMessage>();
  const subscribers = new Map<string, Set<MockBackendSubscriber>>();
  let seq = 0;
  let disposed = false;
  const tasks = createMockTaskRuns({ runModel: options.runModel ?? defaultMockRun, now, token: randomToken });

  const seconds = (): string => String(Math.floor(now() / 1000));

  function store(
    scenario: AgentScenario,
    content: string,
    useragentguid: string,
    sessionkey: string,
    attachments: MockAttachment[],
    agenttoken: string,
    messageguid: string,
  ): void {
    // Wiro would not know an "unknown" token at all: nothing is stored, the socket answers status unknown.
    if (scenario.unknown) return;
    const message: StoredMessage = {
      seq: seq++,
      useragentguid,
      agenttoken,
      steps: scenarioFrames(agenttoken, scenario),
      next: 0,
      createdAt: now(),
      timer: null,
      record: {
        guid: messageguid,
        uuid,
        sessionkey,
        content,
        response: '',
        debugoutput: '',
        status: 'agent_queue',
        metadata: {},
        attachments,
        deletestatus: 0,
        createdat: seconds(),
        startedat: '',
        endedat: '',
      },
    };
    byGuid.set(messageguid, message);
    byToken.set(agenttoken, message);
    scheduleNext(message, 0);
  }

  function scheduleNext(message: StoredMessage, elapsed: number): void {
    playTimeline(
      message,
      elapsed,
      (step) => play(message, step),
      () => disposed,
    );
  }

  function play(message: StoredMessage, step: ScenarioStep): void {
    const { record } = message;
    const frame = step.frame;
    switch (frame.type) {
      case 'agent_start':
        record.status = 'agent_start';
        record.startedat = seconds();
        break;
      case 'agent_output':
        record.status = 'agent_output';
        record.debugoutput = frame.message.raw;
        break;
      case 'agent_end':
        record.status = 'agent_end';
        record.debugoutput = frame.message.raw;
        record.response = frame.message.answer.join('\n\n');
        record.metadata = finalMetadata(frame.message);
        record.endedat = seconds();
        break;
      case 'agent_error':
        record.status = 'agent_error';
        // The socket only ever sees the sanitised sentence; the stored row keeps the raw runtime error.
        record.debugoutput = typeof frame.message === 'string' ? RUNTIME_ERROR : frame.message.raw;
        record.endedat = seconds();
        break;
      case 'agent_cancel':
        markCancelled(record, CANCEL_REASON);
        break;
      default:
        break;
    }
    broadcast(message.agenttoken, frame);
    if (step.dropConnections) {
      for (const subscriber of [...(subscribers.get(message.agenttoken) ?? [])]) safely(() => subscriber.drop?.());
    }
  }

  function markCancelled(record: MockMessageRecord, reason: string): void {
    record.status = 'agent_cancel';
    record.debugoutput = reason;
    record.response = reason;
    record.endedat = '';
  }

  function broadcast(agenttoken: string, frame: WireAgentFrame): void {
    for (const subscriber of [...(subscribers.get(agenttoken) ?? [])]) safely(() => subscriber.frame(frame));
  }

  function stop(message: StoredMessage): void {
    pauseTimeline(message);
    message.next = message.steps.length;
  }

  function find(params: unknown): StoredMessage | MockApiFailure {
    const body = asObject(params);
    const guid = nonEmpty(body.messageguid);
    const token = nonEmpty(body.agenttoken);
    if (guid === null && token === null) return failure(400, 'messageguid or agenttoken is required');
    const message = guid !== null ? byGuid.get(guid) : byToken.get(token as string);
    return message ?? failure(404, 'Message not found');
  }

  const backend: MockAgentBackend = {
    // The model-run endpoints and socket side; `dispose` below stops both halves.
    ...tasks,

    send(params) {
      const body = asObject(params);
      const useragentguid = nonEmpty(body.useragentguid);
      if (useragentguid === null) return failure(400, 'useragentguid is required');
      const attachments = readAttachments(body.attachments);
      const text = typeof body.message === 'string' ? body.message : '';
      if (text.trim() === '' && attachments.length === 0) return failure(400, 'message is required');
      if (body.sessionkey !== undefined && typeof body.sessionkey !== 'string') {
        return failure(400, 'sessionkey must be a string');
      }
      const sessionkey = nonEmpty(body.sessionkey) ?? 'default';
      const agenttoken = randomToken();
      const messageguid = randomGuid();
      let scenario: AgentScenario;
      try {
        scenario = agentScenario(reply(text, { useragentguid, sessionkey, messageguid, attachments }));
      } catch (err) {
        return failure(500, `mock reply failed: ${err instanceof Error ? err.message : String(err)}`);
      }
      store(scenario, text, useragentguid, sessionkey, attachments, agenttoken, messageguid);
      return { result: true, errors: [], messageguid, agenttoken, status: 'agent_queue' };
    },

    detail(params) {
      const found = find(params);
      if ('result' in found) return found;
      return { result: true, errors: [], data: copy(found.record) };
    },

    history(params) {
      const body = asObject(params);
      const useragentguid = nonEmpty(body.useragentguid);
      if (useragentguid === null) return failure(400, 'useragentguid is required');
      const sessionkey = nonEmpty(body.sessionkey) ?? 'default';
      let limit = 50;
      if (body.limit !== undefined) {
        const n = typeof body.limit === 'string' ? Number(body.limit) : body.limit;
        if (typeof n !== 'number' || !Number.isInteger(n) || n < 1)
          return failure(400, 'limit must be a positive integer');
        limit = Math.min(n, 200);
      }
      const rows = [...byGuid.values()]
        .filter((m) => m.useragentguid === useragentguid && m.record.sessionkey === sessionkey)
        .sort((a, b) => b.seq - a.seq);
      let start = 0;
      const before = nonEmpty(body.before);
      if (before !== null) {
        const index = rows.findIndex((m) => m.record.guid === before);
        if (index === -1) return failure(404, 'before: message not found');
        start = index + 1;
      }
      const page = rows.slice(start, start + limit);
      return {
        result: true,
        errors: [],
        data: {
          messages: page.map((m) => historyRow(m.record)),
          count: page.length,
          hasmore: start + limit < rows.length,
        },
      };
    },

    sessions(params) {
      const body = asObject(params);
      const useragentguid = nonEmpty(body.useragentguid);
      if (useragentguid === null) return failure(400, 'useragentguid is required');
      const latest = new Map<string, { count: number; newest: StoredMessage }>();
      for (const m of byGuid.values()) {
        if (m.useragentguid !== useragentguid) continue;
        const entry = latest.get(m.record.sessionkey);
        if (entry === undefined) latest.set(m.record.sessionkey, { count: 1, newest: m });
        else {
          entry.count++;
          if (m.seq > entry.newest.seq) entry.newest = m;
        }
      }
      const sessions = [...latest.entries()]
        .sort((a, b) => b[1].newest.seq - a[1].newest.seq)
        .map(([sessionkey, { count, newest }]) => ({
          sessionkey,
          messagecount: String(count),
          updatedat: newest.record.createdat,
          lastmessage: newest.record.content,
        }));
      return { result: true, errors: [], data: { sessions } };
    },

    deleteSession(params) {
      const body = asObject(params);
      const useragentguid = nonEmpty(body.useragentguid);
      if (useragentguid === null) return failure(400, 'useragentguid is required');
      const sessionkey = nonEmpty(body.sessionkey);
      if (sessionkey === null) return failure(400, 'sessionkey is required');
      for (const m of [...byGuid.values()]) {
        if (m.useragentguid !== useragentguid || m.record.sessionkey !== sessionkey) continue;
        stop(m);
        byGuid.delete(m.record.guid);
        byToken.delete(m.agenttoken);
      }
      return { result: true, errors: [] };
    },

    cancel(params) {
      const found = find(params);
      if ('result' in found) return found;
      const { record } = found;
      if (TERMINAL.has(record.status)) {
        return failure(
          409,
          `Only messages in agent_queue, agent_start or agent_output status can be cancelled (status is ${record.status})`,
        );
      }
      const wasQueued = record.status === 'agent_queue';
      stop(found);
      if (wasQueued) {
        // The bridge never started: the row flips to cancelled and nothing is broadcast.
        markCancelled(record, '');
      } else {
        markCancelled(record, CANCEL_REASON);
        broadcast(found.agenttoken, {
          type: 'agent_cancel',
          agenttoken: found.agenttoken,
          message: CANCEL_REASON,
          result: false,
        });
      }
      return { result: true, errors: [] };
    },

    handle(endpoint, body) {
      const method = ENDPOINTS[endpoint];
      if (method === undefined) return { status: 404, body: failure(404, `Unknown endpoint ${endpoint.slice(0, 40)}`) };
      const result = backend[method](body as MockSendParams);
      return { status: 200, body: result };
    },

    createMessage(scenarioInput, opts = {}) {
      const scenario = agentScenario(scenarioInput);
      const agenttoken = opts.agenttoken ?? randomToken();
      if (byToken.has(agenttoken)) throw new Error('createMessage: that agenttoken is already in use');
      const messageguid = randomGuid();
      store(
        scenario,
        opts.content ?? '',
        opts.useragentguid ?? 'mock-useragent-guid',
        opts.sessionkey ?? 'default',
        readAttachments(opts.attachments),
        agenttoken,
        messageguid,
      );
      return { agenttoken, messageguid };
    },

    subscribe(agenttoken, subscriber) {
      const message = byToken.get(agenttoken);
      if (message === undefined) {
        subscriber.frame({ type: 'agent_subscribed', agenttoken, status: 'unknown', result: true });
        return () => {};
      }
      let set = subscribers.get(agenttoken);
      if (set === undefined) subscribers.set(agenttoken, (set = new Set()));
      set.add(subscriber);
      subscriber.frame({
        type: 'agent_subscribed',
        agenttoken,
        status: message.record.status,
        debugoutput: message.record.debugoutput,
        result: true,
      });
      return () => {
        const current = subscribers.get(agenttoken);
        current?.delete(subscriber);
        if (current?.size === 0) subscribers.delete(agenttoken);
      };
    },

    getMessage(ref) {
      const message =
        ref.messageguid !== undefined
          ? byGuid.get(ref.messageguid)
          : ref.agenttoken !== undefined
            ? byToken.get(ref.agenttoken)
            : undefined;
      return message === undefined ? undefined : copy(message.record);
    },

    dispose() {
      disposed = true;
      for (const m of byGuid.values()) stop(m);
      subscribers.clear();
      tasks.dispose();
    },
  };
  return backend;
}

const ENDPOINTS: Record<string, 'send' | 'detail' | 'history' | 'sessions' | 'deleteSession' | 'cancel'> = {
  Send: 'send',
  Detail: 'detail',
  History: 'history',
  Sessions: 'sessions',
  DeleteSession: 'deleteSession',
  Cancel: 'cancel',
};

/** Wiro's `metadata` on `agent_end`: the final progress object, with `speed` as a number. */
function finalMetadata(progress: WireProgress): Record<string, unknown> {
  return { ...progress, speed: Number(progress.speed), thinking: [...progress.thinking], answer: [...progress.answer] };
}

function readAttachments(value: unknown): MockAttachment[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item: unknown) => {
    const a = asObject(item);
    if (typeof a.url !== 'string') return [];
    return [
      {
        url: a.url,
        name: typeof a.name === 'string' ? a.name : '',
        type: typeof a.type === 'string' ? a.type : '',
        size: typeof a.size === 'number' ? a.size : 0,
      },
    ];
  });
}

function historyRow(record: MockMessageRecord): MockHistoryRow {
  const { uuid: _uuid, sessionkey: _sessionkey, startedat: _startedat, endedat: _endedat, ...row } = copy(record);
  return row;
}

function copy(record: MockMessageRecord): MockMessageRecord {
  return JSON.parse(JSON.stringify(record)) as MockMessageRecord;
}

function randomBytes(n: number): Uint8Array {
  const bytes = new Uint8Array(n);
  const c = (globalThis as { crypto?: { getRandomValues?: (a: Uint8Array) => Uint8Array } }).crypto;
  if (c?.getRandomValues) c.getRandomValues(bytes);
  else for (let i = 0; i < n; i++) bytes[i] = Math.floor(Math.random() * 256);
  return bytes;
}

/** A 30-character token like Wiro's (`aB3xK9mR2pLqWzVn7tYhCd5sFgJkNb`). */
function randomToken(): string {
  let token = '';
  for (const byte of randomBytes(30)) token += TOKEN_ALPHABET[byte % TOKEN_ALPHABET.length];
  return token;
}

function randomGuid(): string {
  const hex = [...randomBytes(16)].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
