/**
 * The socket's internal extension point (not public API): how a kind of stream other than agent replies
 * (model runs, `task_*`) rides on a socket without the socket importing it. `createAgentSocket` registers
 * each socket's {@link SocketCore} here; `withTasks` looks it up and attaches the task side, so an app
 * that follows agent replies only never bundles the task decoder, reducer, queue or recovery.
 *
 * A kind shares what the socket owns: the connection (it sends its own subscribes when a connection is
 * ready, and keeps per-connection facts in a `WeakMap` keyed by the {@link KindLink}, which a reconnect
 * replaces), the flush, the whole-store view, idle close and reconnect decisions (through `hasLive`),
 * eviction timing, `giveUp` and `close`.
 * @packageDocumentation
 */
import type { ProtocolError, ServerFrame } from '../protocol/types.js';
import type { JsonObject } from '../protocol/wire-values.js';
import type { KeyedStore } from '../store/keyed.js';
import type { AgentSocket, AgentSocketOptions } from './types.js';

/** One physical connection, as a kind sees it. A reconnect makes a new one. */
export interface KindLink {
  /** Welcome received (or waited for long enough): subscribes may go out. */
  readonly ready: boolean;
  /** Send one text frame; `false` when the connection cannot send now. */
  send(text: string): boolean;
}

/** What the socket offers a kind. */
export interface KindHost {
  /** The socket's options, as given. */
  readonly options: AgentSocketOptions;
  /** Every event is applied at once (`schedule: 'sync'`). */
  readonly sync: boolean;
  readonly evictAfterMs: number;
  /**
   * A store published together with the agent streams (one `publish` tells both) and shown as
   * `store.getState()[name]`. `absent(key)` is what a watcher of a removed key receives.
   */
  store<V>(name: 'tasks', absent: (key: string) => V): KeyedStore<V>;
  /** The connection open or opening now, or `null`. */
  link(): KindLink | null;
  /**
   * Cancel an idle close and make sure a connection is open or coming.
   * @throws Error when a connection is needed and this runtime cannot open one (no WebSocket).
   */
  connect(): void;
  /** Ask for a flush (the socket's schedule). */
  requestFlush(): void;
  /** Publish staged changes of every store. */
  publish(): void;
  report(error: ProtocolError): void;
  /** Something stopped being live (finished or released): the socket may close an idle connection. */
  checkIdle(): void;
}

/** What the socket calls on an attached kind, at its lifecycle points. */
export interface StreamKind {
  /** Frames whose `type` starts with this are the kind's (`'task_'`). */
  readonly prefix: string;
  /** Decode one of the kind's frames (parsed JSON whose `type` has the prefix). */
  decode(parsed: JsonObject): ServerFrame | ProtocolError;
  /** A decoded frame of the kind arrived on `link`. */
  route(link: KindLink, frame: ServerFrame, data: unknown): void;
  /** Something held is not finished: the socket must keep (or get back) a connection. O(1). */
  hasLive(): boolean;
  /** `link` became ready: subscribe everything live on it. */
  onReady(link: KindLink): void;
  /** Apply queued events to the store (staged); returns what to run after the publish, or `null` when nothing changed. */
  drain(now: number): (() => void) | null;
  /** The socket gave up reconnecting. */
  giveUp(message: string): void;
  /** The connection went away: queue everything nobody follows any more for eviction. */
  considerAllEvictions(): void;
  /** `close()` of the socket. */
  close(): void;
}

/** A socket's side of the extension point. */
export interface SocketCore {
  /** The kind attached under `name`, made by `make` on the first call (later calls return it). */
  attach<K extends StreamKind>(name: string, make: (host: KindHost) => K): K;
}

/** The core of every socket `createAgentSocket` made. */
export const socketCores: WeakMap<AgentSocket, SocketCore> = /* @__PURE__ */ new WeakMap();
