import { exitCode as readExitCode, outputFile, rawContent } from '../protocol/task-decode.js';
import type { TaskOutputFile, TaskProgressFigures, TaskRawContent } from '../protocol/task-types.js';
import { statusSet } from '../protocol/task-statuses.js';
import { splitThinking } from '../protocol/thinking.js';
import type { AgentProgress } from '../protocol/types.js';
import { createStream, reduceStream } from './reduce.js';
import type {
  TaskDetailRecord,
  TaskEvent,
  TaskStatus,
  TaskStream,
  TaskStreamError,
  TaskTerminalStatus,
} from './task-types.js';
import type { AgentStream } from './types.js';

const EMPTY_OUTPUTS: readonly TaskOutputFile[] = /* @__PURE__ */ Object.freeze([]);
const EMPTY_PROGRESS: TaskProgressFigures = /* @__PURE__ */ Object.freeze({
  task: null,
  percentage: null,
  step: null,
  steps: null,
  speed: null,
  speedType: null,
  elapsedMs: null,
  remainingMs: null,
});

/**
 * Most characters of `stdout` / `stderr` kept. A long run can write megabytes of logs (one progress line per
 * step); only the tail is ever shown, so older lines are dropped (down to three quarters of the limit), cut
 * at a line start.
 */
export const TASK_LOG_LIMIT = 256 * 1024;

/** How far along a status is; a run never moves back (a stale frame or record must not undo a later stage). */
const RANK: Record<TaskStatus, number> = {
  idle: 0,
  subscribing: 1,
  task_queue: 2,
  task_accept: 3,
  task_preprocess_start: 4,
  task_preprocess_end: 5,
  task_assign: 6,
  task_start: 7,
  task_output: 8,
  task_end: 9,
  task_postprocess_start: 10,
  task_postprocess_end: 11,
  task_cancel: 11,
  unknown: 11,
};

/** `true` for the statuses after which a run never changes (see {@link reduceTask} for the one exception). */
export function isTaskTerminalStatus(status: TaskStatus): status is TaskTerminalStatus {
  return status === 'task_postprocess_end' || status === 'task_cancel' || status === 'unknown';
}

/** A run nothing has happened to yet. */
export function createTask(tasktoken: string): TaskStream {
  return {
    tasktoken,
    taskid: null,
    status: 'idle',
    progress: EMPTY_PROGRESS,
    stdout: '',
    stderr: '',
    text: null,
    outputs: EMPTY_OUTPUTS as TaskOutputFile[],
    exitCode: null,
    succeeded: null,
    isRunning: false,
    isDone: false,
    error: null,
    startedAt: null,
    updatedAt: 0,
  };
}

type Patch = Partial<TaskStream>;

/**
 * Apply one event to a run. Pure: returns a new run, or the same object when nothing changed. Never throws.
 *
 * Rules (the agent stream's, applied to tasks):
 * - the result is `task_postprocess_end`, not `task_end` (the process exited; outputs are still uploading);
 * - success comes only from the result's exit code: `succeeded` is `true` for `pexit` 0, `false` for any
 *   other code (with an error of kind `failed`), and stays `null` when the result carries no `pexit`;
 * - `task_error` lines are stderr logs, never failures;
 * - LLM text is replaced, never appended, and never shrinks (the agent reducer does it);
 * - `*_full` frames replace the accumulated logs;
 * - a terminal run (result, cancel, unknown) is final. One exception: a Task/Detail record may fill in the
 *   exit code (and the files) of a result that came without `pexit`; it never changes what is known;
 * - a status never moves back; unchanged fields keep their identity.
 *
 * @param now - timestamp for `updatedAt` and `startedAt` (injectable for tests).
 */
