import type { TaskEvent } from '../store/task-types.js';

/**
 * Model-run events waiting for the next flush, per tasktoken, in arrival order: the task counterpart of
 * the agent {@link EventQueue}, with the same coalescing rule for outputs that carry a whole state.
 *
 * A `task_output` progress object replaces the one before it (the reducer keeps only the last), and an
 * LLM `task_output` carries the full text so far, so either directly followed by another of the same kind
 * is obsolete and is replaced in place. A stdout write is appended by the reducer, so it is never
 * dropped, and every other event keeps its position: lifecycle order is preserved.
 */
export interface TaskEventQueue {
  push(tasktoken: string, event: TaskEvent): void;
  /** Take everything queued, leaving the queue empty. */
  drain(): Map<string, TaskEvent[]>;
  isEmpty(): boolean;
}

/** Create an empty {@link TaskEventQueue}. */
export function createTaskEventQueue(): TaskEventQueue {
  let byToken = new Map<string, TaskEvent[]>();
  return {
    push(tasktoken, event) {
      const events = byToken.get(tasktoken);
      if (events === undefined) {
        byToken.set(tasktoken, [event]);
        return;
      }
      const last = events[events.length - 1];
      const kind = wholeStateKind(event);
      if (kind !== null && last !== undefined && wholeStateKind(last) === kind) events[events.length - 1] = event;
      else events.push(event);
    },
    drain() {
      const drained = byToken;
      byToken = new Map();
      return drained;
    },
    isEmpty: () => byToken.size === 0,
  };
}

/** The kind of a `task_output` that states the whole of something (so a newer one supersedes it), else `null`. */
function wholeStateKind(event: TaskEvent): 'progress' | 'llm' | null {
  if (event.type !== 'task_output') return null;
  const kind = event.message.kind;
  return kind === 'stdout' ? null : kind;
}
