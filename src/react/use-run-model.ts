'use client';

import { useCallback, useContext, useEffect, useRef, useState } from 'react';
import { isAbortError } from '../api/errors.js';
import type { RunInputs, RunOptions, RunResult, TaskApi } from '../api/task-types.js';
import { withTasks } from '../connection/with-tasks.js';
import { taskInterruptAction } from '../components/tasks/stage.js';
import type { TaskStream } from '../store/task-types.js';
import { AgentSocketContext } from './context.js';
import { useLatest } from './use-latest.js';
import { useTaskStream } from './use-task-stream.js';

/**
 * Where a {@link useRunModel} run is:
 * - `idle`: nothing run yet (or after `reset`);
 * - `starting`: the Run request is in flight;
 * - `running`: Wiro accepted the run; it is followed on the socket (queued, preparing, running, uploading);
 * - `stopping`: Task/Cancel or Task/Kill was sent, the run has not ended yet;
 * - `done`: the run ended: succeeded, failed or cancelled (`task.succeeded`, `task.error` say which);
 * - `error`: the Run request failed (`error`); nothing runs.
 */
export type RunModelStatus = 'idle' | 'starting' | 'running' | 'stopping' | 'done' | 'error';

/** Options of {@link useRunModel}. */
export interface UseRunModelOptions {
  /**
   * The REST client (`createAgentApi({ baseUrl })`, pointed at a route with `createTaskProxy` in a
   * browser). Uses `run`, `cancelTask`, `killTask` and `taskDetail`; the provider's socket also recovers
   * runs through it after a reconnect, unless it has a client of its own (`options={{ api }}`).
   */
  api: Pick<TaskApi, 'run' | 'cancelTask' | 'killTask' | 'taskDetail'>;
  /** The model, `"owner/model"` as in Wiro's URLs (e.g. `"wiro/flux-dev"`). */
  model: string;
}

/** What {@link useRunModel} returns. */
export interface UseRunModelResult {
  /**
   * Start a run with these inputs (replacing the one shown, which keeps running on Wiro). Resolves with
   * Wiro's answer, or `null` when the Run request failed (see `error`) or was superseded. Never rejects.
   */
  run: (inputs: RunInputs, options?: Omit<RunOptions, 'signal'>) => Promise<RunResult | null>;
  /** The run, live from the socket (an idle run before the first `run`). Render it with `<TaskProgress>` / `<TaskOutputs>`. */
  task: TaskStream;
  /** The run's tasktoken, once Wiro accepted it. */
  tasktoken: string | null;
  /**
   * Stop the run the way its state allows: Task/Cancel while it is queued, Task/Kill once it runs
   * (when the run moved on meanwhile and Wiro refuses, the other is tried). Resolves with what was sent,
   * or `null` when nothing could be (not started, finished, or being prepared, when Wiro accepts
   * neither). Never rejects: a refusal is `error`.
   */
  cancel: () => Promise<'cancel' | 'kill' | null>;
  status: RunModelStatus;
  /** Why the last Run, Cancel or Kill request failed (a `WiroApiError` for the API's own refusals). */
  error: Error | null;
  /** Forget the run shown (it keeps running on Wiro) and return to `idle`. */
  reset: () => void;
}

interface RunState {
  phase: 'idle' | 'starting' | 'accepted' | 'stopping' | 'error';
  tasktoken: string | null;
  error: Error | null;
}

const IDLE: RunState = { phase: 'idle', tasktoken: null, error: null };

/**
 * Run a model and follow it: `run(inputs)` calls Run (REST), subscribes to the run on the provider's
 * socket (the same connection as agent replies), and `cancel()` cancels or kills it as its state
 * requires. Needs an `AgentSocketProvider` above. A run interrupted by a reconnect is recovered through
 * Task/Detail with the same `api` (see `withTasks`).
 *
 * Nothing throws into React: failures are `error` and `status: 'error'`. Unmounting aborts a Run in flight
 * and releases the run's subscription (the run itself goes on on Wiro).
 *
 * @example
 * ```tsx
 * const api = useMemo(() => createAgentApi({ baseUrl: '/api/wiro' }), []);
 * const { run, task, cancel, status } = useRunModel({ api, model: 'wiro/flux-dev' });
 * // <button onClick={() => run({ prompt })} disabled={status === 'starting'}>Generate</button>
 * // <TaskProgress task={task} onCancel={cancel} /> <TaskOutputs task={task} />
 * ```
 * @throws Error when there is no `AgentSocketProvider` above; TypeError (from `withTasks`) when the
 * provider's `socket` is neither made by `createAgentSocket` nor has task methods.
 */
