import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeTaskFrame, type TaskProtocolError, type TaskServerFrame } from 'wiro-agent-react/core';
import { inferContentType, toTaskDurationMs } from '../../src/protocol/task-decode';
import taskDocExamples from '../fixtures/task-doc-frames.json';

const TOKEN = 'eDcCm5yyUfIvMFspTwww49OUfgXkQt';

function decoded(data: unknown): TaskServerFrame {
  const frame = decodeTaskFrame(data);
  if (frame.type === 'protocol_error') throw new Error(`unexpected protocol error: ${frame.error}`);
  return frame;
}

function refused(data: unknown): TaskProtocolError {
  const frame = decodeTaskFrame(data);
  if (frame.type !== 'protocol_error') throw new Error(`expected a protocol error, got ${frame.type}`);
  return frame;
}

const examples = taskDocExamples;
const byNote = (note: string): Record<string, unknown> => {
  const example = examples.find((e) => 'note' in e && e.note === note);
  if (!example) throw new Error(`no doc example noted "${note}"`);
  return example.json;
};

describe('decodeTaskFrame on every JSON example of the task docs', () => {
  it('has every example of task-websocket.md and llm-chat-streaming.md in the fixture', () => {
    // 21 JSON values in task-websocket.md's blocks, 5 in llm-chat-streaming.md's (tasks.md has none).
    expect(examples.filter((e) => e.source === 'task-websocket.md')).toHaveLength(21);
    expect(examples.filter((e) => e.source === 'llm-chat-streaming.md')).toHaveLength(5);
  });

  const serverFrames = examples.filter((e) => e.kind === 'server-frame');
  it.each(serverFrames.map((e, i) => [`${e.source}#${e.block} ${String(e.json.type)} (${i})`, e.json] as const))(
    '%s decodes to its wire type, token and id',
    (_name, json) => {
      const frame = decoded(json);
      expect(frame.type).toBe(json.type);
      expect(frame.tasktoken).toBe(json.tasktoken);
      expect(frame.taskid).toBe('id' in json ? json.id : null);
    },
  );

  it('refuses the client frames (task_info, task_session_end) as frames a server does not send', () => {
    const clientFrames = examples.filter((e) => e.kind === 'client-frame');
    expect(clientFrames.map((e) => e.json.type)).toEqual(['task_info', 'task_session_end']);
    for (const e of clientFrames) expect(refused(e.json).error).toMatch(/clients send/);
  });

  it('decodes every lifecycle type the docs list for the null-message shape', () => {
    const example = examples.find((e) => 'note' in e && e.note?.startsWith('task_accept, task_preprocess_start'));
    const types = (example?.note ?? '').split(', ');
    expect(types).toHaveLength(7);
    for (const type of types) {
      expect(decoded({ ...example?.json, type })).toEqual({
        type,
        tasktoken: 'eDcCm5yy...',
        taskid: '534574',
        result: true,
      });
    }
  });

  it('reads the progress object with its string numbers and durations', () => {
    const frame = decoded(byNote('Progress output (image generation, video, etc.)'));
    expect(frame.type === 'task_output' && frame.message).toEqual({
      kind: 'progress',
      progress: {
        task: 'Generate',
        percentage: 60,
        step: 6,
        steps: 10,
        speed: 1.2,
        speedType: 'it/s',
        elapsedMs: 5000,
        remainingMs: 3000,
      },
    });
  });

  it('keeps a plain string output as one stdout write', () => {
    expect(decoded(byNote('Simple string output'))).toMatchObject({
      type: 'task_output',
      message: { kind: 'stdout', text: 'Processing complete.' },
    });
    const quick = examples.find((e) => e.note === 'task_output (streaming log)');
    expect(decoded(quick?.json)).toMatchObject({ message: { kind: 'stdout', text: 'Step 1/10...' } });
  });

  it('reads both LLM output objects (task-websocket.md and llm-chat-streaming.md) like agent progress', () => {
    const llmFrames = examples.filter(
      (e) => e.json.type === 'task_output' && typeof e.json.message === 'object' && 'answer' in (e.json.message ?? {}),
    );
    expect(llmFrames).toHaveLength(2);
    const [socketDoc, chatDoc] = llmFrames.map((e) => decoded(e.json));
    if (socketDoc?.type !== 'task_output' || socketDoc.message.kind !== 'llm') throw new Error('not an LLM output');
    expect(socketDoc.message.progress).toMatchObject({
      raw: 'Quantum computing uses qubits...',
      thinking: ['Let me analyze this...'],
      answer: ['Quantum computing uses qubits...'],
      isThinking: false,
      metrics: { speed: 12.4, speedType: 'words/s', elapsedMs: 3000 },
    });
    if (chatDoc?.type !== 'task_output' || chatDoc.message.kind !== 'llm') throw new Error('not an LLM output');
    // Two thinking blocks and one answer: thinking[i] pairs with answer[i].
    expect(chatDoc.message.progress.segments.map((s) => s.kind)).toEqual(['thinking', 'answer', 'thinking']);
    expect(chatDoc.message.progress.metrics.speedType).toBe('t/s');
    expect(chatDoc.taskid).toBe('534574');
  });

  it('reads the full logs: a standard model raw, an LLM one with its arrays, and stderr', () => {
    const standard = decoded(byNote('Standard model'));
    expect(standard).toMatchObject({ type: 'task_output_full', llm: null });
    expect(standard.type === 'task_output_full' && standard.raw).toMatch(/^0%.*Done\.$/s);
    const llm = decoded(byNote('LLM model — includes thinking/answer separation'));
    if (llm.type !== 'task_output_full' || llm.llm === null) throw new Error('no LLM text');
    expect(llm.raw).toBe('<think>Let me analyze...</think>Quantum computing uses qubits...');
    expect(llm.llm.answer).toEqual(['Quantum computing uses qubits that can exist in superposition...']);
    expect(decoded(byNote('Stderr log (only sent if stderr is non-empty)'))).toMatchObject({
      type: 'task_error_full',
      raw: 'UserWarning: Some weights were not initialized...',
    });
  });

  it('keeps task_error as a log line, not a failure', () => {
    const example = examples.find((e) => e.json.type === 'task_error');
    expect(decoded(example?.json)).toEqual({
      type: 'task_error',
      tasktoken: 'eDcCm5yy...',
      taskid: '534574',
      text: 'UserWarning: Some weights were not initialized...',
      result: true,
    });
  });

  it('reads the file result (with and without contenttype) and the LLM raw result', () => {
    const file = decoded(byNote('Standard model — file outputs with CDN URLs'));
    expect(file).toMatchObject({
      type: 'task_postprocess_end',
      outputs: [{ name: '0.png', contentType: 'image/png', size: 202472, url: 'https://cdn1.wiro.ai/.../0.png' }],
      llm: null,
      exitCode: null,
      skipped: 0,
    });
    // The quick reference omits contenttype: it is inferred from the name.
    const quick = decoded(examples.find((e) => e.note === 'task_postprocess_end (outputs ready)')?.json);
    expect(quick.type === 'task_postprocess_end' && quick.outputs[0]?.contentType).toBe('image/png');
    const llm = decoded(byNote('LLM model — structured raw content'));
    if (llm.type !== 'task_postprocess_end' || llm.llm === null) throw new Error('no LLM result');
    expect(llm.outputs).toEqual([]);
    expect(llm.llm.prompt).toBe('Explain quantum computing');
    expect(llm.llm.progress.answer).toEqual(['Quantum computing uses qubits...']);
  });

  it('passes the realtime frames through, typed', () => {
    expect(decoded(byNote('Session is ready — start sending audio/text')).type).toBe('task_stream_ready');
    expect(decoded(byNote('The model finished producing output for this turn')).type).toBe('task_stream_end');
    expect(decoded(byNote('Cost update per turn'))).toMatchObject({
      type: 'task_cost',
      turnCost: 0.002,
      cumulativeCost: 0.012,
      usage: { input_tokens: 150, output_tokens: 89 },
    });
  });

  it('reads the LLM arrays example as a progress object that pairs thinking[i] with answer[i]', () => {
    const arrays = examples.find((e) => e.kind === 'llm-arrays')?.json;
    const frame = decoded({ type: 'task_output', tasktoken: TOKEN, message: arrays });
    if (frame.type !== 'task_output' || frame.message.kind !== 'llm') throw new Error('not LLM');
    expect(frame.message.progress.segments.map((s) => `${s.kind}:${s.text.slice(0, 12)}`)).toEqual([
      'thinking:Let me break',
      'answer:Quantum comp',
      'thinking:Now let me v',
      'answer:To summarize',
    ]);
  });

  it('does not take a Run input body or a Task/Detail answer for a frame', () => {
    for (const e of examples.filter((x) => x.kind === 'run-input' || x.kind === 'task-detail')) {
      expect(refused(e.json).error).toMatch(/no string "type"/);
    }
  });
});

