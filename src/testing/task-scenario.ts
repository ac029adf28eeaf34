/**
 * Scripted model runs for tests, stories and the demo: a plain description of one run
 * ({@link taskScenario}), the exact timed wire frames it produces ({@link taskScenarioFrames}), what
 * Task/Detail says about it at any moment ({@link taskDetailAt}), a cancel or kill arriving mid-run
 * ({@link interruptTaskFrames}), and the files its outputs point to ({@link taskScenarioFile}).
 *
 * Frames have the shapes task-websocket.md shows (`{ type, id, tasktoken, message, result }`). Output URLs
 * are `{baseUrl}/{taskid}/{name}`: the server that plays a scenario chooses `baseUrl` and serves the files.
 *
 * Pure and free of Node or browser APIs, so the Node mock server and msw handlers can share it.
 * @packageDocumentation
 */
import { statusSet } from '../protocol/task-statuses.js';
import { agentScenario, scenarioRaw, wireProgress, type WireProgress } from './scenario.js';
import { mediaKindOf, taskMediaFile, type TaskMediaFile, type TaskMediaKind } from './task-media.js';

/** How a scripted run ends. */
export type TaskScenarioOutcome =
  /** The result arrives with `pexit` `"0"` and the outputs. */
  | 'success'
  /** The model fails half-way: a traceback on stderr, then the result with a non-zero `pexit` and no outputs. */
  | 'failure'
  /** The run is cancelled while still queued (Task/Cancel): `task_queue`, then `task_cancel`. */
  | 'cancel'
  /** The run is killed while running (Task/Kill), half-way through its steps: `task_cancel`. */
  | 'kill';

/** One file the run produces. */
export interface TaskScenarioOutputInput {
  /** File name as the result lists it (`"0.png"`). */
  name: string;
  /** Which generated file stands in for it. Default: by extension (`png` image, `wav` audio, `webm`/`mp4` video). */
  media?: TaskMediaKind;
}

/** What {@link taskScenario} accepts. Everything is optional: the default is a ten-step image run. */
export interface TaskScenarioInput {
  /** Milliseconds the run waits in the queue before a worker accepts it. Default 120. */
  queueMs?: number;
  /** Milliseconds of preprocessing (`task_preprocess_start` to `_end`); 0 sends no preprocess frames. Default 80. */
  preprocessMs?: number;
  /** Milliseconds the model takes to load on its GPU (`task_assign` to `task_start`). Default 150. */
  loadMs?: number;
  /** Progress steps a standard model reports (`percentage`, `stepCurrent`/`stepTotal`). Default 10; 0 for none. */
  steps?: number;
  /** Milliseconds per step (and per LLM chunk). Default 60. */
  stepMs?: number;
  /** Plain stdout writes (`task_output` with a string), spread over the steps. Default none. */
  stdout?: readonly string[];
  /** stderr warnings (`task_error`) the model writes after it starts; they are logs, the run still succeeds. */
  stderr?: readonly string[];
  /** Files the run produces. Default `['0.png']`, or none for an LLM run. */
  outputs?: readonly (string | TaskScenarioOutputInput)[];
  /** Milliseconds of post-processing (`task_end` to `task_postprocess_end`): uploading outputs. Default 100. */
  uploadMs?: number;
  /** An LLM run: this answer streams as LLM `task_output` objects, each carrying the full text so far. */
  text?: string;
  /** The LLM's reasoning before the answer (see `agentScenario`'s `thinking`). */
  thinking?: string | readonly string[];
  /** Characters of LLM raw output added per chunk. Default 12. */
  chunkChars?: number;
  /** The prompt an LLM result echoes. Default `"Explain quantum computing"`. */
  prompt?: string;
  /** How the run ends. Default `'success'`. */
  outcome?: TaskScenarioOutcome;
  /** Exit code of a `'failure'` (non-zero). Default 1. */
  exitCode?: number;
  /** The last stderr line of a `'failure'`. Default a CUDA out-of-memory error. */
  errorMessage?: string;
  /**
   * Put `pexit` on the `task_postprocess_end` frame. Default `true`. The docs' frame examples do not show
   * it: `false` plays that form, where only Task/Detail says whether the run succeeded.
   */
  pexitOnSocket?: boolean;
  /**
   * After this many milliseconds the server drops every socket following the run; the run goes on (the
   * socket replays nothing for tasks, so a client recovers through Task/Detail). Default `null`.
   */
  dropConnectionAt?: number | null;
}

