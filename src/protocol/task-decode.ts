import type {
  TaskCostFrame,
  TaskFrameType,
  TaskOutputFile,
  TaskOutputMessage,
  TaskPostprocessEndFrame,
  TaskProgressFigures,
  TaskProtocolError,
  TaskRawContent,
  TaskServerFrame,
} from './task-types.js';
import { statusSet } from './task-statuses.js';
import type { AgentProgress } from './types.js';
import {
  decodeProgress,
  describe,
  FrameError,
  isObject,
  toDurationMs,
  toNumber,
  type JsonObject,
} from './wire-values.js';

/** The frame types of `TaskLifecycleType`. */
const LIFECYCLE = /* @__PURE__ */ statusSet(['task_output', 'task_postprocess_end', 'task_cancel']);

/** Frames clients send; a server that echoes one is misbehaving. */
const CLIENT_FRAMES: ReadonlySet<string> = /* @__PURE__ */ new Set(['task_info', 'task_session_end']);

/** Fields only a standard model's progress object has: with any of them, a `raw` is a log line, not LLM text. */
const PROGRESS_ONLY_FIELDS = ['percentage', 'stepCurrent', 'stepTotal', 'remainingTime'] as const;

/**
 * Decode one already-parsed task frame (`task_*`) into a typed frame, or a {@link TaskProtocolError}
 * describing why not. Same conventions as `decodeFrame`: never throws, keeps the wire `type`, strict about
 * what routing and rendering rely on (`tasktoken`, the shape of `message`, text fields, `result`), lenient
 * about figures, which become numbers when sent as strings (`"60"`, `"5s"`) and `null` when unreadable.
 *
 * - `task_output`: a progress object (`percentage`, `stepCurrent`, …), a plain string (one stdout write) or
 *   an LLM object (`raw`, `thinking[]`, `answer[]`; split from `raw` when the arrays are missing).
 * - `task_postprocess_end`: files (`{ name, contenttype, size, url }`) and LLM `raw` content; `pexit`,
 *   when the frame carries it, becomes `exitCode`. Unreadable entries are left out and counted (`skipped`)
 *   rather than losing the result.
 * - Realtime frames (`task_stream_ready`, `task_stream_end`, `task_cost`) are passed on typed.
 * - Client frames (`task_info`, `task_session_end`) and unknown `task_*` types are refused.
 *
 * Error messages never contain the token (it authenticates the run); `tasktoken` on the error names it.
 *
 * @param parsed - the frame as `JSON.parse` returned it.
 */
export function decodeTaskFrame(parsed: unknown): TaskServerFrame | TaskProtocolError {
  if (!isObject(parsed)) return protocolError('frame is not a JSON object', parsed);
  const type = parsed.type;
  if (typeof type !== 'string') return protocolError('frame has no string "type"', parsed);
  try {
    return decodeObject(type, parsed);
  } catch (err) {
    const error = protocolError(err instanceof FrameError ? err.message : 'unreadable frame', parsed);
    const token = parsed.tasktoken;
    if (typeof token === 'string' && token !== '') error.tasktoken = token;
    return error;
  }
}

/** `true` for the frame types {@link decodeTaskFrame} accepts. */
export function isTaskFrameType(type: string): type is TaskFrameType {
  switch (type) {
    case 'task_output':
    case 'task_error':
    case 'task_output_full':
    case 'task_error_full':
    case 'task_postprocess_end':
    case 'task_cancel':
    case 'task_stream_ready':
    case 'task_stream_end':
    case 'task_cost':
      return true;
    default:
      return LIFECYCLE.has(type);
  }
}

function decodeObject(type: string, f: JsonObject): TaskServerFrame {
  if (CLIENT_FRAMES.has(type)) throw new FrameError(`"${type}" is a frame clients send, not a server frame`);
  if (!isTaskFrameType(type)) throw new FrameError(`unknown task frame type "${type.slice(0, 40)}"`);
  const tasktoken = token(f);
  const taskid = taskId(f.id);
  switch (type) {
    case 'task_output':
      return { type, tasktoken, taskid, message: outputMessage(f.message), result: result(f) };
    case 'task_error':
      return { type, tasktoken, taskid, text: logText(type, f.message), result: result(f) };
    case 'task_output_full': {
      const m = f.message;
      if (typeof m === 'string') return { type, tasktoken, taskid, raw: m, llm: null, result: result(f) };
      if (!isObject(m)) throw new FrameError(`${type}.message must be an object with "raw" (${describe(m)})`);
      const llm = Array.isArray(m.thinking) || Array.isArray(m.answer) ? llmProgress(type, m) : null;
      const raw = llm !== null ? llm.raw : m.raw;
      if (typeof raw !== 'string') throw new FrameError(`${type}.message.raw must be a string (${describe(raw)})`);
      return { type, tasktoken, taskid, raw, llm, result: result(f) };
    }
    case 'task_error_full':
      return { type, tasktoken, taskid, raw: logText(type, f.message), result: result(f) };
    case 'task_postprocess_end':
      return { type, tasktoken, taskid, ...finalResult(f.message), exitCode: exitCode(f.pexit), result: result(f) };
    case 'task_cancel': {
      const m = f.message;
      return { type, tasktoken, taskid, message: typeof m === 'string' && m !== '' ? m : null, result: result(f) };
    }
    case 'task_stream_ready':
    case 'task_stream_end':
      return { type, tasktoken, taskid, result: result(f) };
    case 'task_cost':
      return { type, tasktoken, taskid, ...cost(f), result: result(f) };
    default:
      return { type, tasktoken, taskid, result: result(f) };
  }
}