export function reduceTask(task: TaskStream, event: TaskEvent, now: number = Date.now()): TaskStream {
  // Events are routed by token before they get here; a mismatch is a caller bug that must not mix runs.
  if (event.tasktoken !== task.tasktoken) return task;
  if (task.isDone) return event.type === 'local_task_recovered' ? fillExitCode(task, event.record, now) : task;

  switch (event.type) {
    case 'local_task_subscribing':
      return settle(
        task,
        {
          status: advance(task.status, 'subscribing'),
          error: task.error?.kind === 'connection' ? null : task.error,
          isRunning: true,
        },
        now,
      );
    case 'local_task_connection_failed': {
      const same = task.error?.kind === 'connection' && task.error.message === event.message;
      return settle(
        task,
        { error: same ? task.error : { kind: 'connection', message: event.message }, isRunning: false },
        now,
      );
    }
    case 'local_task_recovered':
      return recover(task, event.record, now);

    case 'task_queue':
    case 'task_accept':
    case 'task_preprocess_start':
    case 'task_preprocess_end':
    case 'task_assign':
    case 'task_start':
    case 'task_end':
    case 'task_postprocess_start':
      return settle(
        task,
        { taskid: task.taskid ?? event.taskid, status: advance(task.status, event.type), isRunning: true },
        now,
      );

    case 'task_output': {
      const patch: Patch = {
        taskid: task.taskid ?? event.taskid,
        status: advance(task.status, 'task_output'),
        isRunning: true,
      };
      const m = event.message;
      if (m.kind === 'progress') patch.progress = sameFigures(task.progress, m.progress) ? task.progress : m.progress;
      else if (m.kind === 'stdout') patch.stdout = appendLine(task.stdout, m.text);
      else patch.text = llmText(task, m.progress, now);
      return settle(task, patch, now);
    }
    case 'task_error':
      return settle(
        task,
        { taskid: task.taskid ?? event.taskid, stderr: appendLine(task.stderr, event.text), isRunning: true },
        now,
      );
    case 'task_output_full': {
      const patch: Patch = { taskid: task.taskid ?? event.taskid, stdout: capLog(event.raw), isRunning: true };
      // The full log of an LLM run is its text: with arrays it says so itself, without them the run's
      // streamed text says so.
      if (event.llm !== null) patch.text = llmText(task, event.llm, now);
      else if (task.text !== null) patch.text = llmText(task, rawProgress(event.raw, task.text), now);
      return settle(task, patch, now);
    }
    case 'task_error_full':
      return settle(task, { taskid: task.taskid ?? event.taskid, stderr: capLog(event.raw), isRunning: true }, now);

    case 'task_postprocess_end':
      return settle(
        task,
        result(task, event.outputs, event.llm, event.exitCode, now, { taskid: task.taskid ?? event.taskid }),
        now,
      );
    case 'task_cancel':
      return settle(task, cancelled(task, now, { taskid: task.taskid ?? event.taskid }), now);

    // Realtime session frames carry nothing a run's state keeps.
    default:
      return task;
  }
}

/** The patch of a result: outputs, exit code, success, the final text. */
function result(
  task: TaskStream,
  outputs: readonly TaskOutputFile[],
  llm: TaskRawContent | null,
  exitCode: number | null,
  now: number,
  patch: Patch,
): Patch {
  let text = llm !== null ? llmText(task, llm.progress, now) : task.text;
  text = finishText(text, 'end', now);
  patch.status = 'task_postprocess_end';
  patch.outputs = sameOutputs(task.outputs, outputs) ? task.outputs : [...outputs];
  patch.exitCode = exitCode;
  patch.succeeded = exitCode === null ? null : exitCode === 0;
  patch.error = exitCode !== null && exitCode !== 0 ? failure(exitCode) : null;
  patch.text = text;
  patch.isRunning = false;
  patch.isDone = true;
  return patch;
}

function cancelled(task: TaskStream, now: number, patch: Patch): Patch {
  patch.status = 'task_cancel';
  patch.succeeded = false;
  patch.error = null;
  patch.text = finishText(task.text, 'cancel', now);
  patch.isRunning = false;
  patch.isDone = true;
  return patch;
}

function failure(exitCode: number): TaskStreamError {
  return { kind: 'failed', message: `The model exited with code ${exitCode}.` };
}