/** One file of a validated scenario. */
export interface TaskScenarioOutput {
  readonly name: string;
  readonly media: TaskMediaKind;
}

/** A validated scenario with every default filled in. Build with {@link taskScenario}. */
export interface TaskScenario {
  readonly queueMs: number;
  readonly preprocessMs: number;
  readonly loadMs: number;
  readonly steps: number;
  readonly stepMs: number;
  readonly stdout: readonly string[];
  readonly stderr: readonly string[];
  readonly outputs: readonly TaskScenarioOutput[];
  readonly uploadMs: number;
  /** The LLM answer, `null` for a standard model. */
  readonly text: string | null;
  readonly thinking: readonly string[];
  readonly chunkChars: number;
  readonly prompt: string;
  readonly outcome: TaskScenarioOutcome;
  readonly exitCode: number;
  readonly errorMessage: string;
  readonly pexitOnSocket: boolean;
  readonly dropConnectionAt: number | null;
}

/** A standard model's progress object, exactly as the wire carries it (numbers as strings). */
export interface WireTaskProgress {
  type: 'progressGenerate';
  task: 'Generate';
  percentage: string;
  stepCurrent: string;
  stepTotal: string;
  speed: string;
  speedType: 'it/s';
  elapsedTime: string;
  remainingTime: string;
}

/** A result entry: a file, or an LLM run's structured text. */
export type WireTaskOutput =
  | { name: string; contenttype: string; size: string; url: string }
  | { contenttype: 'raw'; content: { prompt: string; raw: string; thinking: string[]; answer: string[] } };

interface WireTaskBase {
  id: string;
  tasktoken: string;
  result: true;
}

/** A task frame as the server sends it. */
export type WireTaskFrame =
  | (WireTaskBase & {
      type:
        | 'task_queue'
        | 'task_accept'
        | 'task_preprocess_start'
        | 'task_preprocess_end'
        | 'task_assign'
        | 'task_start'
        | 'task_end'
        | 'task_postprocess_start'
        | 'task_cancel';
      message: null;
    })
  | (WireTaskBase & { type: 'task_output'; message: string | WireTaskProgress | WireProgress })
  | (WireTaskBase & { type: 'task_error'; message: string })
  | (WireTaskBase & { type: 'task_output_full'; message: { raw: string; thinking?: string[]; answer?: string[] } })
  | (WireTaskBase & { type: 'task_error_full'; message: { raw: string } })
  | (WireTaskBase & { type: 'task_postprocess_end'; message: WireTaskOutput[]; pexit?: string });

/** One step of a scripted run. */
export interface TaskScenarioStep {
  /** Milliseconds after the run was created (the Run call). */
  at: number;
  frame: WireTaskFrame;
  /** After sending this frame, the server drops every socket following the run. */
  dropConnections?: true;
}

/** Where the run's files are served and under which id it runs. */
export interface TaskScenarioPlayOptions {
  /** The task id (`id` on every frame, and the folder of its files). Default `"534574"`. */
  taskid?: string;
  /** Prefix of output URLs, without a trailing slash: `{baseUrl}/{taskid}/{name}`. Default `"/wiro-mock-files"`. */
  baseUrl?: string;
}

