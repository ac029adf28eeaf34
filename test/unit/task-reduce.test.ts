import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createTask,
  decodeTaskFrame,
  isTaskTerminalStatus,
  reduceTask,
  TASK_LOG_LIMIT,
  type TaskDetailRecord,
  type TaskEvent,
  type TaskServerFrame,
  type TaskStream,
} from 'wiro-agent-react/core';
import type { TaskRecord } from '../../src/api/task-types';
import taskDocExamples from '../fixtures/task-doc-frames.json';

const T = 'task-tok-0123456789';

function frame(json: Record<string, unknown>): TaskServerFrame {
  const decoded = decodeTaskFrame({ tasktoken: T, id: '534574', result: true, ...json });
  if (decoded.type === 'protocol_error') throw new Error(`bad fixture: ${decoded.error}`);
  return decoded;
}
const life = (type: string) => frame({ type, message: null });
const progress = (percentage: number, step = percentage / 10) =>
  frame({
    type: 'task_output',
    message: { percentage: String(percentage), stepCurrent: String(step), stepTotal: '10', elapsedTime: '5s' },
  });
const stdout = (text: string) => frame({ type: 'task_output', message: text });
const stderr = (text: string) => frame({ type: 'task_error', message: text });
const llm = (raw: string, extra: Record<string, unknown> = {}) =>
  frame({ type: 'task_output', message: { raw, speed: '12', speedType: 'words/s', ...extra } });
const result = (message: unknown[], pexit?: string) =>
  frame({ type: 'task_postprocess_end', message, ...(pexit === undefined ? {} : { pexit }) });
const PNG = { name: '0.png', contenttype: 'image/png', size: '202472', url: 'https://cdn1.wiro.ai/x/0.png' };
const recovered = (record: TaskDetailRecord | null): TaskEvent => ({
  type: 'local_task_recovered',
  tasktoken: T,
  record,
});

const run = (events: TaskEvent[], from: TaskStream = createTask(T)) =>
  events.reduce((task, event, i) => reduceTask(task, event, 1000 + i), from);

const STAGES = [
  'task_queue',
  'task_accept',
  'task_preprocess_start',
  'task_preprocess_end',
  'task_assign',
  'task_start',
];

