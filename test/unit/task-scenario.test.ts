import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createTask, decodeTaskFrame, reduceTask, type TaskStream } from 'wiro-agent-react/core';
import {
  interruptTaskFrames,
  taskDetailAt,
  taskMediaFile,
  taskOutputUrl,
  taskScenario,
  taskScenarioFile,
  taskScenarioFrames,
  type TaskScenarioStep,
} from 'wiro-agent-react/testing';

const T = 'eDcCm5yyUfIvMFspTwww49OUfgXkQt';

/** Every step through the wire (JSON text) and the kit's decoder and reducer, as a socket would. */
function play(steps: readonly TaskScenarioStep[]): TaskStream {
  let task = createTask(T);
  for (const step of steps) {
    const frame = decodeTaskFrame(JSON.parse(JSON.stringify(step.frame)));
    if (frame.type === 'protocol_error') throw new Error(`scenario frame refused: ${frame.error}`);
    task = reduceTask(task, frame, step.at);
  }
  return task;
}

const types = (steps: readonly TaskScenarioStep[]) => steps.map((s) => s.frame.type);

describe('taskScenario', () => {
  it('fills in the defaults: a ten-step image run', () => {
    expect(taskScenario()).toMatchObject({
      queueMs: 120,
      preprocessMs: 80,
      loadMs: 150,
      steps: 10,
      stepMs: 60,
      outputs: [{ name: '0.png', media: 'image' }],
      text: null,
      outcome: 'success',
      pexitOnSocket: true,
    });
    expect(taskScenario({ text: 'Hi' })).toMatchObject({ steps: 0, outputs: [] });
  });

  it('rejects bad options with messages that name them', () => {
    expect(() => taskScenario({ steps: -1 })).toThrow(/steps/);
    expect(() => taskScenario({ queueMs: Number.NaN })).toThrow(/queueMs/);
    expect(() => taskScenario({ outcome: 'explode' as 'success' })).toThrow(/outcome/);
    expect(() => taskScenario({ exitCode: 0 })).toThrow(/exitCode/);
    expect(() => taskScenario({ outputs: ['a/b.png'] })).toThrow(/file name/);
    expect(() => taskScenario({ outputs: ['a.png', 'a.png'] })).toThrow(/twice/);
    expect(() => taskScenario({ stderr: [1] as unknown as string[] })).toThrow(/stderr/);
    expect(() => taskScenario({ thinking: 'x' })).toThrow(/needs `text`/);
  });
});

