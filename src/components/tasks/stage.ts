/**
 * The view state of a model run, derived from its {@link TaskStream}: what `<TaskProgress>` and
 * `<TaskOutputs>` show, and which interruption Wiro allows at that point. Framework-free.
 * @packageDocumentation
 */
import type { TaskOutputFile } from '../../protocol/task-types.js';
import type { TaskStream } from '../../store/task-types.js';

/**
 * What a run is doing, as people would say it (exposed as `data-stage` on the task components):
 * - `idle`: no run yet; `waiting`: subscribed, nothing heard yet;
 * - `queued`: waiting for a worker; `preparing`: accepted, inputs being preprocessed;
 * - `loading`: assigned to a GPU, the model is loading; `running`: the model is running;
 * - `uploading`: the model finished, outputs are being post-processed and uploaded;
 * - `succeeded` (exit code 0), `failed` (non-zero exit code), `finished` (ended, exit code not known yet);
 * - `cancelled` (cancelled or killed), `unknown` (the server does not know the run),
 *   `connection-failed` (the socket gave up; the run may still be going).
 */
export type TaskStage =
  | 'idle'
  | 'waiting'
  | 'queued'
  | 'preparing'
  | 'loading'
  | 'running'
  | 'uploading'
  | 'succeeded'
  | 'failed'
  | 'finished'
  | 'cancelled'
  | 'unknown'
  | 'connection-failed';

/** The {@link TaskStage} of a run. */
export function taskStage(task: TaskStream): TaskStage {
  switch (task.status) {
    case 'unknown':
      return 'unknown';
    case 'task_cancel':
      return 'cancelled';
    case 'task_postprocess_end':
      return task.succeeded === true ? 'succeeded' : task.succeeded === false ? 'failed' : 'finished';
    default:
      break;
  }
  if (task.error?.kind === 'connection') return 'connection-failed';
  switch (task.status) {
    case 'idle':
      return 'idle';
    case 'subscribing':
      return 'waiting';
    case 'task_queue':
      return 'queued';
    case 'task_accept':
    case 'task_preprocess_start':
    case 'task_preprocess_end':
      return 'preparing';
    case 'task_assign':
      return 'loading';
    case 'task_start':
    case 'task_output':
      return 'running';
    default:
      return 'uploading';
  }
}

/** `true` for the stages in which the run is still going (as far as this page knows). */
export function isActiveStage(stage: TaskStage): boolean {
  return (
    stage === 'waiting' ||
    stage === 'queued' ||
    stage === 'preparing' ||
    stage === 'loading' ||
    stage === 'running' ||
    stage === 'uploading'
  );
}

/**
 * How the run can be stopped right now: `cancel` (Task/Cancel) while it is queued, `kill` (Task/Kill) once
 * a GPU was assigned and while the model runs, `null` otherwise (Wiro accepts neither while a worker
 * prepares the inputs, nor once the model process has ended).
 */
export function taskInterruptAction(task: TaskStream): 'cancel' | 'kill' | null {
  const stage = taskStage(task);
  if (stage === 'queued') return 'cancel';
  if (stage === 'loading' || stage === 'running') return 'kill';
  return null;
}

/** How an output is shown: as an image, a video or audio player, or a download link. */
export type TaskOutputKind = 'image' | 'video' | 'audio' | 'file';

/** The {@link TaskOutputKind} of a file, by its MIME type. */
export function taskOutputKind(file: TaskOutputFile): TaskOutputKind {
  const type = file.contentType.toLowerCase();
  if (type.startsWith('image/')) return 'image';
  if (type.startsWith('video/')) return 'video';
  if (type.startsWith('audio/')) return 'audio';
  return 'file';
}
