import type { TaskOutputFile, TaskProgressFigures, TaskServerFrame } from '../protocol/task-types.js';
import type { TaskRecordStatus } from '../protocol/task-statuses.js';
import type { AgentStream } from './types.js';

/** Where a model run is, as this kit tracks it: the wire's lifecycle types plus the kit's own states. */
export type TaskStatus = 'idle' | 'subscribing' | TaskRecordStatus | 'unknown';

/** Statuses after which no frame changes a run (only a Task/Detail recovery may fill in an unknown exit code). */
export type TaskTerminalStatus = 'task_postprocess_end' | 'task_cancel' | 'unknown';

/** Why a run failed or cannot be followed. */
export interface TaskStreamError {
  /**
   * - `failed`: the run ended with a non-zero exit code (`pexit`); `stderr` usually says why.
   * - `unknown-token`: Task/Detail does not know the run (typo, expired, another account).
   * - `connection`: the socket could not be (re)opened; the run may resume when it is.
   * - `protocol`: the server sent something this kit cannot read for this run.
   */
  kind: 'failed' | 'unknown-token' | 'connection' | 'protocol';
  /** For developers and logs; components show their own translated sentences. */
  message: string;
}

/** Everything known about one model run. Immutable: every change makes a new object. */
export interface TaskStream {
  tasktoken: string;
  /** The task id, from the first frame (or Task/Detail record) that carried one. */
  taskid: string | null;
  status: TaskStatus;
  /** The last progress object of a standard model; every figure `null` until one arrives. */
  progress: TaskProgressFigures;
  /** Standard output so far: `task_output` writes, one per line, replaced by `task_output_full`. */
  stdout: string;
  /** Standard error so far (`task_error` lines: logs, not failures), replaced by `task_error_full`. */
  stderr: string;
  /**
   * The text of an LLM run, with the same answer/thinking model (and the same replace-never-append rules)
   * as an agent reply; its `agenttoken` is the tasktoken. `null` for runs that produced no LLM output.
   */
  text: AgentStream | null;
  /** The files the run produced (set by `task_postprocess_end` or a Task/Detail recovery). */
  outputs: TaskOutputFile[];
  /** The process exit code (`pexit`), `null` until the result says it. */
  exitCode: number | null;
  /** `true` only when the result said `pexit` 0; `false` on a non-zero exit or a cancel; `null` while unknown. */
  succeeded: boolean | null;
  /** Subscribed and not terminal. */
  isRunning: boolean;
  /** Terminal: result, cancel, or unknown to the server. */
  isDone: boolean;
  error: TaskStreamError | null;
  /** `Date.now()` of the first thing this kit saw happen to the run (for elapsed time); `null` before. */
  startedAt: number | null;
  /** `Date.now()` of the last change; 0 for a run nothing has happened to. */
  updatedAt: number;
}

/**
 * A Task/Detail record (`tasklist[0]`), the minimum the kit reads from it. Accepts the wire's row as is
 * (strings for numbers, `id`, `contenttype`) and the REST client's normalised `TaskRecord` (`taskid`,
 * `pexit` as a number, `kind`-tagged outputs).
 */
export interface TaskDetailRecord {
  /** The task id (wire name). */
  id?: string | number | null;
  /** The task id (the REST client's name). */
  taskid?: string | number | null;
  /** A task status (`"task_postprocess_end"`, `"task_cancel"`, `"task_start"`, …). Unknown values are ignored. */
  status?: string | null;
  /** Exit code, `"0"` = success. Read only when `status` is `task_postprocess_end`. */
  pexit?: string | number | null;
  /** The accumulated stdout; for LLM runs, the merged plain text of the answer. */
  debugoutput?: string | null;
  /** Files (`{ name, contenttype | contentType, size, url }`) and LLM `{ contenttype: "raw", content }` entries. */
  outputs?: readonly unknown[] | null;
  /**
   * When the run started, in Unix seconds (`"1733140000"` or a number). A run recovered after a page
   * load then reports its elapsed time from there rather than from the load.
   */
  starttime?: string | number | null;
}

/** Events the kit itself feeds {@link reduceTask}, beside the server's frames. */
export type LocalTaskEvent =
  /** A `task_info` was sent (or re-sent after a reconnect). */
  | { type: 'local_task_subscribing'; tasktoken: string }
  /** The socket gave up reconnecting; the run keeps what it has. */
  | { type: 'local_task_connection_failed'; tasktoken: string; message: string }
  /**
   * Task/Detail answered (after a reconnect, or when the socket result lacked `pexit`). `record: null`
   * means Task/Detail does not know the run.
   */
  | { type: 'local_task_recovered'; tasktoken: string; record: TaskDetailRecord | null };

/** What `reduceTask` accepts. */
export type TaskEvent = TaskServerFrame | LocalTaskEvent;