describe('reduceTask', () => {
  it('follows the lifecycle, with the task id from the frames', () => {
    const task = run([{ type: 'local_task_subscribing', tasktoken: T }, ...STAGES.map(life)]);
    expect(task.status).toBe('task_start');
    expect(task.taskid).toBe('534574');
    expect(task.isRunning).toBe(true);
    expect(task.isDone).toBe(false);
    expect(task.startedAt).toBe(1000);
  });

  it('never moves back to an earlier stage on a stale frame', () => {
    const task = run([...STAGES.map(life), progress(30), life('task_queue'), life('task_assign')]);
    expect(task.status).toBe('task_output');
  });

  it('reads progress objects, keeping the identity of unchanged figures', () => {
    const a = run([life('task_start'), progress(60)]);
    expect(a.progress).toMatchObject({ percentage: 60, step: 6, steps: 10, elapsedMs: 5000 });
    const b = reduceTask(a, progress(60), 9999);
    expect(b).toBe(a);
    const c = reduceTask(a, stdout('Saving'), 9999);
    expect(c.progress).toBe(a.progress);
    expect(c.outputs).toBe(a.outputs);
  });

  it('does not take task_end for the result', () => {
    const task = run([life('task_start'), progress(100), life('task_end'), life('task_postprocess_start')]);
    expect(task.status).toBe('task_postprocess_start');
    expect(task.isDone).toBe(false);
    expect(task.succeeded).toBeNull();
    expect(task.isRunning).toBe(true);
  });

  it('succeeds only from pexit "0" at task_postprocess_end, with the outputs', () => {
    const task = run([life('task_start'), life('task_end'), result([PNG], '0')]);
    expect(task).toMatchObject({
      status: 'task_postprocess_end',
      exitCode: 0,
      succeeded: true,
      isDone: true,
      isRunning: false,
      error: null,
    });
    expect(task.outputs).toEqual([
      { name: '0.png', contentType: 'image/png', size: 202472, url: 'https://cdn1.wiro.ai/x/0.png' },
    ]);
  });

  it('fails on a non-zero pexit and keeps stderr for the explanation', () => {
    const task = run([
      life('task_start'),
      stderr('Traceback'),
      stderr('RuntimeError: CUDA out of memory'),
      result([], '1'),
    ]);
    expect(task.succeeded).toBe(false);
    expect(task.exitCode).toBe(1);
    expect(task.error).toEqual({ kind: 'failed', message: 'The model exited with code 1.' });
    expect(task.stderr).toBe('Traceback\nRuntimeError: CUDA out of memory');
  });

  it('leaves success unknown when the result carries no pexit (the docs’ frames do not show one)', () => {
    const task = run([life('task_start'), result([PNG])]);
    expect(task.isDone).toBe(true);
    expect(task.succeeded).toBeNull();
    expect(task.exitCode).toBeNull();
    expect(task.error).toBeNull();
  });

  it('treats task_error lines as logs: the run still succeeds', () => {
    const task = run([
      life('task_start'),
      stderr('UserWarning: Some weights were not initialized...'),
      result([PNG], '0'),
    ]);
    expect(task.succeeded).toBe(true);
    expect(task.error).toBeNull();
    expect(task.stderr).toBe('UserWarning: Some weights were not initialized...');
  });

  it('keeps stdout writes one per line and lets the full logs replace them', () => {
    const live = run([stdout('Step 1/10...'), stdout('Step 2/10...\n'), stdout('Step 3/10...'), stdout('')]);
    expect(live.stdout).toBe('Step 1/10...\nStep 2/10...\nStep 3/10...');
    const full = run(
      [
        frame({ type: 'task_output_full', message: { raw: '0%|\n100%|\nDone.' } }),
        stderr('late warning'),
        frame({ type: 'task_error_full', message: { raw: 'only warning' } }),
      ],
      live,
    );
    expect(full.stdout).toBe('0%|\n100%|\nDone.');
    expect(full.stderr).toBe('only warning');
  });

  it('keeps only the tail of a log that outgrows the limit, starting at a line', () => {
    const line = `${'x'.repeat(99)}\n`;
    let task = createTask(T);
    for (let i = 0; i < TASK_LOG_LIMIT / 100 + 50; i++) task = reduceTask(task, stdout(line), i);
    expect(task.stdout.length).toBeLessThanOrEqual(TASK_LOG_LIMIT);
    expect(task.stdout.startsWith('x')).toBe(true);
    // Whole lines only: 99 characters each, joined by line breaks.
    expect((task.stdout.length + 1) % 100).toBe(0);
  });

  it('replaces LLM text (never appends), splits its thinking, and never lets it shrink', () => {
    const task = run([
      life('task_start'),
      llm('<think>Let me'),
      llm('<think>Let me see</think>Quantum'),
      llm('<think>Let me see</think>Quantum computing uses qubits'),
    ]);
    expect(task.text).toMatchObject({
      agenttoken: T,
      answer: 'Quantum computing uses qubits',
      thinking: ['Let me see'],
      isStreaming: true,
    });
    const stale = reduceTask(task, llm('<think>Let me see</think>Quan'), 5000);
    expect(stale.text?.answer).toBe('Quantum computing uses qubits');
    expect(task.stdout).toBe('');
  });

  it('finishes LLM text at the result, from the raw content, and cancels it (keeping it) on task_cancel', () => {
    const streaming = run([life('task_start'), llm('Quantum computing uses')]);
    const done = run(
      [
        life('task_end'),
        result(
          [
            {
              contenttype: 'raw',
              content: {
                prompt: 'Explain',
                raw: 'Quantum computing uses qubits.',
                thinking: [],
                answer: ['Quantum computing uses qubits.'],
              },
            },
          ],
          '0',
        ),
      ],
      streaming,
    );
    expect(done.text).toMatchObject({
      status: 'agent_end',
      answer: 'Quantum computing uses qubits.',
      isDone: true,
      isStreaming: false,
    });
    expect(done.outputs).toEqual([]);
    const cancelled = run([life('task_cancel')], streaming);
    expect(cancelled.text).toMatchObject({ status: 'agent_cancel', answer: 'Quantum computing uses', isDone: true });
    expect(cancelled.succeeded).toBe(false);
  });

  it('takes an LLM full log without arrays as the text of a run that streamed text', () => {
    const task = run([
      llm('Half'),
      frame({ type: 'task_output_full', message: { raw: '<think>t</think>Half and the rest' } }),
    ]);
    expect(task.text?.answer).toBe('Half and the rest');
    expect(task.text?.thinking).toEqual(['t']);
    // A standard model's full log never makes LLM text.
    expect(run([frame({ type: 'task_output_full', message: { raw: 'Done.' } })]).text).toBeNull();
  });

  it('is final after a result or a cancel', () => {
    for (const end of [result([PNG], '0'), life('task_cancel')]) {
      const done = run([life('task_start'), end]);
      for (const late of [
        progress(10),
        stdout('late'),
        stderr('late'),
        llm('late'),
        result([], '1'),
        life('task_cancel'),
        { type: 'local_task_subscribing', tasktoken: T } as TaskEvent,
      ]) {
        expect(reduceTask(done, late)).toBe(done);
      }
    }
  });

  it('ignores realtime frames and events addressed to another run', () => {
    const task = run([life('task_start')]);
    expect(reduceTask(task, frame({ type: 'task_stream_ready' }))).toBe(task);
    expect(reduceTask(task, frame({ type: 'task_cost', turnCost: 0.002 }))).toBe(task);
    expect(reduceTask(task, { ...stdout('leak'), tasktoken: 'other' })).toBe(task);
  });

  it('marks and clears connection failures without ending the run', () => {
    const failed = run([
      life('task_start'),
      { type: 'local_task_connection_failed', tasktoken: T, message: 'gave up' },
    ]);
    expect(failed.error?.kind).toBe('connection');
    expect(failed.isRunning).toBe(false);
    expect(failed.isDone).toBe(false);
    const back = reduceTask(failed, { type: 'local_task_subscribing', tasktoken: T });
    expect(back.error).toBeNull();
    expect(back.isRunning).toBe(true);
    expect(back.status).toBe('task_start');
  });

  it('builds every changed run with the same fields in the same order', () => {
    const keys = Object.keys(createTask(T));
    const task = run([
      { type: 'local_task_subscribing', tasktoken: T },
      progress(20),
      llm('x'),
      stderr('w'),
      result([PNG], '1'),
    ]);
    expect(Object.keys(task)).toEqual(keys);
    expect(Object.keys(run([recovered({ status: 'task_start', starttime: 1700000000 })]))).toEqual(keys);
  });
});

