import { isTaskFrameType } from '../protocol/task-decode.js';
import { isProgress, progressProblem } from './validate.js';

/**
 * Why `event` is not a `TaskEvent` that `reduceTask` can apply, or `null` when it is one. Checks every
 * field the reducer reads, so an event that passes can never make a later flush throw. A wire frame
 * (`{ type, id, tasktoken, message }` as sent) fails: it must go through `decodeTaskFrame` first.
 */
export function taskEventProblem(event: unknown): string | null {
  if (typeof event !== 'object' || event === null) return `an event must be an object (got ${kind(event)})`;
  const e = event as Record<string, unknown>;
  if (typeof e.type !== 'string') return 'the event has no string `type`';
  if (typeof e.tasktoken !== 'string' || e.tasktoken === '') return 'the event needs a non-empty string `tasktoken`';
  switch (e.type) {
    case 'local_task_subscribing':
      return null;
    case 'local_task_connection_failed':
      return typeof e.message === 'string' ? null : `${e.type}.message must be a string (got ${kind(e.message)})`;
    case 'local_task_recovered':
      return e.record === null || (typeof e.record === 'object' && !Array.isArray(e.record))
        ? null
        : `local_task_recovered.record must be a Task/Detail record or null (got ${kind(e.record)})`;
    default:
      break;
  }
  if (!isTaskFrameType(e.type)) return `unknown event type "${e.type.slice(0, 40)}"`;
  if (e.taskid !== null && typeof e.taskid !== 'string') return `${e.type}.taskid must be a string or null`;
  switch (e.type) {
    case 'task_output':
      return outputProblem(e.message);
    case 'task_error':
      return typeof e.text === 'string' ? null : 'task_error.text must be a string (a decoded frame has one)';
    case 'task_error_full':
      return typeof e.raw === 'string' ? null : 'task_error_full.raw must be a string';
    case 'task_output_full':
      if (typeof e.raw !== 'string') return 'task_output_full.raw must be a string';
      return e.llm === null || isProgress(e.llm) ? null : progressProblem('task_output_full.llm');
    case 'task_postprocess_end':
      return resultProblem(e);
    case 'task_cancel':
      return e.message === null || typeof e.message === 'string'
        ? null
        : 'task_cancel.message must be a string or null';
    default:
      return null;
  }
}

function outputProblem(message: unknown): string | null {
  if (typeof message !== 'object' || message === null) return 'task_output.message must be a decoded output';
  const m = message as { kind?: unknown; text?: unknown; progress?: unknown };
  switch (m.kind) {
    case 'stdout':
      return typeof m.text === 'string' ? null : 'task_output.message.text must be a string';
    case 'llm':
      return isProgress(m.progress) ? null : progressProblem('task_output.message.progress');
    case 'progress': {
      const p = m.progress as Record<string, unknown> | null;
      if (typeof p !== 'object' || p === null) return 'task_output.message.progress must be an object';
      for (const field of ['percentage', 'step', 'steps', 'speed', 'elapsedMs', 'remainingMs']) {
        const v = p[field];
        if (v !== null && typeof v !== 'number')
          return `task_output.message.progress.${field} must be a number or null`;
      }
      for (const field of ['task', 'speedType']) {
        const v = p[field];
        if (v !== null && typeof v !== 'string')
          return `task_output.message.progress.${field} must be a string or null`;
      }
      return null;
    }
    default:
      return "task_output.message.kind must be 'progress', 'stdout' or 'llm' (a decoded frame has one)";
  }
}

function resultProblem(e: Record<string, unknown>): string | null {
  if (!Array.isArray(e.outputs)) return 'task_postprocess_end.outputs must be an array';
  for (const file of e.outputs as unknown[]) {
    const f = file as Record<string, unknown> | null;
    if (
      typeof f !== 'object' ||
      f === null ||
      typeof f.name !== 'string' ||
      typeof f.contentType !== 'string' ||
      typeof f.url !== 'string' ||
      (f.size !== null && typeof f.size !== 'number')
    ) {
      return 'task_postprocess_end.outputs must hold { name, contentType, size, url } files';
    }
  }
  if (e.exitCode !== null && typeof e.exitCode !== 'number')
    return 'task_postprocess_end.exitCode must be a number or null';
  if (e.llm === null) return null;
  if (typeof e.llm !== 'object' || e.llm === undefined)
    return 'task_postprocess_end.llm must be null or { prompt, progress }';
  const llm = e.llm as { prompt?: unknown; progress?: unknown };
  if (llm.prompt !== null && typeof llm.prompt !== 'string') {
    return 'task_postprocess_end.llm.prompt must be a string or null';
  }
  return isProgress(llm.progress) ? null : progressProblem('task_postprocess_end.llm.progress');
}

function kind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value;
}