const DEFAULTS = {
  queueMs: 120,
  preprocessMs: 80,
  loadMs: 150,
  steps: 10,
  stepMs: 60,
  uploadMs: 100,
  chunkChars: 12,
  exitCode: 1,
  prompt: 'Explain quantum computing',
  errorMessage: 'RuntimeError: CUDA out of memory. Tried to allocate 2.00 GiB',
  taskid: '534574',
  baseUrl: '/wiro-mock-files',
} as const;

/** Milliseconds between frames that happen "at once" (so their order is unambiguous on a timeline). */
const TICK = 5;

const BUILT = /* @__PURE__ */ new WeakSet<object>();

/**
 * Describe one scripted model run, validating it and filling in defaults.
 *
 * @example taskScenario({ steps: 4, outputs: ['0.png', '1.png'], stderr: ['UserWarning: slow tokenizer'] })
 * @example taskScenario({ text: 'Qubits can be 0 and 1 at once.', thinking: 'Keep it short.' })
 * @example taskScenario({ outcome: 'failure', exitCode: 137 })
 * @throws TypeError or RangeError with a message naming the bad option.
 */
export function taskScenario(input: TaskScenarioInput | TaskScenario = {}): TaskScenario {
  if (BUILT.has(input)) return input as TaskScenario;
  if (typeof input !== 'object' || input === null) throw new TypeError('taskScenario: expected an options object');
  const opts = input as TaskScenarioInput;
  const text = opts.text ?? null;
  if (text !== null && typeof text !== 'string') throw new TypeError('taskScenario: `text` must be a string');
  // agentScenario validates the thinking blocks against the text and builds the raw output below.
  const thinking = text === null ? [] : agentScenario({ text, thinking: opts.thinking }).thinking;
  if (text === null && opts.thinking !== undefined) throw new TypeError('taskScenario: `thinking` needs `text`');
  const outcome = opts.outcome ?? 'success';
  if (!['success', 'failure', 'cancel', 'kill'].includes(outcome)) {
    throw new TypeError("taskScenario: `outcome` must be 'success', 'failure', 'cancel' or 'kill'");
  }
  const exitCode = opts.exitCode ?? DEFAULTS.exitCode;
  if (!Number.isInteger(exitCode) || exitCode === 0) {
    throw new RangeError(`taskScenario: \`exitCode\` must be a non-zero integer (got ${String(exitCode)})`);
  }
  const scenario: TaskScenario = Object.freeze({
    queueMs: milliseconds('queueMs', opts.queueMs ?? DEFAULTS.queueMs),
    preprocessMs: milliseconds('preprocessMs', opts.preprocessMs ?? DEFAULTS.preprocessMs),
    loadMs: milliseconds('loadMs', opts.loadMs ?? DEFAULTS.loadMs),
    steps: integer('steps', opts.steps ?? (text === null ? DEFAULTS.steps : 0), 0),
    stepMs: milliseconds('stepMs', opts.stepMs ?? DEFAULTS.stepMs),
    stdout: Object.freeze(strings('stdout', opts.stdout)),
    stderr: Object.freeze(strings('stderr', opts.stderr)),
    outputs: Object.freeze(outputsOf(opts.outputs ?? (text === null ? ['0.png'] : []))),
    uploadMs: milliseconds('uploadMs', opts.uploadMs ?? DEFAULTS.uploadMs),
    text,
    thinking,
    chunkChars: integer('chunkChars', opts.chunkChars ?? DEFAULTS.chunkChars, 1),
    prompt: typeof opts.prompt === 'string' ? opts.prompt : DEFAULTS.prompt,
    outcome,
    exitCode,
    errorMessage: typeof opts.errorMessage === 'string' ? opts.errorMessage : DEFAULTS.errorMessage,
    pexitOnSocket: opts.pexitOnSocket ?? true,
    dropConnectionAt: opts.dropConnectionAt == null ? null : milliseconds('dropConnectionAt', opts.dropConnectionAt),
  });
  BUILT.add(scenario);
  return scenario;
}

