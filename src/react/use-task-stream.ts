'use client';

import { useCallback, useContext, useEffect, useMemo, useSyncExternalStore } from 'react';
import type { TaskSocket } from '../connection/types.js';
import { withTasks } from '../connection/with-tasks.js';
import { createTask } from '../store/task-reduce.js';
import type { TaskStream } from '../store/task-types.js';
import { AgentSocketContext } from './context.js';
import { useSelection, type EqualityFn } from './use-selection.js';

const IDLE_NO_TOKEN: TaskStream = /* @__PURE__ */ Object.freeze(/* @__PURE__ */ createTask(''));
const noopSubscribe = (): (() => void) => () => {};

/**
 * Follow one model run (task) by its tasktoken, over the provider's socket: the same connection as the
 * agent replies.
 *
 * The guarantees of `useAgentStream`, for runs: subscribes while mounted and releases on unmount or when
 * `tasktoken` changes (one `task_info` per token whatever the number of components, StrictMode's double
 * effects included); a `null`/`undefined`/blank token idles (no socket is opened); it follows the run
 * through `socket.watchTask`, so other runs' and replies' frames never run its listener; with a selector it
 * re-renders only when the selected value changes (`Object.is`, or `equalityFn`):
 * `useTaskStream(token, (t) => t.progress.percentage)` re-renders once per percent, not per log line.
 *
 * Problems are state (`task.error`), never thrown. On the server, and while hydrating, it returns the idle
 * run. Runs are recovered through Task/Detail after a reconnect when the socket has a REST client: the
 * provider's `options={{ api }}`, or the `api` of a `useRunModel` on the same socket (see `withTasks`).
 *
 * @throws Error when a token is given but there is no `AgentSocketProvider` above; TypeError (from
 * `withTasks`) when the provider's `socket` is neither made by `createAgentSocket` nor has task methods.
 */
export function useTaskStream(tasktoken: string | null | undefined): TaskStream;
export function useTaskStream<T>(
  tasktoken: string | null | undefined,
  selector: (task: TaskStream) => T,
  equalityFn?: EqualityFn<T>,
): T;
export function useTaskStream<T>(
  tasktoken: string | null | undefined,
  selector?: (task: TaskStream) => T,
  equalityFn: EqualityFn<T> = Object.is,
): T | TaskStream {
  const provided = useContext(AgentSocketContext);
  // Attaching runs is idempotent and opens nothing (safe while rendering, on the server too): the
  // provider's socket follows runs from the first component that asks for one.
  const socket = provided ? withTasks(provided) : null;
  const token = typeof tasktoken === 'string' && tasktoken.trim() !== '' ? tasktoken : null;
  if (token !== null && !socket) {
    throw new Error(
      'useTaskStream: no <AgentSocketProvider> above this component. Wrap your app (or the page) in one.',
    );
  }

  useEffect(() => {
    if (!socket || token === null) return;
    return subscribeSafely(socket, token);
  }, [socket, token]);

  const subscribe = useCallback(
    (listener: () => void) => (socket && token !== null ? socket.watchTask(token, listener) : noopSubscribe()),
    [socket, token],
  );
  const readTask = useCallback(
    (): TaskStream => (socket && token !== null ? socket.getTask(token) : IDLE_NO_TOKEN),
    [socket, token],
  );
  // As in useAgentStream: the server's HTML shows the run before anything happened to it, and the first
  // client snapshot is the socket's own idle run when it holds nothing, so hydration needs no extra render.
  const pristine = useMemo(() => (token === null ? IDLE_NO_TOKEN : createTask(token)), [token]);
  const readServerTask = useCallback((): TaskStream => {
    if (!socket || token === null) return pristine;
    const task = socket.getTask(token);
    return task.updatedAt === 0 ? task : pristine;
  }, [socket, token, pristine]);

  const select = useSelection<TaskStream, T>(selector, equalityFn);
  const getSnapshot = useMemo(() => () => select(readTask()), [select, readTask]);
  const getServerSnapshot = useMemo(() => () => select(readServerTask()), [select, readServerTask]);
  return useSyncExternalStore(subscribe, getSnapshot, getServerSnapshot);
}

/** Subscribing can fail synchronously (no WebSocket in this runtime): that becomes run state, not a render error. */
function subscribeSafely(socket: TaskSocket, token: string): () => void {
  try {
    return socket.subscribeTask(token);
  } catch (err) {
    socket.ingestTask({
      type: 'local_task_connection_failed',
      tasktoken: token,
      message: err instanceof Error ? err.message : 'Could not open the socket.',
    });
    return () => {};
  }
}