describe('taskScenarioFrames', () => {
  it('plays the documented lifecycle in order, in the documented frame shape', () => {
    const steps = taskScenarioFrames(T, { steps: 2, stdout: ['Loading'], stderr: ['UserWarning: slow'] });
    expect(types(steps)).toEqual([
      'task_queue',
      'task_accept',
      'task_preprocess_start',
      'task_preprocess_end',
      'task_assign',
      'task_start',
      'task_error',
      'task_output',
      'task_output',
      'task_output',
      'task_output_full',
      'task_error_full',
      'task_end',
      'task_postprocess_start',
      'task_postprocess_end',
    ]);
    for (const step of steps) {
      expect(step.frame).toMatchObject({ id: '534574', tasktoken: T, result: true });
      expect(Object.keys(step.frame)).toEqual(expect.arrayContaining(['type', 'id', 'tasktoken', 'message', 'result']));
    }
    const ats = steps.map((s) => s.at);
    expect(ats).toEqual([...ats].sort((a, b) => a - b));
    expect(steps.find((s) => s.frame.type === 'task_accept')?.at).toBe(120);
    // A progress object with its numbers as strings, as the docs show it.
    expect(
      steps.find((s) => typeof s.frame.message === 'object' && s.frame.type === 'task_output')?.frame.message,
    ).toEqual({
      type: 'progressGenerate',
      task: 'Generate',
      percentage: '50',
      stepCurrent: '1',
      stepTotal: '2',
      speed: '16.7',
      speedType: 'it/s',
      elapsedTime: '0.1s',
      remainingTime: '0.1s',
    });
  });

  it('ends a success with pexit "0" and the outputs at URLs under the given base', () => {
    const steps = taskScenarioFrames(
      T,
      { outputs: ['0.png', 'voice.wav', 'clip.webm'] },
      { taskid: '77', baseUrl: 'http://127.0.0.1:9/files/' },
    );
    const end = steps[steps.length - 1]?.frame;
    expect(end).toMatchObject({ type: 'task_postprocess_end', pexit: '0', id: '77' });
    expect(end?.type === 'task_postprocess_end' && end.message).toEqual([
      {
        name: '0.png',
        contenttype: 'image/png',
        size: String(taskMediaFile('image').body.length),
        url: 'http://127.0.0.1:9/files/77/0.png',
      },
      {
        name: 'voice.wav',
        contenttype: 'audio/wav',
        size: String(taskMediaFile('audio').body.length),
        url: 'http://127.0.0.1:9/files/77/voice.wav',
      },
      {
        name: 'clip.webm',
        contenttype: 'video/webm',
        size: String(taskMediaFile('video').body.length),
        url: 'http://127.0.0.1:9/files/77/clip.webm',
      },
    ]);
    const task = play(steps);
    expect(task).toMatchObject({ succeeded: true, exitCode: 0, isDone: true });
    expect(task.outputs.map((o) => o.contentType)).toEqual(['image/png', 'audio/wav', 'video/webm']);
    expect(taskOutputUrl('a b.png')).toBe('/wiro-mock-files/534574/a%20b.png');
  });

  it('writes stdout lines between the steps and stderr warnings after the start; the run still succeeds', () => {
    const task = play(taskScenarioFrames(T, { steps: 4, stdout: ['a', 'b', 'c'], stderr: ['UserWarning: w'] }));
    expect(task.stdout).toBe('a\nb\nc');
    expect(task.stderr).toBe('UserWarning: w');
    expect(task.succeeded).toBe(true);
    expect(task.progress).toMatchObject({ percentage: 100, step: 4, steps: 4 });
  });

  it('fails half-way with a traceback on stderr and a non-zero pexit', () => {
    const steps = taskScenarioFrames(T, { steps: 10, outcome: 'failure', exitCode: 137 });
    expect(steps.filter((s) => s.frame.type === 'task_output')).toHaveLength(5);
    const task = play(steps);
    expect(task).toMatchObject({ succeeded: false, exitCode: 137, outputs: [] });
    expect(task.stderr.split('\n').at(-1)).toMatch(/CUDA out of memory/);
  });

  it('can leave pexit off the socket, so only Task/Detail tells the verdict', () => {
    const scenario = taskScenario({ outcome: 'failure', pexitOnSocket: false });
    const steps = taskScenarioFrames(T, scenario);
    const task = play(steps);
    expect(task.succeeded).toBeNull();
    const detail = taskDetailAt(steps, Number.POSITIVE_INFINITY, { scenario, createdAt: 0 });
    expect(detail.pexit).toBe('1');
    const settled = reduceTask(task, { type: 'local_task_recovered', tasktoken: T, record: detail });
    expect(settled).toMatchObject({ succeeded: false, exitCode: 1 });
  });

  it('cancels while queued and kills half-way through the run', () => {
    const cancelled = taskScenarioFrames(T, { outcome: 'cancel', queueMs: 100 });
    expect(types(cancelled)).toEqual(['task_queue', 'task_cancel']);
    expect(cancelled[1]?.at).toBe(50);
    expect(play(cancelled)).toMatchObject({ status: 'task_cancel', succeeded: false });
    const killed = taskScenarioFrames(T, { outcome: 'kill', steps: 10 });
    expect(types(killed).slice(-2)).toEqual(['task_output', 'task_cancel']);
    expect(play(killed).progress.percentage).toBe(50);
  });

  it('streams an LLM run as growing text, then ends with the raw content', () => {
    const steps = taskScenarioFrames(T, { text: 'Qubits hold 0 and 1.', thinking: 'Keep it short.', chunkChars: 8 });
    const outputs = steps.flatMap((s) =>
      s.frame.type === 'task_output' && typeof s.frame.message === 'object' ? [s.frame.message] : [],
    );
    expect(outputs.length).toBeGreaterThan(3);
    const raws = outputs.map((m) => ('raw' in m ? m.raw : ''));
    raws.slice(1).forEach((raw, i) => expect(raw.startsWith(raws[i] as string)).toBe(true));
    const task = play(steps);
    expect(task.text).toMatchObject({
      answer: 'Qubits hold 0 and 1.',
      thinking: ['Keep it short.'],
      status: 'agent_end',
    });
    const end = steps.at(-1)?.frame;
    expect(end?.type === 'task_postprocess_end' && end.message[0]).toMatchObject({
      contenttype: 'raw',
      content: { prompt: 'Explain quantum computing', answer: ['Qubits hold 0 and 1.'] },
    });
  });

  it('marks the step where the server drops the socket', () => {
    const steps = taskScenarioFrames(T, { dropConnectionAt: 400 });
    const marked = steps.filter((s) => s.dropConnections);
    expect(marked).toHaveLength(1);
    expect(marked[0]?.at).toBeGreaterThanOrEqual(400);
  });
});