/** The URL of one output file: `{baseUrl}/{taskid}/{name}`, the name percent-encoded. */
export function taskOutputUrl(name: string, options: TaskScenarioPlayOptions = {}): string {
  const base = (options.baseUrl ?? DEFAULTS.baseUrl).replace(/\/+$/, '');
  return `${base}/${encodeURIComponent(options.taskid ?? DEFAULTS.taskid)}/${encodeURIComponent(name)}`;
}

/**
 * The generated file behind an output of the scenario (by its name as in the URL), or `null` when the
 * scenario has no such output. A server maps `GET {baseUrl}/{taskid}/{name}` to this.
 */
export function taskScenarioFile(scenario: TaskScenario, name: string): TaskMediaFile | null {
  const output = scenario.outputs.find((o) => o.name === name);
  return output === undefined ? null : taskMediaFile(output.media);
}

/**
 * The timed wire frames of one scripted run for `tasktoken`, in order:
 * `task_queue` → `task_accept` → (`task_preprocess_start` → `task_preprocess_end`) → `task_assign` →
 * `task_start` → stderr warnings (`task_error`), progress objects and stdout writes (or LLM chunks) →
 * `task_output_full` → `task_error_full` (when stderr was written) → `task_end` → `task_postprocess_start`
 * → `task_postprocess_end`; or `task_cancel` for a cancel (while queued) or a kill (half-way).
 * Pure: the same scenario always gives the same frames.
 */
