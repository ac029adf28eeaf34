/**
 * A scripted run's state at any moment, without a socket: its frames, as JSON text, through the kit's
 * own decoder and reducer. For stories, component tests and screenshots of task UIs.
 * @packageDocumentation
 */
import { decodeTaskFrame } from '../protocol/task-decode.js';
import { createTask, reduceTask } from '../store/task-reduce.js';
import type { TaskStream } from '../store/task-types.js';
import type { TaskScenarioStep } from './task-scenario.js';

/**
 * The `TaskStream` a client following `tasktoken` would hold `atMs` after the run was created, given the
 * run's timed frames (from `taskScenarioFrames` or `interruptTaskFrames`). Each frame travels as JSON
 * text, as it would on the wire; `startedAt`/`updatedAt` are `originMs + at`.
 *
 * @param originMs - when the run was created, `Date.now()` ms. Default 0.
 * @throws Error when a frame is one the kit's decoder refuses (a broken script).
 */
export function replayTask(
  tasktoken: string,
  steps: readonly TaskScenarioStep[],
  atMs: number = Number.POSITIVE_INFINITY,
  originMs = 0,
): TaskStream {
  let task = reduceTask(createTask(tasktoken), { type: 'local_task_subscribing', tasktoken }, originMs);
  for (const step of steps) {
    if (step.at > atMs) break;
    const frame = decodeTaskFrame(JSON.parse(JSON.stringify(step.frame)));
    if (frame.type === 'protocol_error') throw new Error(`replayTask: a scripted frame was refused: ${frame.error}`);
    task = reduceTask(task, frame, originMs + step.at);
  }
  return task;
}
