/**
 * `socket.ingestTask` checks events at the call (`taskEventProblem`): every frame the decoder makes from
 * the docs' examples passes, and whatever passes can be reduced without throwing, so a later batched
 * flush never throws and never drops another run's event.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createTask, decodeTaskFrame, reduceTask, type TaskEvent } from 'wiro-agent-react/core';
import { taskEventProblem } from '../../src/store/validate-task';
import taskDocExamples from '../fixtures/task-doc-frames.json';

describe('taskEventProblem', () => {
  it('accepts every server frame of the task docs, decoded, and the local events', () => {
    const decoded = taskDocExamples
      .filter((example) => example.kind === 'server-frame')
      .map((example) => decodeTaskFrame(example.json))
      .filter((frame) => frame.type !== 'protocol_error');
    expect(decoded.length).toBeGreaterThan(10);
    for (const frame of decoded) expect(taskEventProblem(frame), frame.type).toBeNull();
    expect(taskEventProblem({ type: 'local_task_subscribing', tasktoken: 'T' })).toBeNull();
    expect(taskEventProblem({ type: 'local_task_recovered', tasktoken: 'T', record: null })).toBeNull();
    expect(taskEventProblem({ type: 'local_task_recovered', tasktoken: 'T', record: { status: 'x' } })).toBeNull();
  });

  it('refuses wire frames and events missing what the reducer reads', () => {
    expect(taskEventProblem({ type: 'task_output', id: '1', tasktoken: 'T', message: 'x', result: true })).toMatch(
      /taskid|kind/,
    );
    expect(taskEventProblem({ type: 'task_error', tasktoken: 'T', taskid: null, message: 'x' })).toMatch(/text/);
    expect(taskEventProblem({ type: 'task_nope', tasktoken: 'T', taskid: null })).toMatch(/unknown event type/);
    expect(taskEventProblem({ type: 'task_queue', taskid: null })).toMatch(/tasktoken/);
    expect(taskEventProblem(null)).toMatch(/object/);
  });

  it('whatever it accepts, reduceTask applies without throwing (fast-check, seed 20261202)', () => {
    const value = fc.oneof(fc.string({ maxLength: 4 }), fc.integer(), fc.constant(null), fc.boolean(), fc.constant([]));
    const event = fc.record(
      {
        type: fc.constantFrom(
          'task_queue',
          'task_output',
          'task_error',
          'task_output_full',
          'task_error_full',
          'task_postprocess_end',
          'task_cancel',
          'local_task_recovered',
          'local_task_connection_failed',
        ),
        tasktoken: fc.constantFrom('T', ''),
        taskid: fc.oneof(fc.constant(null), fc.string({ maxLength: 3 }), fc.integer()),
        text: value,
        raw: value,
        llm: fc.oneof(fc.constant(null), value),
        outputs: fc.oneof(
          fc.constant([]),
          fc.array(fc.record({ name: value, contentType: value, size: value, url: value }), { maxLength: 2 }),
          value,
        ),
        exitCode: value,
        message: fc.oneof(
          value,
          fc.record({
            kind: fc.constantFrom('stdout', 'progress', 'llm', 'x'),
            text: value,
            progress: fc.oneof(value, fc.record({ percentage: value, step: value, task: value, speedType: value })),
          }),
        ),
        record: fc.oneof(value, fc.record({ status: value, pexit: value, outputs: value, debugoutput: value })),
      },
      { requiredKeys: ['type'] },
    );
    fc.assert(
      fc.property(event, (e) => {
        if (taskEventProblem(e) !== null) return;
        expect(() => reduceTask(createTask('T'), e as TaskEvent)).not.toThrow();
      }),
      { seed: 20261202, numRuns: 400 },
    );
  });
});