/** A Task/Detail record applied to a live run: its stage, logs or text, and its result when it has one. */
function recover(task: TaskStream, record: TaskDetailRecord | null, now: number): TaskStream {
  if (record === null || typeof record !== 'object') {
    return settle(
      task,
      {
        status: 'unknown',
        error: { kind: 'unknown-token', message: 'Task/Detail does not know this task.' },
        isRunning: false,
        isDone: true,
        text: finishText(task.text, 'cancel', now),
      },
      now,
    );
  }
  const { files, llm } = recordOutputs(record.outputs);
  const patch: Patch = { taskid: task.taskid ?? recordId(record.id) ?? recordId(record.taskid) };
  const started = startTime(record.starttime);
  if (started !== null && (task.startedAt === null || started < task.startedAt)) patch.startedAt = started;
  const debugoutput = typeof record.debugoutput === 'string' ? record.debugoutput : null;

  // Text first, so a result below finishes the recovered text rather than the stale one.
  if (llm !== null) {
    patch.text = llmText(task, llm.progress, now);
  } else if (debugoutput !== null && task.text !== null) {
    patch.text = reduceStream(
      task.text,
      { type: 'agent_subscribed', agenttoken: task.tasktoken, status: 'agent_output', debugoutput, result: true },
      now,
    );
  } else if (debugoutput !== null && debugoutput.length >= task.stdout.length) {
    patch.stdout = capLog(debugoutput);
  }
  const current: TaskStream = patch.text === undefined ? task : { ...task, text: patch.text };

  const status = wireStatus(record.status);
  if (status === 'task_postprocess_end') {
    return settle(task, result(current, files, null, readExitCode(record.pexit), now, patch), now);
  }
  if (status === 'task_cancel') return settle(task, cancelled(current, now, patch), now);
  if (status !== null) patch.status = advance(task.status, status);
  return settle(task, patch, now);
}

/** After a result without `pexit`: a record's exit code (and files, when the result had none) fills it in. */
function fillExitCode(task: TaskStream, record: TaskDetailRecord | null, now: number): TaskStream {
  if (task.status !== 'task_postprocess_end' || task.exitCode !== null) return task;
  if (record === null || typeof record !== 'object' || wireStatus(record.status) !== 'task_postprocess_end')
    return task;
  const exitCode = readExitCode(record.pexit);
  if (exitCode === null) return task;
  const patch: Patch = {
    exitCode,
    succeeded: exitCode === 0,
    error: exitCode === 0 ? task.error : failure(exitCode),
  };
  if (task.outputs.length === 0) {
    const { files } = recordOutputs(record.outputs);
    if (files.length > 0) patch.outputs = files;
  }
  return settle(task, patch, now);
}

const WIRE_STATUSES = /* @__PURE__ */ statusSet();

function wireStatus(value: unknown): TaskStatus | null {
  return typeof value === 'string' && WIRE_STATUSES.has(value) ? (value as TaskStatus) : null;
}

function recordId(value: unknown): string | null {
  if (typeof value === 'string' && value !== '') return value;
  return typeof value === 'number' && Number.isFinite(value) ? String(value) : null;
}

/** Unix seconds (a number or a numeric string) to milliseconds; `null` for `0`, `""` and anything unreadable. */
function startTime(value: unknown): number | null {
  const seconds =
    typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  return Number.isFinite(seconds) && seconds > 0 ? Math.round(seconds * 1000) : null;
}

function recordOutputs(outputs: unknown): { files: TaskOutputFile[]; llm: TaskRawContent | null } {
  const files: TaskOutputFile[] = [];
  let llm: TaskRawContent | null = null;
  if (!Array.isArray(outputs)) return { files, llm };
  for (const item of outputs as unknown[]) {
    const content = rawContent(item, 'Task/Detail outputs');
    if (content !== null) {
      llm ??= content;
      continue;
    }
    const file = outputFile(item);
    if (file !== null) files.push(file);
  }
  return { files, llm };
}