describe('decodeTaskFrame details', () => {
  it('reads pexit on the result as the exit code', () => {
    const frame = (pexit: unknown) =>
      decoded({ type: 'task_postprocess_end', tasktoken: TOKEN, message: [], pexit, result: true });
    expect(frame('0')).toMatchObject({ exitCode: 0 });
    expect(frame(' 1 ')).toMatchObject({ exitCode: 1 });
    expect(frame(137)).toMatchObject({ exitCode: 137 });
    expect(frame('')).toMatchObject({ exitCode: null });
    expect(frame('1.5')).toMatchObject({ exitCode: null });
    expect(frame(undefined)).toMatchObject({ exitCode: null });
  });

  it('keeps the result when single entries are unreadable, counting them', () => {
    const frame = decoded({
      type: 'task_postprocess_end',
      tasktoken: TOKEN,
      message: [
        { name: 'a.png', url: 'https://cdn/a.png' },
        { name: 'no-url.png' },
        7,
        { contenttype: 'raw', content: { raw: 5 } },
        { url: 'https://cdn/path/b%20c.webm?sig=1' },
      ],
    });
    if (frame.type !== 'task_postprocess_end') throw new Error('wrong type');
    expect(frame.outputs.map((o) => [o.name, o.contentType])).toEqual([
      ['a.png', 'image/png'],
      ['b c.webm', 'video/webm'],
    ]);
    expect(frame.skipped).toBe(3);
  });

  it('tells an LLM object from a progress object that carries a raw log line', () => {
    const progress = decoded({ type: 'task_output', tasktoken: TOKEN, message: { raw: '10%|█|', percentage: '10' } });
    expect(progress.type === 'task_output' && progress.message.kind).toBe('progress');
    const llm = decoded({ type: 'task_output', tasktoken: TOKEN, message: { raw: '<think>a</think>b' } });
    expect(llm.type === 'task_output' && llm.message.kind).toBe('llm');
  });

  it('clamps percentages and drops unreadable figures instead of refusing the frame', () => {
    const frame = decoded({
      type: 'task_output',
      tasktoken: TOKEN,
      message: { percentage: '140', stepCurrent: '-1', stepTotal: 'ten', speed: 'fast', remainingTime: '?' },
    });
    expect(frame.type === 'task_output' && frame.message).toEqual({
      kind: 'progress',
      progress: {
        task: null,
        percentage: 100,
        step: null,
        steps: null,
        speed: null,
        speedType: null,
        elapsedMs: null,
        remainingMs: null,
      },
    });
  });

  it('reads durations in the units, compounds and clocks models print', () => {
    expect(toTaskDurationMs('5s')).toBe(5000);
    expect(toTaskDurationMs('1m 5s')).toBe(65_000);
    expect(toTaskDurationMs('1h 2m')).toBe(3_720_000);
    expect(toTaskDurationMs('2m5s')).toBe(125_000);
    expect(toTaskDurationMs('00:05')).toBe(5000);
    expect(toTaskDurationMs('1:02:03')).toBe(3_723_000);
    expect(toTaskDurationMs('850ms')).toBe(850);
    for (const bad of ['', '?', 'soon', '1:99', null, {}]) expect(toTaskDurationMs(bad)).toBeNull();
    // An LLM object's compound elapsed time is read too (the agent decoder alone would drop it).
    const frame = decoded({
      type: 'task_output',
      tasktoken: TOKEN,
      message: { raw: 'x', answer: ['x'], elapsedTime: '1m 5s' },
    });
    expect(
      frame.type === 'task_output' && frame.message.kind === 'llm' && frame.message.progress.metrics.elapsedMs,
    ).toBe(65_000);
  });

  it('infers content types from file extensions', () => {
    expect(inferContentType('0.PNG')).toBe('image/png');
    expect(inferContentType('clip.mp4')).toBe('video/mp4');
    expect(inferContentType('voice.wav')).toBe('audio/wav');
    expect(inferContentType('weights.safetensors')).toBe('application/octet-stream');
    expect(inferContentType('constructor')).toBe('application/octet-stream');
    expect(inferContentType('x.__proto__')).toBe('application/octet-stream');
  });

  it('keeps a "__proto__" usage key as a plain entry', () => {
    const frame = decoded(
      JSON.parse(`{"type":"task_cost","tasktoken":"${TOKEN}","usage":{"__proto__":{"polluted":1},"input_tokens":"3"}}`),
    );
    expect(frame.type === 'task_cost' && frame.usage).toEqual({ input_tokens: 3 });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('decodeTaskFrame refusals', () => {
  it.each([
    ['a non-object', [1, 2], /not a JSON object/],
    ['no type', { tasktoken: TOKEN }, /no string "type"/],
    ['an unknown task type', { type: 'task_teleport', tasktoken: TOKEN }, /unknown task frame type/],
    ['no tasktoken', { type: 'task_start', id: '1' }, /tasktoken/],
    ['an empty tasktoken', { type: 'task_start', tasktoken: '' }, /tasktoken/],
    ['a numeric output message', { type: 'task_output', tasktoken: TOKEN, message: 5 }, /task_output\.message/],
    ['a null output message', { type: 'task_output', tasktoken: TOKEN, message: null }, /task_output\.message/],
    [
      'an LLM object with a numeric raw',
      { type: 'task_output', tasktoken: TOKEN, message: { raw: 5, answer: [] } },
      /raw/,
    ],
    [
      'an LLM object with a non-array answer',
      { type: 'task_output', tasktoken: TOKEN, message: { raw: 'x', answer: 'x' } },
      /answer/,
    ],
    ['an object stderr line without raw', { type: 'task_error', tasktoken: TOKEN, message: {} }, /task_error\.message/],
    ['a full log without raw', { type: 'task_output_full', tasktoken: TOKEN, message: {} }, /raw/],
    ['a result that is not an array', { type: 'task_postprocess_end', tasktoken: TOKEN, message: {} }, /array/],
    ['a string result flag', { type: 'task_start', tasktoken: TOKEN, result: 'yes' }, /result/],
  ])('refuses %s', (_name, data, pattern) => {
    expect(refused(data).error).toMatch(pattern);
  });

  it('names the token of a refused frame for attribution, but never in the message', () => {
    const error = refused({ type: 'task_output', tasktoken: TOKEN, message: 5 });
    expect(error.tasktoken).toBe(TOKEN);
    expect(error.error).not.toContain(TOKEN);
    expect(error.error).not.toContain(TOKEN.slice(0, 8));
  });

  it('never throws and never writes a token into an error message, whatever arrives', () => {
    const token = fc.constantFrom(TOKEN, 'secretsecretsecret-9999', '__proto__');
    const type = fc.constantFrom(
      'task_queue',
      'task_output',
      'task_error',
      'task_output_full',
      'task_error_full',
      'task_postprocess_end',
      'task_cancel',
      'task_cost',
      'task_info',
      'task_x',
    );
    const frame = fc.record(
      {
        type,
        tasktoken: fc.oneof(token, fc.anything()),
        id: fc.anything(),
        message: fc.oneof(fc.anything(), fc.jsonValue(), fc.array(fc.dictionary(fc.string(), fc.jsonValue()))),
        result: fc.oneof(fc.boolean(), fc.anything()),
        pexit: fc.anything(),
      },
      { requiredKeys: ['type'] },
    );
    fc.assert(
      fc.property(fc.oneof(frame, fc.anything()), (value) => {
        const out = decodeTaskFrame(value);
        if (out.type === 'protocol_error') {
          expect(out.error).not.toContain(TOKEN);
          expect(out.error).not.toContain('secretsecretsecret');
        }
      }),
      { numRuns: 500, seed: 20261202 },
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