function outputMessage(m: unknown): TaskOutputMessage {
  if (typeof m === 'string') return { kind: 'stdout', text: m };
  if (!isObject(m)) {
    throw new FrameError(`task_output.message must be a string or an object (${describe(m)})`);
  }
  // LLM and standard progress objects share `type: "progressGenerate"`: the text fields tell them apart.
  const llm =
    Array.isArray(m.thinking) ||
    Array.isArray(m.answer) ||
    (m.raw !== undefined && m.raw !== null && !PROGRESS_ONLY_FIELDS.some((key) => m[key] !== undefined));
  if (llm) return { kind: 'llm', progress: llmProgress('task_output', m) };
  return { kind: 'progress', progress: progressFigures(m) };
}

/** An LLM progress object, read like an agent's, with the compound durations LLM runs report (`"1m 5s"`). */
function llmProgress(frameType: string, m: JsonObject): AgentProgress {
  const progress = decodeProgress(frameType, m);
  if (progress.metrics.elapsedMs === null) {
    const elapsedMs = toTaskDurationMs(m.elapsedTime);
    if (elapsedMs !== null) progress.metrics = { ...progress.metrics, elapsedMs };
  }
  return progress;
}

function progressFigures(m: JsonObject): TaskProgressFigures {
  const percentage = toNumber(m.percentage);
  return {
    task: nonEmptyString(m.task),
    percentage: percentage === null ? null : Math.min(100, Math.max(0, percentage)),
    step: count(m.stepCurrent),
    steps: count(m.stepTotal),
    speed: toNumber(m.speed),
    speedType: nonEmptyString(m.speedType),
    elapsedMs: toTaskDurationMs(m.elapsedTime),
    remainingMs: toTaskDurationMs(m.remainingTime),
  };
}

/** A log message: a string, or an object carrying it in `raw`. */
function logText(frameType: string, m: unknown): string {
  if (typeof m === 'string') return m;
  if (isObject(m) && typeof m.raw === 'string') return m.raw;
  throw new FrameError(`${frameType}.message must be a string or an object with a string "raw" (${describe(m)})`);
}

function finalResult(m: unknown): Pick<TaskPostprocessEndFrame, 'outputs' | 'llm' | 'skipped'> {
  // LLM runs may end with no outputs at all.
  if (m === null || m === undefined) return { outputs: [], llm: null, skipped: 0 };
  if (!Array.isArray(m)) throw new FrameError(`task_postprocess_end.message must be an array (${describe(m)})`);
  const outputs: TaskOutputFile[] = [];
  let llm: TaskRawContent | null = null;
  let skipped = 0;
  for (const item of m as unknown[]) {
    const content = rawContent(item, 'task_postprocess_end');
    if (content !== null) {
      if (llm === null) llm = content;
      else skipped++;
      continue;
    }
    const file = outputFile(item);
    if (file === null) skipped++;
    else outputs.push(file);
  }
  return { outputs, llm, skipped };
}

/**
 * A Task/Detail or `task_postprocess_end` file entry, `null` when it is not one. Accepts the wire's
 * `contenttype` and an already normalised `contentType`, sizes as strings or numbers.
 */
export function outputFile(item: unknown): TaskOutputFile | null {
  if (!isObject(item)) return null;
  const url = item.url;
  if (typeof url !== 'string' || url.trim() === '') return null;
  const name = nonEmptyString(item.name) ?? nameFromUrl(url);
  const declared = nonEmptyString(item.contenttype) ?? nonEmptyString(item.contentType);
  const size = count(item.size);
  return { name, contentType: declared ?? inferContentType(name), size, url };
}

/**
 * LLM content of a result entry (`{ contenttype: "raw", content: { prompt, raw, thinking, answer } }`),
 * `null` when the entry is something else or its text is unreadable (a result is never lost to one entry).
 */
export function rawContent(item: unknown, frameType: string): TaskRawContent | null {
  if (!isObject(item)) return null;
  const kind = item.contenttype ?? item.contentType;
  if (kind !== 'raw' || !isObject(item.content)) return null;
  const content = item.content;
  let progress: AgentProgress;
  try {
    progress = llmProgress(frameType, content);
  } catch {
    return null;
  }
  return { prompt: typeof content.prompt === 'string' ? content.prompt : null, progress };
}

