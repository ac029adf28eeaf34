import type { TaskEvent } from '../store/task-types.js';
import { taskEventProblem } from '../store/validate-task.js';
import { socketCores } from './stream-kind.js';
import { createTaskRuns } from './task-runs.js';
import type { TaskRecoveryApi } from './task-recovery.js';
import type { AgentSocket, TaskSocketMethods } from './types.js';

/** Options of {@link withTasks}. */
export interface WithTasksOptions {
  /**
   * The REST client to recover runs with through Task/Detail (see `AgentSocketOptions.api`). Used when the
   * socket has none yet: the socket's own `api` option, or the first client given here, stays.
   */
  api?: TaskRecoveryApi;
}

/**
 * Follow model runs (tasks) on `socket`, beside its agent replies and over the same connection: adds
 * `subscribeTask`, `getTask`, `watchTask` and `ingestTask` to the socket and returns it (the same object,
 * typed with them). Idempotent: the first call attaches the task side, later calls return the same socket
 * (and give it an `api` if it had none). `useTaskStream` and `useRunModel` call it themselves.
 *
 * Runs are their own module: an app that never calls this (nor those hooks) does not bundle the task
 * decoder, reducer or recovery.
 *
 * A socket of your own (a wrapper or a test double) that already has the four methods is returned as it is.
 *
 * @throws TypeError when `socket` was not made by `createAgentSocket` and has no task methods of its own.
 * @example
 * const api = createAgentApi({ baseUrl: '/api/wiro' });
 * const socket = withTasks(createAgentSocket(), { api });
 * const { tasktoken } = await api.run('wiro/flux-dev', { prompt: 'a lighthouse at dusk' });
 * const release = socket.subscribeTask(tasktoken);
 * const unwatch = socket.watchTask(tasktoken, (task) => console.info(task.status, task.outputs));
 */
export function withTasks<S extends AgentSocket>(socket: S, options?: WithTasksOptions): S & TaskSocketMethods {
  const core = socketCores.get(socket);
  if (core === undefined) {
    if (hasTaskMethods(socket)) return socket;
    throw new TypeError(
      'withTasks: pass a socket made by createAgentSocket (or one of your own with subscribeTask, getTask, ' +
        'watchTask and ingestTask).',
    );
  }
  const runs = core.attach('tasks', (host) => {
    const made = createTaskRuns(host);
    const methods: TaskSocketMethods = {
      subscribeTask: made.subscribe,
      getTask: made.get,
      watchTask: made.watch,
      ingestTask(event: TaskEvent) {
        const problem = taskEventProblem(event);
        if (problem !== null) {
          throw new TypeError(
            `AgentSocket.ingestTask: ${problem}. Pass an event reduceTask can apply (a frame from the wire goes ` +
              'through decodeTaskFrame first).',
          );
        }
        made.enqueue(event.tasktoken, event);
      },
    };
    Object.assign(socket, methods);
    return made;
  });
  if (options?.api !== undefined) runs.useApi(options.api);
  return socket as S & TaskSocketMethods;
}

function hasTaskMethods<S extends AgentSocket>(socket: S): socket is S & TaskSocketMethods {
  const s = socket as Partial<TaskSocketMethods>;
  return (
    typeof s.subscribeTask === 'function' &&
    typeof s.getTask === 'function' &&
    typeof s.watchTask === 'function' &&
    typeof s.ingestTask === 'function'
  );
}