describe('interruptTaskFrames', () => {
  const steps = taskScenarioFrames(T, {});
  it('cancels only while queued', () => {
    const cut = interruptTaskFrames(steps, 60, 'cancel');
    expect(Array.isArray(cut) && types(cut)).toEqual(['task_queue', 'task_cancel']);
    expect(interruptTaskFrames(steps, 400, 'cancel')).toBe('not-queued');
  });
  it('kills only once assigned and before the process ended', () => {
    expect(interruptTaskFrames(steps, 60, 'kill')).toBe('not-running');
    const cut = interruptTaskFrames(steps, 500, 'kill');
    if (!Array.isArray(cut)) throw new Error(cut);
    expect(cut.at(-1)).toMatchObject({ at: 500, frame: { type: 'task_cancel', tasktoken: T } });
    expect(play(cut).status).toBe('task_cancel');
    expect(interruptTaskFrames(steps, 100_000, 'kill')).toBe('finished');
  });
});

describe('taskDetailAt', () => {
  it('agrees with the frames at every moment', () => {
    const scenario = taskScenario({ steps: 2, stdout: ['one', 'two'] });
    const steps = taskScenarioFrames(T, scenario);
    const at = (ms: number) =>
      taskDetailAt(steps, ms, { scenario, createdAt: 1_733_140_000_000, parameters: { prompt: 'a cat' } });
    expect(at(0)).toMatchObject({
      status: 'task_queue',
      pexit: '',
      outputs: [],
      starttime: '',
      parameters: { prompt: 'a cat' },
    });
    expect(at(360)).toMatchObject({ status: 'task_start', starttime: '1733140000', debugoutput: '' });
    expect(at(427)).toMatchObject({ status: 'task_output', debugoutput: 'one' });
    const end = at(Number.POSITIVE_INFINITY);
    expect(end).toMatchObject({
      status: 'task_postprocess_end',
      pexit: '0',
      totalcost: '0.0015',
      debugoutput: 'one\ntwo',
    });
    expect(end.outputs).toHaveLength(1);
    // The record recovers the same state the frames built.
    const recovered = reduceTask(createTask(T), { type: 'local_task_recovered', tasktoken: T, record: end });
    expect(recovered).toMatchObject({ succeeded: true, stdout: 'one\ntwo' });
    expect(recovered.outputs).toEqual(play(steps).outputs);
  });
});

describe('generated media', () => {
  it('serves each output of a scenario by name, and nothing else', () => {
    const scenario = taskScenario({ outputs: ['0.png', { name: 'take.bin', media: 'audio' }] });
    expect(taskScenarioFile(scenario, '0.png')?.contentType).toBe('image/png');
    expect(taskScenarioFile(scenario, 'take.bin')?.contentType).toBe('audio/wav');
    expect(taskScenarioFile(scenario, 'missing.png')).toBeNull();
  });

  it('makes a PNG that a real inflater reads, with valid chunk checksums', () => {
    const png = Buffer.from(taskMediaFile('image').body);
    expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    let offset = 8;
    const chunks: string[] = [];
    let idat = Buffer.alloc(0);
    while (offset < png.length) {
      const length = png.readUInt32BE(offset);
      const type = png.subarray(offset + 4, offset + 8).toString('ascii');
      const data = png.subarray(offset + 8, offset + 8 + length);
      expect(png.readUInt32BE(offset + 8 + length)).toBe(crc32(png.subarray(offset + 4, offset + 8 + length)));
      if (type === 'IDAT') idat = Buffer.concat([idat, data]);
      chunks.push(type);
      offset += 12 + length;
    }
    expect(chunks).toEqual(['IHDR', 'IDAT', 'IEND']);
    const width = png.readUInt32BE(16);
    const height = png.readUInt32BE(20);
    expect(inflateSync(idat)).toHaveLength(height * (width * 3 + 1));
  });

  it('makes a WAV with a PCM header that matches its data, and a WebM clip', () => {
    const wav = Buffer.from(taskMediaFile('audio').body);
    expect(wav.subarray(0, 4).toString()).toBe('RIFF');
    expect(wav.subarray(8, 16).toString()).toBe('WAVEfmt ');
    expect(wav.readUInt32LE(4)).toBe(wav.length - 8);
    expect(wav.readUInt32LE(40)).toBe(wav.length - 44);
    const webm = Buffer.from(taskMediaFile('video').body);
    expect(webm.subarray(0, 4).toString('hex')).toBe('1a45dfa3'); // EBML magic
    expect(webm.includes(Buffer.from('webm'))).toBe(true);
    expect(webm.includes(Buffer.from('V_VP8'))).toBe(true);
  });
});

/** Reference CRC-32 (IEEE), written out here so the test does not reuse the code under test. */
function crc32(bytes: Uint8Array): number {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}