function advance(current: TaskStatus, next: TaskStatus): TaskStatus {
  return RANK[next] > RANK[current] ? next : current;
}

/** The run's LLM text after a progress object: the agent reducer's replace-never-shrink rules. */
function llmText(task: TaskStream, progress: AgentProgress, now: number): AgentStream {
  const base = task.text ?? createStream(task.tasktoken);
  return reduceStream(base, { type: 'agent_output', agenttoken: task.tasktoken, message: progress, result: true }, now);
}

/** A raw-only full log of an LLM run, split like a snapshot; the figures stay the streamed ones. */
function rawProgress(raw: string, text: AgentStream): AgentProgress {
  const split = splitThinking(raw);
  return { raw, ...split, metrics: text.metrics };
}

/** Close an LLM run's text: final on a result, cancelled (partial text kept) otherwise. */
function finishText(text: AgentStream | null, how: 'end' | 'cancel', now: number): AgentStream | null {
  if (text === null || text.isDone) return text;
  if (how === 'cancel') {
    return reduceStream(text, { type: 'agent_cancel', agenttoken: text.agenttoken, message: '', result: false }, now);
  }
  // The text as it stands, restated as the final payload: the same strings, so unchanged fields keep identity.
  const final: AgentProgress = {
    raw: text.raw,
    thinking: text.thinking,
    answer: text.answer === '' ? [] : [text.answer],
    segments: text.segments,
    isThinking: false,
    metrics: text.metrics,
  };
  return reduceStream(text, { type: 'agent_end', agenttoken: text.agenttoken, message: final, result: true }, now);
}

/**
 * The one place a changed run is built: returns `task` itself when the patch changes nothing, so
 * `updatedAt` only moves on real change and selectors comparing with `Object.is` stay still.
 */
function settle(task: TaskStream, patch: Patch, now: number): TaskStream {
  let changed = false;
  for (const key in patch) {
    if (!Object.is(patch[key as keyof TaskStream], task[key as keyof TaskStream])) {
      changed = true;
      break;
    }
  }
  if (!changed) return task;
  // Spreading `task` first keeps one key order (one object shape) for every run.
  return { ...task, ...patch, startedAt: patch.startedAt ?? task.startedAt ?? now, updatedAt: now };
}

/**
 * One stdout/stderr write as a line of the log. Only the write is read, never the log's content: reading
 * the end of a long concatenated string makes the engine flatten (copy) it, once per write.
 */
function appendLine(log: string, write: string): string {
  if (write === '') return log;
  const line = write.charCodeAt(write.length - 1) === 0x0a ? write.slice(0, -1) : write;
  const next = log === '' ? line : `${log}\n${line}`;
  // Cut well below the limit, so the copy a cut costs is paid once per quarter of the limit, not per write.
  return next.length > TASK_LOG_LIMIT ? capLog(next, (TASK_LOG_LIMIT * 3) / 4) : next;
}

/** The last `keep` characters of a log (at most), starting at a line when one begins soon. */
function capLog(text: string, keep: number = TASK_LOG_LIMIT): string {
  if (text.length <= keep) return text;
  let cut = text.length - keep;
  const newline = text.indexOf('\n', cut);
  if (newline !== -1 && newline - cut < 1024) cut = newline + 1;
  return text.slice(cut);
}

function sameFigures(a: TaskProgressFigures, b: TaskProgressFigures): boolean {
  return (
    a === b ||
    (a.task === b.task &&
      a.percentage === b.percentage &&
      a.step === b.step &&
      a.steps === b.steps &&
      a.speed === b.speed &&
      a.speedType === b.speedType &&
      a.elapsedMs === b.elapsedMs &&
      a.remainingMs === b.remainingMs)
  );
}

function sameOutputs(a: readonly TaskOutputFile[], b: readonly TaskOutputFile[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as TaskOutputFile;
    const y = b[i] as TaskOutputFile;
    if (x.name !== y.name || x.contentType !== y.contentType || x.size !== y.size || x.url !== y.url) return false;
  }
  return true;
}