export function taskScenarioFrames(
  tasktoken: string,
  input: TaskScenario | TaskScenarioInput,
  options: TaskScenarioPlayOptions = {},
): TaskScenarioStep[] {
  const scenario = taskScenario(input);
  const id = options.taskid ?? DEFAULTS.taskid;
  const steps: TaskScenarioStep[] = [];
  let at = 0;
  const push = (frame: WireTaskFrame): void => {
    steps.push({ at, frame });
  };
  const lifecycle = (type: Extract<WireTaskFrame, { message: null }>['type']): void =>
    push({ type, id, tasktoken, message: null, result: true });

  lifecycle('task_queue');
  if (scenario.outcome === 'cancel') {
    at += Math.max(TICK, Math.round(scenario.queueMs / 2));
    lifecycle('task_cancel');
    return markDrop(steps, scenario);
  }
  at += scenario.queueMs;
  lifecycle('task_accept');
  if (scenario.preprocessMs > 0) {
    at += TICK;
    lifecycle('task_preprocess_start');
    at += scenario.preprocessMs;
    lifecycle('task_preprocess_end');
  }
  at += TICK;
  lifecycle('task_assign');
  at += scenario.loadMs;
  lifecycle('task_start');
  const startedAt = at;
  for (const line of scenario.stderr) {
    at += TICK;
    push({ type: 'task_error', id, tasktoken, message: line, result: true });
  }

  const stdout: string[] = [];
  const writeStdout = (line: string): void => {
    stdout.push(line);
    push({ type: 'task_output', id, tasktoken, message: line, result: true });
  };
  const llm = scenario.text === null ? null : llmRaw(scenario);
  // Where a failure or a kill stops the run: half-way.
  const stopAt = scenario.outcome === 'failure' || scenario.outcome === 'kill' ? 0.5 : 1;

  if (llm === null) {
    const total = scenario.steps;
    const last = Math.ceil(total * stopAt);
    // stdout writes interleave with the steps: line i after step round((i + 1) * total / (lines + 1)).
    const lineAfter = scenario.stdout.map((_, i) => Math.round(((i + 1) * total) / (scenario.stdout.length + 1)));
    let line = 0;
    while (line < scenario.stdout.length && (lineAfter[line] as number) === 0) {
      at += TICK;
      writeStdout(scenario.stdout[line++] as string);
    }
    for (let step = 1; step <= last; step++) {
      at += scenario.stepMs;
      push({
        type: 'task_output',
        id,
        tasktoken,
        message: progressObject(step, total, scenario.stepMs, at - startedAt),
        result: true,
      });
      while (line < scenario.stdout.length && (lineAfter[line] as number) <= step && step < total) {
        at += TICK;
        writeStdout(scenario.stdout[line++] as string);
      }
    }
    if (stopAt === 1) {
      while (line < scenario.stdout.length) {
        at += TICK;
        writeStdout(scenario.stdout[line++] as string);
      }
    }
  } else {
    const end = stopAt === 1 ? llm.length : Math.floor(llm.length / 2);
    for (let sent = 0; sent < end;) {
      sent = Math.min(end, sent + scenario.chunkChars);
      at += scenario.stepMs;
      push({
        type: 'task_output',
        id,
        tasktoken,
        message: wireProgress(llm.slice(0, sent), at - startedAt),
        result: true,
      });
    }
  }

  if (scenario.outcome === 'kill') {
    at += TICK;
    lifecycle('task_cancel');
    return markDrop(steps, scenario);
  }

  const stderr = [...scenario.stderr];
  if (scenario.outcome === 'failure') {
    for (const line of [
      'Traceback (most recent call last):',
      '  File "predict.py", line 42, in run',
      scenario.errorMessage,
    ]) {
      at += TICK;
      stderr.push(line);
      push({ type: 'task_error', id, tasktoken, message: line, result: true });
    }
  }

  at += TICK;
  if (llm === null) {
    push({ type: 'task_output_full', id, tasktoken, message: { raw: stdout.join('\n') }, result: true });
  } else {
    const final = wireProgress(stopAt === 1 ? llm : llm.slice(0, Math.floor(llm.length / 2)), at - startedAt, true);
    push({
      type: 'task_output_full',
      id,
      tasktoken,
      message: { raw: final.raw, thinking: final.thinking, answer: final.answer },
      result: true,
    });
  }
  if (stderr.length > 0) {
    at += TICK;
    push({ type: 'task_error_full', id, tasktoken, message: { raw: stderr.join('\n') }, result: true });
  }
  at += TICK;
  lifecycle('task_end');
  at += TICK;
  lifecycle('task_postprocess_start');
  at += scenario.uploadMs;
  const succeeded = scenario.outcome === 'success';
  const message: WireTaskOutput[] = succeeded ? resultOutputs(scenario, llm, options) : [];
  const end: Extract<WireTaskFrame, { type: 'task_postprocess_end' }> = {
    type: 'task_postprocess_end',
    id,
    tasktoken,
    message,
    result: true,
  };
  if (scenario.pexitOnSocket) end.pexit = succeeded ? '0' : String(scenario.exitCode);
  push(end);
  return markDrop(steps, scenario);
}

/** Why {@link interruptTaskFrames} refused: what Wiro's Task/Cancel and Task/Kill answer in that state. */
export type TaskInterruptRefusal = 'not-queued' | 'not-running' | 'finished';

/**
 * A cancel (Task/Cancel) or kill (Task/Kill) arriving `atMs` after the run was created: the frames sent so
 * far, then `task_cancel` at `atMs`. Cancel works only while the run is queued; kill only once it was
 * assigned a GPU and before the model process ended. Otherwise the refusal reason.
 */
export function interruptTaskFrames(
  steps: readonly TaskScenarioStep[],
  atMs: number,
  action: 'cancel' | 'kill',
): TaskScenarioStep[] | TaskInterruptRefusal {
  const sent = steps.filter((step) => step.at <= atMs);
  const stage = lastLifecycle(sent);
  if (
    stage === 'task_cancel' ||
    stage === 'task_end' ||
    stage === 'task_postprocess_start' ||
    stage === 'task_postprocess_end'
  ) {
    return 'finished';
  }
  if (action === 'cancel' && stage !== null && stage !== 'task_queue') return 'not-queued';
  if (action === 'kill' && stage !== 'task_assign' && stage !== 'task_start') return 'not-running';
  const first = steps[0]?.frame;
  const id = first?.id ?? DEFAULTS.taskid;
  const tasktoken = first?.tasktoken ?? '';
  return [...sent, { at: atMs, frame: { type: 'task_cancel', id, tasktoken, message: null, result: true } }];
}