export function useRunModel(options: UseRunModelOptions): UseRunModelResult {
  const provided = useContext(AgentSocketContext);
  if (!provided) {
    throw new Error('useRunModel: no <AgentSocketProvider> above this component. Wrap your app (or the page) in one.');
  }
  // Idempotent, opens nothing: the socket follows runs, and recovers them with this client if it has none.
  const socket = withTasks(provided, { api: options.api });
  const [state, setState] = useState<RunState>(IDLE);
  const task = useTaskStream(state.tasktoken);
  const latest = useLatest({ options, socket, state });
  /** Bumped by every run, reset and unmount: an answer for an older generation is dropped. */
  const generation = useRef(0);
  const pending = useRef<AbortController | null>(null);

  useEffect(
    () => () => {
      // Unmount (or StrictMode's simulated one): whatever is in flight no longer has a page to update.
      generation.current++;
      pending.current?.abort();
      pending.current = null;
    },
    [],
  );

  const run = useCallback(
    async (inputs: RunInputs, runOptions?: Omit<RunOptions, 'signal'>): Promise<RunResult | null> => {
      const mine = ++generation.current;
      pending.current?.abort();
      const controller = new AbortController();
      pending.current = controller;
      setState({ phase: 'starting', tasktoken: null, error: null });
      const { api, model } = latest.current.options;
      try {
        const result = await api.run(model, inputs, { ...runOptions, signal: controller.signal });
        if (generation.current !== mine) return null;
        pending.current = null;
        setState({ phase: 'accepted', tasktoken: result.tasktoken, error: null });
        return result;
      } catch (error) {
        if (generation.current !== mine || isAbortError(error)) return null;
        pending.current = null;
        setState({ phase: 'error', tasktoken: null, error: asError(error) });
        return null;
      }
    },
    [latest],
  );

  const cancel = useCallback(async (): Promise<'cancel' | 'kill' | null> => {
    const { socket: current, state: now, options: opts } = latest.current;
    const token = now.tasktoken;
    if (token === null) return null;
    const mine = generation.current;
    const first = interruptionOf(current.getTask(token));
    if (first === null) return null;
    setState((s) => (s.tasktoken === token ? { ...s, phase: 'stopping', error: null } : s));
    const send = (action: 'cancel' | 'kill'): Promise<void> =>
      action === 'cancel' ? opts.api.cancelTask(token) : opts.api.killTask(token);
    let done: 'cancel' | 'kill' | null = null;
    let failure: unknown = null;
    try {
      await send(first);
      done = first;
    } catch (error) {
      failure = error;
      // The run may have left the queue (or not reached a GPU yet) since: try what its state allows now.
      const second = interruptionOf(current.getTask(token));
      if (second !== null && second !== first) {
        try {
          await send(second);
          done = second;
        } catch (again) {
          failure = again;
        }
      }
    }
    if (generation.current !== mine) return done;
    if (done === null) {
      setState((s) => (s.tasktoken === token ? { ...s, phase: 'accepted', error: asError(failure) } : s));
      return null;
    }
    // Wiro confirms on the socket (`task_cancel`); Task/Detail confirms it too, in case no frame comes
    // (a cancel while queued) or the connection is away.
    opts.api.taskDetail({ tasktoken: token }).then(
      (record) => {
        if (generation.current === mine) {
          current.ingestTask({ type: 'local_task_recovered', tasktoken: token, record });
        }
      },
      () => {
        // The socket's own frames still end the run.
      },
    );
    return done;
  }, [latest]);

  const reset = useCallback(() => {
    generation.current++;
    pending.current?.abort();
    pending.current = null;
    setState(IDLE);
  }, []);

  return { run, task, tasktoken: state.tasktoken, cancel, status: statusOf(state, task), error: state.error, reset };
}

function statusOf(state: RunState, task: TaskStream): RunModelStatus {
  switch (state.phase) {
    case 'idle':
    case 'starting':
    case 'error':
      return state.phase;
    default:
      if (task.isDone) return 'done';
      return state.phase === 'stopping' ? 'stopping' : 'running';
  }
}

/** What can stop the run now; a run nothing was heard of yet was just accepted, so it is queued. */
function interruptionOf(task: TaskStream): 'cancel' | 'kill' | null {
  if (task.isDone) return null;
  if (task.status === 'idle' || task.status === 'subscribing') return 'cancel';
  return taskInterruptAction(task);
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
