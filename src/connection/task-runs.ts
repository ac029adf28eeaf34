import { redactToken } from '../protocol/redact.js';
import type { TaskServerFrame } from '../protocol/task-types.js';
import type { ProtocolError } from '../protocol/types.js';
import type { KeyedStore } from '../store/keyed.js';
import { createTask, reduceTask } from '../store/task-reduce.js';
import type { TaskEvent, TaskStream } from '../store/task-types.js';
import { createEvictionQueue } from './eviction.js';
import { createIdleCache } from './idle-cache.js';
import { createRecentSet } from './recent-set.js';
import { createTaskEventQueue } from './task-queue.js';
import { createTaskRecovery, type TaskRecoveryApi } from './task-recovery.js';

/** Placeholders kept for tasktokens nobody holds (a render reads one before its effect subscribes). */
const IDLE_PLACEHOLDERS = 1024;
/** Stranger tasktokens remembered as reported. */
const REPORTED_STRANGERS = 1024;

/** One physical connection, as the model-run side of the socket sees it. */
export interface TaskLink {
  /** Tasktokens a `task_info` was sent for on this connection and whose run is still in the store. */
  readonly tasksSent: Set<string>;
  /** Tasktokens subscribed on this connection whose run was evicted since: their frames are ignored. */
  readonly tasksEvicted: Set<string>;
  /** Welcome received (or waited for long enough): subscribes may go out. */
  readonly ready: boolean;
  /** Send one text frame; `false` when the connection cannot send now. */
  send(text: string): boolean;
}

/** What the model-run side needs from the socket that carries it. */
export interface TaskRunsHost {
  /** Runs by tasktoken; the host publishes it together with the agent streams. */
  readonly store: KeyedStore<TaskStream>;
  /** Apply every frame at once (`schedule: 'sync'`). */
  readonly sync: boolean;
  /** See `AgentSocketOptions.api`. */
  readonly api: TaskRecoveryApi | undefined;
  readonly evictAfterMs: number;
  /** The connection following runs now (open or opening), or `null`. */
  link(): TaskLink | null;
  /** Throw now when following a run would need a connection this runtime cannot open. */
  assertCanConnect(): void;
  /** Make sure a connection is open or coming (opens one unless one is pending); cancels an idle close. */
  connect(): void;
  /** Ask for a flush of both queues (the host's schedule). */
  requestFlush(): void;
  /** Publish staged changes of both stores. */
  publish(): void;
  report(error: ProtocolError): void;
  /** A run stopped being live (finished or released): the host may close an idle connection. */
  checkIdle(): void;
}

/** The runs a flush changed. */
export interface TaskFlush {
  touched: string[];
  /** A run became terminal. */
  finished: boolean;
}

/**
 * The model-run (task) side of the shared socket: reference-counted `task_info` subscriptions, the
 * per-token queue and store of {@link TaskStream}s, routing of `task_*` frames, eviction, and recovery
 * through Task/Detail. The socket owns the connection and calls in at its lifecycle points; agent
 * streams and runs share the connection, the flush and the whole-store view.
 */
export interface TaskRuns {
  subscribe(tasktoken: string): () => void;
  get(tasktoken: string): TaskStream;
  watch(tasktoken: string, listener: (task: TaskStream) => void): () => void;
  /** Queue an event (already validated). */
  enqueue(tasktoken: string, event: TaskEvent): void;
  /** Some held run is not finished: the socket must keep a connection. */
  hasLive(): boolean;
  /** A connection became ready: subscribe every live run on it. */
  onReady(link: TaskLink): void;
  /** A decoded `task_*` frame arrived on `link`. */
  route(link: TaskLink, frame: TaskServerFrame, data: unknown): void;
  /** Apply the queue to the store (staged, not published). */
  drain(now: number): TaskFlush;
  /** After the host published a flush: evictions, and Task/Detail for results without `pexit`. */
  afterPublish(flush: TaskFlush): void;
  /** The socket gave up reconnecting. */
  giveUp(message: string): void;
  /** The connection went away: queue every run nobody follows any more for eviction. */
  considerAllEvictions(): void;
  /** `close()` of the socket: stop Task/Detail requests, forget placeholders and reported strangers. */
  close(): void;
}

