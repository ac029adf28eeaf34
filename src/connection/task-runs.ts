import { decodeTaskFrame } from '../protocol/task-decode.js';
import { redactToken } from '../protocol/redact.js';
import type { TaskServerFrame } from '../protocol/task-types.js';
import { createTask, reduceTask } from '../store/task-reduce.js';
import type { TaskEvent, TaskStream } from '../store/task-types.js';
import { createEvictionQueue } from './eviction.js';
import { createHolders } from './holders.js';
import { createIdleCache } from './idle-cache.js';
import { createRecentSet } from './recent-set.js';
import type { KindHost, KindLink, StreamKind } from './stream-kind.js';
import { createTaskEventQueue } from './task-queue.js';
import { createTaskRecovery, type TaskRecoveryApi } from './task-recovery.js';

/** Placeholders kept for tasktokens nobody holds (a render reads one before its effect subscribes). */
const IDLE_PLACEHOLDERS = 1024;
/** Stranger tasktokens remembered as reported. */
const REPORTED_STRANGERS = 1024;

/** What one connection knows of runs; a reconnect makes a new connection, so these reset by construction. */
interface LinkRuns {
  /** Tasktokens a `task_info` was sent for on this connection and whose run is still in the store. */
  sent: Set<string>;
  /** Tasktokens subscribed on this connection whose run was evicted since: their frames are ignored. */
  evicted: Set<string>;
}

/**
 * The model-run (task) side of a shared socket, attached through the socket's extension point
 * (stream-kind.ts) by `withTasks`: reference-counted `task_info` subscriptions, the per-token queue and
 * store of {@link TaskStream}s, routing of `task_*` frames, eviction, and recovery through Task/Detail.
 * The socket owns the connection and calls in at its lifecycle points; agent streams and runs share the
 * connection, the flush and the whole-store view.
 */
export interface TaskRuns extends StreamKind {
  // Function properties, not methods: `withTasks` puts them on the socket as they are.
  subscribe: (tasktoken: string) => () => void;
  get: (tasktoken: string) => TaskStream;
  watch: (tasktoken: string, listener: (task: TaskStream) => void) => () => void;
  /** Queue an event (already validated). */
  enqueue(tasktoken: string, event: TaskEvent): void;
  /** Recover runs through `api` from now on, unless the socket already has a REST client (the first one stays). */
  useApi(api: TaskRecoveryApi): void;
}