describe('reduceTask recovery through Task/Detail', () => {
  it('recovers an LLM result from the docs’ polling example: text, success, no guessing', () => {
    const example = (taskDocExamples as { kind: string; json: Record<string, unknown> }[]).find(
      (e) => e.kind === 'task-detail',
    );
    const record = (example?.json.tasklist as TaskDetailRecord[])[0] as TaskDetailRecord;
    const task = run([{ type: 'local_task_subscribing', tasktoken: T }, recovered(record)]);
    expect(task).toMatchObject({ status: 'task_postprocess_end', exitCode: 0, succeeded: true, isDone: true });
    expect(task.text?.answer).toBe('Quantum computing uses qubits that can exist in superposition...');
    expect(task.text?.status).toBe('agent_end');
    expect(task.outputs).toEqual([]);
  });

  it('recovers a failed run, a cancelled run, and an unknown one', () => {
    expect(run([recovered({ status: 'task_postprocess_end', pexit: '137', outputs: [] })])).toMatchObject({
      succeeded: false,
      exitCode: 137,
      error: { kind: 'failed' },
    });
    expect(run([recovered({ status: 'task_cancel' })])).toMatchObject({
      status: 'task_cancel',
      succeeded: false,
      isDone: true,
    });
    expect(run([recovered(null)])).toMatchObject({ status: 'unknown', error: { kind: 'unknown-token' }, isDone: true });
  });

  it('moves a live run forward to the recorded stage, never back, and adopts a longer stdout', () => {
    const live = run([life('task_start'), stdout('Step 1')]);
    const ahead = reduceTask(
      live,
      recovered({ status: 'task_postprocess_start', debugoutput: 'Step 1\nStep 2\nStep 3' }),
      5000,
    );
    expect(ahead.status).toBe('task_postprocess_start');
    expect(ahead.stdout).toBe('Step 1\nStep 2\nStep 3');
    expect(ahead.isDone).toBe(false);
    const stale = reduceTask(ahead, recovered({ status: 'task_queue', debugoutput: 'Step' }), 6000);
    expect(stale).toBe(ahead);
  });

  it('does not read pexit before the result (a running record is not a verdict)', () => {
    const task = run([life('task_start'), recovered({ status: 'task_output', pexit: '1' })]);
    expect(task.exitCode).toBeNull();
    expect(task.succeeded).toBeNull();
    expect(task.isDone).toBe(false);
  });

  it('fills in the exit code of a result that came without one, and changes nothing else', () => {
    const done = run([life('task_start'), stdout('log'), result([])]);
    const filled = reduceTask(
      done,
      recovered({ status: 'task_postprocess_end', pexit: '0', debugoutput: 'other', outputs: [PNG] }),
      9000,
    );
    expect(filled).toMatchObject({ exitCode: 0, succeeded: true, stdout: 'log', status: 'task_postprocess_end' });
    expect(filled.outputs.map((o) => o.name)).toEqual(['0.png']);
    // Known facts are never overwritten.
    expect(reduceTask(filled, recovered({ status: 'task_postprocess_end', pexit: '1' }))).toBe(filled);
    const cancelled = run([life('task_cancel')]);
    expect(reduceTask(cancelled, recovered({ status: 'task_postprocess_end', pexit: '0' }))).toBe(cancelled);
  });

  it('dates a recovered run from its start time', () => {
    const task = reduceTask(
      createTask(T),
      recovered({ status: 'task_start', starttime: '1733140000' }),
      1_733_140_090_000,
    );
    expect(task.startedAt).toBe(1_733_140_000_000);
  });

  it('accepts the REST client’s normalised record as is', () => {
    const record: TaskRecord = {
      taskid: '534574',
      tasktoken: T,
      status: 'task_postprocess_end',
      pexit: 0,
      parameters: {},
      debugoutput: '',
      starttime: 1733140000,
      endtime: 1733140009,
      elapsedseconds: 9,
      totalcost: 0.0015,
      outputs: [{ kind: 'file', name: '', contenttype: '', size: 18564, url: 'https://cdn1.wiro.ai/x/out.webp' }],
    };
    const task = run([recovered(record)]);
    expect(task).toMatchObject({ taskid: '534574', succeeded: true });
    expect(task.outputs).toEqual([
      { name: 'out.webp', contentType: 'image/webp', size: 18564, url: 'https://cdn1.wiro.ai/x/out.webp' },
    ]);
  });
});