/** A Task/Detail `tasklist` entry, as the wire has it (numbers as strings). */
export interface WireTaskDetail {
  id: string;
  socketaccesstoken: string;
  parameters: Record<string, string>;
  status: string;
  /** `""` until the result, then `"0"` or the exit code. */
  pexit: string;
  debugoutput: string;
  /** Unix seconds, `""` before the model started. */
  starttime: string;
  /** Unix seconds, `""` before the result. */
  endtime: string;
  elapsedseconds: string;
  /** Only successful runs are billed. */
  totalcost: string;
  outputs: WireTaskOutput[];
}

/** What {@link taskDetailAt} needs beside the frames. */
export interface TaskDetailMeta {
  /** The scenario the frames were made from (it knows the exit code when the frames do not carry it). */
  scenario: TaskScenario;
  /** When the run was created, `Date.now()` ms (for `starttime` and `endtime`). */
  createdAt: number;
  /** The run's inputs, echoed as `parameters`. */
  parameters?: Record<string, string>;
}

/**
 * What Task/Detail says about a run `atMs` after it was created: its last status, the stdout (or, for an
 * LLM, the answer text) so far, and after the result `pexit` and outputs. Folded from the frames (pass the
 * interrupted ones after a cancel or kill), so it always agrees with what the socket sent.
 */
export function taskDetailAt(steps: readonly TaskScenarioStep[], atMs: number, meta: TaskDetailMeta): WireTaskDetail {
  const first = steps[0]?.frame;
  const detail: WireTaskDetail = {
    id: first?.id ?? DEFAULTS.taskid,
    socketaccesstoken: first?.tasktoken ?? '',
    parameters: { ...meta.parameters },
    status: 'task_queue',
    pexit: '',
    debugoutput: '',
    starttime: '',
    endtime: '',
    elapsedseconds: '0',
    totalcost: '0',
    outputs: [],
  };
  const seconds = (ms: number): string => String(Math.floor((meta.createdAt + ms) / 1000));
  let startMs: number | null = null;
  const lines: string[] = [];
  for (const { at, frame } of steps) {
    if (at > atMs) break;
    switch (frame.type) {
      case 'task_output':
        detail.status = 'task_output';
        if (typeof frame.message === 'string') {
          lines.push(frame.message);
          detail.debugoutput = lines.join('\n');
        } else if ('raw' in frame.message) {
          detail.debugoutput = frame.message.answer.join('\n\n');
        }
        break;
      case 'task_output_full':
        detail.debugoutput = frame.message.answer ? frame.message.answer.join('\n\n') : frame.message.raw;
        break;
      case 'task_error':
      case 'task_error_full':
        break;
      case 'task_postprocess_end': {
        detail.status = frame.type;
        detail.outputs = frame.message;
        detail.endtime = seconds(at);
        detail.pexit = frame.pexit ?? (meta.scenario.outcome === 'success' ? '0' : String(meta.scenario.exitCode));
        detail.totalcost = detail.pexit === '0' ? '0.0015' : '0';
        break;
      }
      default:
        detail.status = frame.type;
        if (frame.type === 'task_start') startMs = at;
        if (frame.type === 'task_cancel') detail.endtime = seconds(at);
    }
  }
  if (startMs !== null) {
    detail.starttime = seconds(startMs);
    detail.elapsedseconds = String(Math.max(0, Math.round((Math.min(atMs, lastAt(steps)) - startMs) / 1000)));
  }
  return detail;
}

// ---- helpers -----------------------------------------------------------------------------------

