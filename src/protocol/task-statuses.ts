/**
 * The statuses a model run goes through, as Wiro names them (Task/Detail's `status` and the socket's
 * frame types): one list the decoder, the reducer and the mocks all read.
 * @packageDocumentation
 */

/** The documented statuses of a run, in lifecycle order. */
export const TASK_RECORD_STATUSES = [
  'task_queue',
  'task_accept',
  'task_preprocess_start',
  'task_preprocess_end',
  'task_assign',
  'task_start',
  'task_output',
  'task_end',
  'task_postprocess_start',
  'task_postprocess_end',
  'task_cancel',
] as const;

/** The documented statuses of a run. */
export type TaskRecordStatus = (typeof TASK_RECORD_STATUSES)[number];

/** Lifecycle frames whose `message` is `null`: they only say where the run is. */
export type TaskLifecycleType = Exclude<TaskRecordStatus, 'task_output' | 'task_postprocess_end' | 'task_cancel'>;

/** Whether `type` names a status of {@link TASK_RECORD_STATUSES} (`except` left out). */
export function statusSet(except: readonly TaskRecordStatus[] = []): ReadonlySet<string> {
  return new Set<string>(TASK_RECORD_STATUSES.filter((status) => !except.includes(status)));
}