// ---- property-based ---------------------------------------------------------------------------------

const TOKENS = ['task-A-0123456789', 'task-B-0123456789', '__proto__', 'constructor'] as const;
const word = fc.constantFrom('a', 'bb', ' ', '\n', '<think>', '</think>', '**', 'ü', '日本');
const text = fc.array(word, { maxLength: 10 }).map((w) => w.join(''));
const wireStatus = fc.constantFrom(
  'task_queue',
  'task_start',
  'task_output',
  'task_end',
  'task_postprocess_end',
  'task_cancel',
  'task_error',
  'weird',
);

const body = fc.oneof(
  fc.record({ type: fc.constantFrom(...STAGES, 'task_end', 'task_postprocess_start', 'task_stream_ready') }),
  fc.record({
    type: fc.constant('task_output'),
    message: fc.oneof(
      text,
      fc.record({ percentage: fc.constantFrom('0', '50', '100', 'x'), stepCurrent: fc.constantFrom('1', '5') }),
      fc.record({ raw: text, isThinking: fc.boolean() }),
    ),
  }),
  fc.record({ type: fc.constant('task_error'), message: text }),
  fc.record({ type: fc.constant('task_output_full'), message: fc.record({ raw: text }) }),
  fc.record({ type: fc.constant('task_error_full'), message: fc.record({ raw: text }) }),
  fc.record({
    type: fc.constant('task_postprocess_end'),
    message: fc.array(
      fc.oneof(fc.constant(PNG), fc.record({ contenttype: fc.constant('raw'), content: fc.record({ raw: text }) })),
    ),
    pexit: fc.option(fc.constantFrom('0', '1', '', 'x'), { nil: undefined }),
  }),
  fc.record({ type: fc.constant('task_cancel') }),
  fc.record({ type: fc.constant('local_task_subscribing') }),
  fc.record({ type: fc.constant('local_task_connection_failed'), message: text }),
  fc.record({
    type: fc.constant('local_task_recovered'),
    record: fc.option(
      fc.record(
        {
          status: wireStatus,
          pexit: fc.constantFrom('0', '1', 2, '', null),
          debugoutput: text,
          outputs: fc.array(fc.oneof(fc.constant(PNG), fc.jsonValue())),
          starttime: fc.constantFrom('1733140000', 0, 'x'),
          ['__proto__' as string]: fc.constant({ polluted: true }),
        },
        { requiredKeys: [] },
      ),
      { nil: null },
    ),
  }),
);