function cost(f: JsonObject): Pick<TaskCostFrame, 'turnCost' | 'cumulativeCost' | 'usage'> {
  const entries: [string, number][] = [];
  if (isObject(f.usage)) {
    for (const [key, value] of Object.entries(f.usage)) {
      const n = toNumber(value);
      if (n !== null) entries.push([key, n]);
    }
  }
  // fromEntries defines own properties: a "__proto__" key stays a plain entry.
  return {
    turnCost: toNumber(f.turnCost),
    cumulativeCost: toNumber(f.cumulativeCost),
    usage: Object.fromEntries(entries),
  };
}

/** `pexit` (`"0"`, `0`, `"1"`) as an integer; `null` when absent or unreadable. */
export function exitCode(value: unknown): number | null {
  const n = toNumber(typeof value === 'string' ? value.trim() : value);
  return n !== null && Number.isInteger(n) ? n : null;
}

const CLOCK = /^\s*(\d+):([0-5]\d)(?::([0-5]\d))?\s*$/;
const COMPOUND = /^\s*(?:(\d+(?:\.\d+)?)\s*h\s*)?(?:(\d+(?:\.\d+)?)\s*m(?:in)?\s*)?(?:(\d+(?:\.\d+)?)\s*s\s*)?$/i;

/**
 * A duration as task progress objects send it, in milliseconds: what `toDurationMs` reads (`"5s"`,
 * `"850ms"`, `"1.5m"`, a number of seconds), plus compound forms (`"1m 5s"`, `"1h 2m"`) and clocks
 * (`"00:05"`, `"1:02:03"`, as tqdm prints them). Anything else (`"?"`, `""`) is `null`.
 */
export function toTaskDurationMs(value: unknown): number | null {
  const simple = toDurationMs(value);
  if (simple !== null || typeof value !== 'string') return simple;
  const clock = CLOCK.exec(value);
  if (clock) {
    const [a, b, c] = [Number(clock[1]), Number(clock[2]), clock[3] === undefined ? null : Number(clock[3])];
    return (c === null ? a * 60 + b : a * 3600 + b * 60 + c) * 1000;
  }
  const parts = COMPOUND.exec(value);
  if (!parts || (parts[1] === undefined && parts[2] === undefined && parts[3] === undefined)) return null;
  const hours = Number(parts[1] ?? 0);
  const minutes = Number(parts[2] ?? 0);
  const seconds = Number(parts[3] ?? 0);
  return Math.round((hours * 3600 + minutes * 60 + seconds) * 1000);
}

const MEDIA_TYPES: Readonly<Record<string, string>> = /* @__PURE__ */ Object.freeze({
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
  gif: 'image/gif',
  avif: 'image/avif',
  svg: 'image/svg+xml',
  bmp: 'image/bmp',
  mp4: 'video/mp4',
  m4v: 'video/mp4',
  webm: 'video/webm',
  mov: 'video/quicktime',
  mp3: 'audio/mpeg',
  wav: 'audio/wav',
  ogg: 'audio/ogg',
  oga: 'audio/ogg',
  flac: 'audio/flac',
  m4a: 'audio/mp4',
  aac: 'audio/aac',
  txt: 'text/plain',
  json: 'application/json',
  zip: 'application/zip',
  glb: 'model/gltf-binary',
  gltf: 'model/gltf+json',
  obj: 'model/obj',
  pdf: 'application/pdf',
  csv: 'text/csv',
});

/** The MIME type a file name's extension stands for, `"application/octet-stream"` when unknown. */
export function inferContentType(name: string): string {
  const dot = name.lastIndexOf('.');
  const ext = dot === -1 ? '' : name.slice(dot + 1).toLowerCase();
  return Object.prototype.hasOwnProperty.call(MEDIA_TYPES, ext)
    ? (MEDIA_TYPES[ext] as string)
    : 'application/octet-stream';
}

function nameFromUrl(url: string): string {
  const path = url.split(/[?#]/, 1)[0] ?? '';
  const last = path.slice(path.lastIndexOf('/') + 1);
  let name = last;
  try {
    name = decodeURIComponent(last);
  } catch {
    // A malformed escape: the segment as sent is still a usable name.
  }
  return name === '' ? 'output' : name;
}

function taskId(value: unknown): string | null {
  if (typeof value === 'string') return value === '' ? null : value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

function token(f: JsonObject): string {
  const t = f.tasktoken;
  if (typeof t !== 'string' || t === '') throw new FrameError(`${String(f.type)} frame has no string "tasktoken"`);
  return t;
}

function result(f: JsonObject): boolean {
  const r = f.result;
  if (r === undefined || r === null) return true;
  if (typeof r !== 'boolean') throw new FrameError(`${String(f.type)}.result must be a boolean (${describe(r)})`);
  return r;
}

/** A non-negative integer count (steps, bytes), `null` when unreadable. */
function count(value: unknown): number | null {
  const n = toNumber(value);
  return n !== null && n >= 0 && Number.isInteger(n) ? n : null;
}

function nonEmptyString(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

function protocolError(error: string, data: unknown): TaskProtocolError {
  return { type: 'protocol_error', error, data };
}
