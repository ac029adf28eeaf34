/**
 * Request and result types of Wiro's model-run REST API: `POST /Run/{owner}/{model}`, `/Task/Detail`,
 * `/Task/Cancel` and `/Task/Kill`.
 *
 * Field names follow the wire, with one exception: Wiro names the two identifiers of a run differently
 * per endpoint (`taskid` in Run's answer, `id` in Task/Detail's; `socketaccesstoken` in both answers,
 * `tasktoken` in requests and socket frames). Here they are `taskid` and `tasktoken` everywhere.
 * Numbers Wiro sends as strings (`pexit`, times, costs, sizes) are parsed.
 * @packageDocumentation
 */
import type { TaskRecordStatus } from '../protocol/task-statuses.js';
import type { AgentRequestOptions } from './types.js';

export type { TaskRecordStatus } from '../protocol/task-statuses.js';

/** The model-run endpoints, by their path under the API base. */
export type TaskEndpoint = 'Run' | 'Task/Detail' | 'Task/Cancel' | 'Task/Kill';

/** Every {@link TaskEndpoint}. */
export const TASK_ENDPOINTS: readonly TaskEndpoint[] = ['Run', 'Task/Detail', 'Task/Cancel', 'Task/Kill'];

/** One input of a model run: any JSON value (most models take strings and numbers). */
export type RunInputValue =
  string | number | boolean | null | readonly RunInputValue[] | { readonly [field: string]: RunInputValue };

/**
 * A model's inputs by parameter id, e.g. `{ prompt: 'a cat', steps: 30 }`. A file parameter can be
 * given as a URL under `{paramId}Url` (`{ inputImageUrl: 'https://…' }`) instead of a file.
 */
export type RunInputs = Readonly<Record<string, RunInputValue>>;

/** Options of `run`. */
export interface RunOptions extends AgentRequestOptions {
  /**
   * File inputs by parameter id (several files under one id as an array). Their presence switches the
   * request to `multipart/form-data`; the other inputs then travel as text fields (strings as they
   * are, other values as JSON).
   */
  files?: Readonly<Record<string, Blob | readonly Blob[]>>;
  /** Webhook Wiro POSTs the result to (`callbackUrl`). The task proxy drops it: set it there instead. */
  callbackUrl?: string;
}

/** Result of `run`: the task was accepted. */
export interface RunResult {
  taskid: string;
  /**
   * Wiro's `socketaccesstoken`: subscribe to the socket with it, and pass it to `taskDetail`,
   * `cancelTask` and `killTask`. A secret: whoever holds it can read, cancel and kill the run.
   */
  tasktoken: string;
}

/** Identifies one run for `taskDetail`: by its tasktoken or by its id. */
export type TaskRef = { tasktoken: string; taskid?: undefined } | { taskid: string | number; tasktoken?: undefined };

/** A file a run produced. */
export interface TaskRecordFile {
  kind: 'file';
  name: string;
  /** MIME type; `""` when Wiro sent none. */
  contenttype: string;
  /** Bytes; `null` when absent or unreadable. */
  size: number | null;
  url: string;
}

/** An LLM run's structured answer (`contenttype: "raw"`). */
export interface TaskRecordRaw {
  kind: 'raw';
  contenttype: 'raw';
  content: {
    prompt: string;
    /** The full text, thinking included. */
    raw: string;
    thinking: string[];
    answer: string[];
  };
}

/** One entry of a run's `outputs`. */
export type TaskRecordOutput = TaskRecordFile | TaskRecordRaw;

/** One run, as `taskDetail` returns it. */
export interface TaskRecord {
  /** Wire `id`. */
  taskid: string;
  /** Wire `socketaccesstoken`; `""` when Wiro left it out. */
  tasktoken: string;
  /** A {@link TaskRecordStatus}, typed open so a future status does not break callers. */
  status: TaskRecordStatus | (string & {});
  /**
   * The process's exit code (`pexit`); `null` until it exited. The run succeeded only when this is `0`
   * and `status` is `task_postprocess_end`.
   */
  pexit: number | null;
  /** The inputs the run was started with (`{}` when unreadable). */
  parameters: Record<string, unknown>;
  /** Accumulated output; an LLM's merged answer text. */
  debugoutput: string;
  /** Unix seconds; `null` while not started or when unreadable. */
  starttime: number | null;
  /** Unix seconds; `null` while not finished or when unreadable. */
  endtime: number | null;
  elapsedseconds: number | null;
  /** What the run cost; only successful runs are billed. */
  totalcost: number | null;
  /** Files (and an LLM's raw answer); entries that are neither are dropped. */
  outputs: TaskRecordOutput[];
}

/** The model-run methods of the client returned by `createAgentApi`. */
export interface TaskApi {
  /**
   * Start a model run: `model` is `"owner/model"` as in Wiro's URLs. Resolves once Wiro accepted it;
   * follow it on the socket with the returned `tasktoken`.
   */
  run(model: string, inputs: RunInputs, options?: RunOptions): Promise<RunResult>;
  /** A run's status, exit code and outputs (the recovery path after a reconnect). */
  taskDetail(ref: TaskRef, options?: AgentRequestOptions): Promise<TaskRecord>;
  /** Cancel a run that is still queued (before it was assigned to a worker). */
  cancelTask(tasktoken: string, options?: AgentRequestOptions): Promise<void>;
  /** Stop a running run (after it was assigned); it ends as `task_cancel`. */
  killTask(tasktoken: string, options?: AgentRequestOptions): Promise<void>;
}