/** Create the model-run side of a socket. */
export function createTaskRuns(host: TaskRunsHost): TaskRuns {
  const { store } = host;
  const holders = new Map<string, number>();
  const queue = createTaskEventQueue();
  const idle = createIdleCache<TaskStream>(createTask, IDLE_PLACEHOLDERS, (token) => holders.has(token));
  const strangers = createRecentSet(REPORTED_STRANGERS);
  const evictions = createEvictionQueue(host.evictAfterMs, evict);
  /** Runs whose result came without `pexit` and for which Task/Detail was asked once. */
  const askedExitCode = new Set<string>();
  const recovery =
    host.api === undefined
      ? null
      : createTaskRecovery({
          api: host.api,
          wanted: (token) => holders.has(token),
          deliver: (token, record) => enqueue(token, { type: 'local_task_recovered', tasktoken: token, record }),
        });

  function isLive(token: string): boolean {
    return (holders.get(token) ?? 0) > 0 && store.get(token)?.isDone !== true;
  }

  function enqueue(token: string, event: TaskEvent): void {
    if (host.sync) return applyNow(token, event);
    queue.push(token, event);
    host.requestFlush();
  }

  function applyNow(token: string, event: TaskEvent): void {
    const before = store.get(token);
    const start = before ?? idle.get(token);
    const task = reduceSafely(start, event, Date.now());
    if (task === start) return;
    store.set(token, task);
    if (before === undefined) idle.delete(token);
    host.publish();
    const finished = task.isDone && before?.isDone !== true;
    afterPublish({ touched: [token], finished });
  }

  /** The reducer does not throw on a validated event; if it ever did, one event is skipped, not the flush. */
  function reduceSafely(task: TaskStream, event: TaskEvent, now: number): TaskStream {
    try {
      return reduceTask(task, event, now);
    } catch (err) {
      host.report({
        type: 'protocol_error',
        error: `event could not be applied: ${err instanceof Error ? err.message : 'unknown error'}`,
        data: event,
        tasktoken: task.tasktoken,
      });
      return task;
    }
  }

  function send(link: TaskLink, token: string): void {
    if (link.tasksSent.has(token) || link.tasksEvicted.has(token)) return;
    if (!link.send(JSON.stringify({ type: 'task_info', tasktoken: token }))) return;
    link.tasksSent.add(token);
    evictions.cancel(token);
    enqueue(token, { type: 'local_task_subscribing', tasktoken: token });
    // The socket replays nothing for tasks: what happened before this subscription (the run started
    // before it, or ran on while no connection followed it) is known only from Task/Detail.
    recovery?.request(token);
  }

  function afterPublish(flush: TaskFlush): void {
    for (const token of flush.touched) {
      const task = store.get(token);
      if (task === undefined) continue;
      if (
        recovery !== null &&
        task.status === 'task_postprocess_end' &&
        task.exitCode === null &&
        holders.has(token) &&
        !askedExitCode.has(token)
      ) {
        // Success is decided by `pexit` only; a result without it is "finished", and Task/Detail says how.
        askedExitCode.add(token);
        recovery.request(token);
      }
      considerEviction(token);
    }
    if (flush.finished) host.checkIdle();
  }

  function evictable(token: string): boolean {
    if (holders.has(token)) return false;
    const task = store.get(token);
    if (task === undefined) return false;
    const link = host.link();
    return task.isDone || link === null || !link.tasksSent.has(token);
  }

  function considerEviction(token: string): void {
    if (evictable(token)) evictions.schedule(token);
  }

  function evict(tokens: string[]): void {
    let evicted = false;
    const link = host.link();
    for (const token of tokens) {
      if (!evictable(token)) continue;
      store.delete(token);
      askedExitCode.delete(token);
      if (link !== null && link.tasksSent.delete(token)) link.tasksEvicted.add(token);
      evicted = true;
    }
    if (evicted) host.publish();
  }

  return {
    subscribe(tasktoken) {
      if (typeof tasktoken !== 'string' || tasktoken.trim() === '') {
        throw new TypeError(
          `AgentSocket.subscribeTask: tasktoken must be a non-empty string (got ${redactToken(tasktoken)})`,
        );
      }
      const token = tasktoken;
      const terminal = store.get(token)?.isDone === true;
      if (!terminal) host.assertCanConnect();
      const wasHeld = holders.has(token);
      holders.set(token, (holders.get(token) ?? 0) + 1);
      evictions.cancel(token);
      if (!terminal) {
        host.connect();
        const link = host.link();
        if (link !== null && link.tasksEvicted.has(token)) {
          // Subscribed on this connection before and evicted since: the run is brought back by Task/Detail.
          if (!wasHeld) {
            enqueue(token, { type: 'local_task_subscribing', tasktoken: token });
            if (recovery !== null) recovery.request(token);
            else if (link.ready) {
              // Without a REST client, subscribing again is all there is: a finished run stays unknown.
              link.tasksEvicted.delete(token);
              send(link, token);
            }
          }
        } else if (link !== null && link.ready) {
          send(link, token);
        }
      }

      let released = false;
      return () => {
        if (released) return;
        released = true;
        const left = (holders.get(token) ?? 1) - 1;
        if (left > 0) {
          holders.set(token, left);
          return;
        }
        holders.delete(token);
        idle.delete(token);
        considerEviction(token);
        host.checkIdle();
      };
    },

    get: (tasktoken) => store.get(tasktoken) ?? idle.get(tasktoken),

    watch: (tasktoken, listener) => store.watch(tasktoken, listener),

    enqueue,

    hasLive() {
      for (const token of holders.keys()) if (isLive(token)) return true;
      return false;
    },

    onReady(link) {
      for (const token of holders.keys()) if (isLive(token)) send(link, token);
    },

    route(link, frame, data) {
      const token = frame.tasktoken;
      if (!link.tasksSent.has(token)) {
        if (link.tasksEvicted.has(token) || strangers.has(token)) return;
        strangers.add(token);
        host.report({
          type: 'protocol_error',
          error: `frame for a tasktoken this socket did not subscribe (${redactToken(token)})`,
          data,
          tasktoken: token,
        });
        return;
      }
      // Realtime session frames change nothing the kit keeps for a run.
      if (frame.type === 'task_stream_ready' || frame.type === 'task_stream_end' || frame.type === 'task_cost') return;
      enqueue(token, frame);
    },

    drain(now) {
      const flush: TaskFlush = { touched: [], finished: false };
      if (queue.isEmpty()) return flush;
      for (const [token, events] of queue.drain()) {
        const before = store.get(token);
        const start = before ?? idle.get(token);
        let task = start;
        for (const event of events) task = reduceSafely(task, event, now);
        if (task === start) continue;
        store.set(token, task);
        if (before === undefined) idle.delete(token);
        flush.touched.push(token);
        if (task.isDone && before?.isDone !== true) flush.finished = true;
      }
      return flush;
    },

    afterPublish,

    giveUp(message) {
      for (const token of holders.keys()) {
        if (isLive(token)) enqueue(token, { type: 'local_task_connection_failed', tasktoken: token, message });
      }
    },

    considerAllEvictions() {
      for (const token of store.keys()) considerEviction(token);
    },

    close() {
      recovery?.close();
      strangers.clear();
      idle.clearUnheld();
    },
  };
}