const eventArb: fc.Arbitrary<TaskEvent> = fc.tuple(fc.constantFrom(...TOKENS), body).map(([tasktoken, b]) => {
  if (b.type.startsWith('local_')) return { ...b, tasktoken } as TaskEvent;
  const decoded = decodeTaskFrame({ ...b, tasktoken, id: '7' });
  if (decoded.type === 'protocol_error') throw new Error(`generator made a bad frame: ${decoded.error}`);
  return decoded;
});

type Tasks = Map<string, TaskStream>;
function applyAll(
  events: TaskEvent[],
  check: (before: TaskStream, after: TaskStream, event: TaskEvent, prev: Tasks) => void,
): void {
  const tasks: Tasks = new Map();
  for (const event of events) {
    const before = tasks.get(event.tasktoken) ?? createTask(event.tasktoken);
    const after = reduceTask(before, event);
    const prev = new Map(tasks);
    tasks.set(event.tasktoken, after);
    check(before, after, event, prev);
  }
}

const PROPERTY = { numRuns: 400, seed: 20261202 };

describe('reduceTask properties over random frame sequences', () => {
  it('never throws; a terminal run changes only to fill in an unknown exit code', () => {
    fc.assert(
      fc.property(fc.array(eventArb, { maxLength: 50 }), (events) => {
        applyAll(events, (before, after) => {
          expect(after.isDone).toBe(isTaskTerminalStatus(after.status));
          if (after.isDone) expect(after.isRunning).toBe(false);
          if (after.succeeded === true) expect(after.exitCode).toBe(0);
          if (before.isDone && after !== before) {
            expect(before.exitCode).toBeNull();
            expect(after.exitCode).not.toBeNull();
            expect({ ...after, exitCode: null, succeeded: null, error: null, outputs: [], updatedAt: 0 }).toEqual({
              ...before,
              succeeded: null,
              error: null,
              outputs: [],
              updatedAt: 0,
            });
            expect(after.text).toBe(before.text);
          }
        });
      }),
      PROPERTY,
    );
  });

  it('never shrinks or drops LLM text', () => {
    fc.assert(
      fc.property(fc.array(eventArb, { maxLength: 50 }), (events) => {
        applyAll(events, (before, after) => {
          if (before.text === null) return;
          expect(after.text).not.toBeNull();
          expect(after.text?.raw.length).toBeGreaterThanOrEqual(before.text.raw.length);
        });
      }),
      PROPERTY,
    );
  });

  it('keeps the identity of unchanged fields, and of the run when nothing changed', () => {
    fc.assert(
      fc.property(fc.array(eventArb, { maxLength: 50 }), (events) => {
        applyAll(events, (before, after, event) => {
          if (after === before) return;
          const again = reduceTask(after, event, after.updatedAt);
          // Applying the same frame twice changes nothing the second time (stdout/stderr lines aside).
          if (event.type !== 'task_output' && event.type !== 'task_error') expect(again).toBe(after);
          for (const key of ['progress', 'outputs', 'text', 'error'] as const) {
            if (JSON.stringify(after[key]) === JSON.stringify(before[key])) expect(after[key]).toBe(before[key]);
          }
        });
      }),
      PROPERTY,
    );
  });

  it('leaves every other run untouched and pollutes no prototype', () => {
    fc.assert(
      fc.property(fc.array(eventArb, { maxLength: 50 }), (events) => {
        applyAll(events, (_before, after, event, prev) => {
          expect(after.tasktoken).toBe(event.tasktoken);
          for (const [token, other] of prev)
            if (token !== event.tasktoken) expect(reduceTask(other, event)).toBe(other);
        });
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        expect(Object.getPrototypeOf(createTask('__proto__'))).toBe(Object.prototype);
      }),
      PROPERTY,
    );
  });
});