function progressObject(step: number, total: number, stepMs: number, elapsedMs: number): WireTaskProgress {
  return {
    type: 'progressGenerate',
    task: 'Generate',
    percentage: String(Math.round((step / total) * 100)),
    stepCurrent: String(step),
    stepTotal: String(total),
    speed: (1000 / Math.max(1, stepMs)).toFixed(1),
    speedType: 'it/s',
    elapsedTime: seconds(elapsedMs),
    remainingTime: seconds((total - step) * stepMs),
  };
}

/** `"2.4s"`: one decimal, as the short runs of tests would all read `"0s"` in whole seconds. */
function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)}s`;
}

function llmRaw(scenario: TaskScenario): string {
  return scenarioRaw(agentScenario({ text: scenario.text ?? '', thinking: scenario.thinking }));
}

function resultOutputs(scenario: TaskScenario, llm: string | null, options: TaskScenarioPlayOptions): WireTaskOutput[] {
  const outputs: WireTaskOutput[] = scenario.outputs.map((output) => {
    const file = taskMediaFile(output.media);
    return {
      name: output.name,
      contenttype: file.contentType,
      size: String(file.body.length),
      url: taskOutputUrl(output.name, options),
    };
  });
  if (llm !== null) {
    const final = wireProgress(llm, 0, true);
    outputs.unshift({
      contenttype: 'raw',
      content: { prompt: scenario.prompt, raw: final.raw, thinking: final.thinking, answer: final.answer },
    });
  }
  return outputs;
}

function markDrop(steps: TaskScenarioStep[], scenario: TaskScenario): TaskScenarioStep[] {
  if (scenario.dropConnectionAt === null) return steps;
  const step = steps.find((s) => s.at >= (scenario.dropConnectionAt as number));
  if (step !== undefined) step.dropConnections = true;
  return steps;
}

const LIFECYCLE_TYPES = /* @__PURE__ */ statusSet(['task_output']);

function lastLifecycle(steps: readonly TaskScenarioStep[]): string | null {
  for (let i = steps.length - 1; i >= 0; i--) {
    const type = (steps[i] as TaskScenarioStep).frame.type;
    if (LIFECYCLE_TYPES.has(type)) return type;
  }
  return null;
}

function lastAt(steps: readonly TaskScenarioStep[]): number {
  return steps.length === 0 ? 0 : (steps[steps.length - 1] as TaskScenarioStep).at;
}

function outputsOf(value: readonly (string | TaskScenarioOutputInput)[]): TaskScenarioOutput[] {
  if (!Array.isArray(value)) throw new TypeError('taskScenario: `outputs` must be an array');
  const names = new Set<string>();
  return value.map((item: string | TaskScenarioOutputInput) => {
    const name = typeof item === 'string' ? item : item?.name;
    if (typeof name !== 'string' || name === '' || name.includes('/')) {
      throw new TypeError('taskScenario: every output needs a file name without "/"');
    }
    if (names.has(name)) throw new RangeError(`taskScenario: output "${name}" is listed twice`);
    names.add(name);
    const media = typeof item === 'string' ? undefined : item.media;
    if (media !== undefined && !['image', 'audio', 'video', 'text'].includes(media)) {
      throw new TypeError("taskScenario: an output's `media` must be 'image', 'audio', 'video' or 'text'");
    }
    return Object.freeze({ name, media: media ?? mediaKindOf(name) });
  });
}

function strings(name: string, value: readonly string[] | undefined): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every((line): line is string => typeof line === 'string')) {
    throw new TypeError(`taskScenario: \`${name}\` must be an array of strings`);
  }
  return [...value];
}

function integer(name: string, value: unknown, min: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new RangeError(`taskScenario: \`${name}\` must be an integer of at least ${min} (got ${String(value)})`);
  }
  return value;
}

function milliseconds(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new RangeError(
      `taskScenario: \`${name}\` must be a non-negative number of milliseconds (got ${String(value)})`,
    );
  }
  return value;
}