/** Create the model-run side of a socket (see {@link TaskRuns}); the socket's `api` option is its REST client. */
export function createTaskRuns(host: KindHost): TaskRuns {
  const store = host.store('tasks', (token) => idle.get(token));
  const holders = createHolders();
  /** Held runs that are not finished: kept beside `holders` so "is anything live" is O(1). */
  const live = new Set<string>();
  const links = new WeakMap<KindLink, LinkRuns>();
  const queue = createTaskEventQueue();
  const idle = createIdleCache<TaskStream>(createTask, IDLE_PLACEHOLDERS, (token) => holders.has(token));
  const strangers = createRecentSet(REPORTED_STRANGERS);
  const evictions = createEvictionQueue(host.evictAfterMs, evict);
  /** Runs whose result came without `pexit` and for which Task/Detail was asked once. */
  const askedExitCode = new Set<string>();
  let api = host.options.api;
  const recovery = createTaskRecovery({
    api: () => api,
    wanted: (token) => holders.has(token),
    deliver: (token, record) => enqueue(token, { type: 'local_task_recovered', tasktoken: token, record }),
  });

  function runsOf(link: KindLink): LinkRuns {
    let runs = links.get(link);
    if (runs === undefined) links.set(link, (runs = { sent: new Set(), evicted: new Set() }));
    return runs;
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
    stage(token, task, before);
    host.publish();
    afterPublish([token], task.isDone && before?.isDone !== true);
  }

  function stage(token: string, task: TaskStream, before: TaskStream | undefined): void {
    store.set(token, task);
    if (before === undefined) idle.delete(token);
    if (task.isDone) live.delete(token);
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

  function send(link: KindLink, token: string): void {
    const runs = runsOf(link);
    if (runs.sent.has(token) || runs.evicted.has(token)) return;
    if (!link.send(JSON.stringify({ type: 'task_info', tasktoken: token }))) return;
    runs.sent.add(token);
    evictions.cancel(token);
    enqueue(token, { type: 'local_task_subscribing', tasktoken: token });
    // The socket replays nothing for tasks: what happened before this subscription (the run started
    // before it, or ran on while no connection followed it) is known only from Task/Detail.
    recovery.request(token);
  }

  function afterPublish(touched: readonly string[], finished: boolean): void {
    for (const token of touched) {
      const task = store.get(token);
      if (task === undefined) continue;
      if (
        api !== undefined &&
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
    if (finished) host.checkIdle();
  }

  function evictable(token: string): boolean {
    if (holders.has(token)) return false;
    const task = store.get(token);
    if (task === undefined) return false;
    const link = host.link();
    return task.isDone || link === null || !runsOf(link).sent.has(token);
  }

  function considerEviction(token: string): void {
    if (evictable(token)) evictions.schedule(token);
  }

  function evict(tokens: string[]): void {
    let evicted = false;
    const link = host.link();
    const runs = link === null ? null : runsOf(link);
    for (const token of tokens) {
      if (!evictable(token)) continue;
      store.delete(token);
      askedExitCode.delete(token);
      if (runs !== null && runs.sent.delete(token)) runs.evicted.add(token);
      evicted = true;
    }
    if (evicted) host.publish();
  }

  return {
    prefix: 'task_',

    decode: decodeTaskFrame,

    subscribe(tasktoken) {
      if (typeof tasktoken !== 'string' || tasktoken.trim() === '') {
        throw new TypeError(
          `AgentSocket.subscribeTask: tasktoken must be a non-empty string (got ${redactToken(tasktoken)})`,
        );
      }
      const token = tasktoken;
      const terminal = store.get(token)?.isDone === true;
      // First, so a runtime without WebSocket throws before anything is held.
      if (!terminal) host.connect();
      const { wasHeld, release } = holders.hold(token, () => {
        live.delete(token);
        idle.delete(token);
        considerEviction(token);
        host.checkIdle();
      });
      evictions.cancel(token);
      if (!terminal) {
        live.add(token);
        const link = host.link();
        const runs = link === null ? null : runsOf(link);
        if (link !== null && runs !== null && runs.evicted.has(token)) {
          // Subscribed on this connection before and evicted since: the run is brought back by Task/Detail.
          if (!wasHeld) {
            enqueue(token, { type: 'local_task_subscribing', tasktoken: token });
            if (api !== undefined) recovery.request(token);
            else if (link.ready) {
              // Without a REST client, subscribing again is all there is: a finished run stays unknown.
              runs.evicted.delete(token);
              send(link, token);
            }
          }
        } else if (link !== null && link.ready) {
          send(link, token);
        }
      }

      return release;
    },

    get: (tasktoken) => store.get(tasktoken) ?? idle.get(tasktoken),

    watch: (tasktoken, listener) => store.watch(tasktoken, listener),

    enqueue,

    useApi(next) {
      api ??= next;
    },

    hasLive: () => live.size > 0,

    onReady(link) {
      for (const token of live) send(link, token);
    },

    route(link, frame, data) {
      const { type, tasktoken: token } = frame as TaskServerFrame;
      const runs = runsOf(link);
      if (!runs.sent.has(token)) {
        if (runs.evicted.has(token) || strangers.has(token)) return;
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
      if (type === 'task_stream_ready' || type === 'task_stream_end' || type === 'task_cost') return;
      enqueue(token, frame as TaskServerFrame);
    },

    drain(now) {
      if (queue.isEmpty()) return null;
      const touched: string[] = [];
      let finished = false;
      for (const [token, events] of queue.drain()) {
        const before = store.get(token);
        const start = before ?? idle.get(token);
        let task = start;
        for (const event of events) task = reduceSafely(task, event, now);
        if (task === start) continue;
        stage(token, task, before);
        touched.push(token);
        if (task.isDone && before?.isDone !== true) finished = true;
      }
      return touched.length === 0 ? null : () => afterPublish(touched, finished);
    },

    giveUp(message) {
      for (const token of live) enqueue(token, { type: 'local_task_connection_failed', tasktoken: token, message });
    },

    considerAllEvictions() {
      for (const token of store.keys()) considerEviction(token);
    },

    close() {
      recovery.close();
      strangers.clear();
      idle.clearUnheld();
    },
  };
}
