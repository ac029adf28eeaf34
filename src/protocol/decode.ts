import { interleaveSegments, splitThinking } from './thinking.js';
import type { AgentMetrics, AgentProgress, ProtocolError, ServerFrame, SubscribedStatus } from './types.js';

const SUBSCRIBED_STATUSES: ReadonlySet<string> = /* @__PURE__ */ new Set<SubscribedStatus>([
  'agent_queue',
  'agent_start',
  'agent_output',
  'agent_end',
  'agent_error',
  'agent_cancel',
  'unknown',
]);

type JsonObject = Record<string, unknown>;

/** Thrown inside the decoders only (agent and task frames), turned into a {@link ProtocolError} at their boundary. */
export class FrameError extends Error {}

/** `true` when `value` is a {@link ProtocolError} rather than a decoded frame. */
export function isProtocolError(value: ServerFrame | ProtocolError): value is ProtocolError {
  return value.type === 'protocol_error';
}

/**
 * Decode one WebSocket message into a typed frame, or a {@link ProtocolError} describing why not.
 *
 * Never throws. Strict about what routing and rendering rely on (`type`, `agenttoken`, `status`, the
 * shape of `message`, `raw`, the `thinking`/`answer` arrays, `debugoutput`, `result`); lenient about
 * metrics, which become `null` when unreadable and numbers when sent as strings (`"12.5"`, `"2.4s"`).
 * A progress object without the arrays is split from `raw`.
 *
 * @param data - `MessageEvent.data`: a string; binary data is reported as a protocol error.
 */
export function decodeFrame(data: unknown): ServerFrame | ProtocolError {
  if (typeof data !== 'string') {
    return protocolError(isBinary(data) ? 'binary frame' : `unsupported frame data (${typeof data})`, data);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch {
    return protocolError('not JSON', data);
  }
  return decodeParsed(parsed);
}

/** Decode an already-parsed JSON value (for frames that arrive from another source, e.g. tests or polling). */
export function decodeParsed(parsed: unknown): ServerFrame | ProtocolError {
  if (!isObject(parsed)) return protocolError('frame is not a JSON object', parsed);
  const type = parsed.type;
  if (typeof type !== 'string') return protocolError('frame has no string "type"', parsed);
  try {
    return decodeObject(type, parsed);
  } catch (err) {
    const token = typeof parsed.agenttoken === 'string' && parsed.agenttoken !== '' ? parsed.agenttoken : undefined;
    const error = protocolError(err instanceof FrameError ? err.message : 'unreadable frame', parsed);
    if (token !== undefined) error.agenttoken = token;
    return error;
  }
}

function decodeObject(type: string, f: JsonObject): ServerFrame {
  switch (type) {
    case 'connected':
      return { type, version: typeof f.version === 'string' ? f.version : null };
    case 'error':
      return { type, message: typeof f.message === 'string' ? f.message : 'unknown server error', result: false };
    case 'agent_subscribed': {
      const agenttoken = token(f);
      const status = f.status;
      if (typeof status !== 'string' || !SUBSCRIBED_STATUSES.has(status)) {
        throw new FrameError(`agent_subscribed.status is not a known status (${describe(status)})`);
      }
      const debugoutput = f.debugoutput;
      if (debugoutput !== undefined && debugoutput !== null && typeof debugoutput !== 'string') {
        throw new FrameError(`agent_subscribed.debugoutput must be a string (${describe(debugoutput)})`);
      }
      return {
        type,
        agenttoken,
        status: status as SubscribedStatus,
        debugoutput: status === 'unknown' || typeof debugoutput !== 'string' ? undefined : debugoutput,
        result: result(f, true),
      };
    }
    case 'agent_start':
      return { type, agenttoken: token(f), result: result(f, true) };
    case 'agent_output':
    case 'agent_end': {
      const agenttoken = token(f);
      if (!isObject(f.message))
        throw new FrameError(`${type}.message must be a progress object (${describe(f.message)})`);
      return { type, agenttoken, message: decodeProgress(type, f.message), result: result(f, true) };
    }
    case 'agent_error': {
      const agenttoken = token(f);
      const m = f.message;
      const message = typeof m === 'string' ? m : isObject(m) ? decodeProgress(type, m) : null;
      if (message === null)
        throw new FrameError(`agent_error.message must be a string or a progress object (${describe(m)})`);
      return { type, agenttoken, message, result: result(f, false) };
    }
    case 'agent_cancel': {
      const agenttoken = token(f);
      const m = f.message ?? '';
      if (typeof m !== 'string') throw new FrameError(`agent_cancel.message must be a string (${describe(m)})`);
      return { type, agenttoken, message: m, result: result(f, false) };
    }
    default:
      if (type.startsWith('task_')) return { type: type as `task_${string}`, data: f };
      throw new FrameError(`unknown frame type "${type.slice(0, 40)}"`);
  }
}

/** Normalise a `progressGenerate` object (agent frames, and LLM task frames). Throws {@link FrameError}. */
export function decodeProgress(frameType: string, m: JsonObject): AgentProgress {
  const where = `${frameType}.message`;
  const thinkingIn = stringArray(m.thinking, `${where}.thinking`);
  const answerIn = stringArray(m.answer, `${where}.answer`);
  let raw: string;
  if (typeof m.raw === 'string') raw = m.raw;
  else if (m.raw === undefined || m.raw === null) raw = rebuildRaw(thinkingIn ?? [], answerIn ?? []);
  else throw new FrameError(`${where}.raw must be a string (${describe(m.raw)})`);

  const isThinkingIn = m.isThinking;
  if (isThinkingIn !== undefined && isThinkingIn !== null && typeof isThinkingIn !== 'boolean') {
    throw new FrameError(`${where}.isThinking must be a boolean (${describe(isThinkingIn)})`);
  }

  const haveArrays =
    thinkingIn !== undefined && answerIn !== undefined && (thinkingIn.length > 0 || answerIn.length > 0 || raw === '');
  let thinking: string[];
  let answer: string[];
  let segments: AgentProgress['segments'];
  let isThinking: boolean;
  if (haveArrays) {
    thinking = thinkingIn;
    answer = answerIn;
    segments = interleaveSegments(thinking, answer);
    isThinking = typeof isThinkingIn === 'boolean' ? isThinkingIn : false;
  } else {
    // The docs' quick reference shows progress objects without the arrays: the tags in `raw` are then the only source.
    const split = splitThinking(raw);
    thinking = split.thinking;
    answer = split.answer;
    segments = split.segments;
    isThinking = typeof isThinkingIn === 'boolean' ? isThinkingIn : split.isThinking;
  }
  return { raw, thinking, answer, segments, isThinking, metrics: decodeMetrics(m) };
}

function decodeMetrics(m: JsonObject): AgentMetrics {
  return {
    speed: toNumber(m.speed),
    speedType: typeof m.speedType === 'string' && m.speedType !== '' ? m.speedType : null,
    elapsedMs: toDurationMs(m.elapsedTime),
    tokenCount: toNumber(m.tokenCount),
    wordCount: toNumber(m.wordCount),
  };
}

/** `12.5` or `"12.5"` to 12.5; anything unreadable to `null`. */
export function toNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string') return null;
  const plain = plainDecimal(value, value.length);
  if (plain !== null) return plain;
  if (value.trim() === '') return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

const DURATION = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|sec|secs|seconds?|m|min)?\s*$/i;

/** `"2.4s"`, `"850ms"`, `"1.5m"` or a bare number of seconds to milliseconds; anything else to `null`. */
export function toDurationMs(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? Math.round(value * 1000) : null;
  if (typeof value !== 'string') return null;
  const seconds = plainSeconds(value);
  if (seconds !== null) return Math.round(seconds * 1000);
  const match = DURATION.exec(value);
  if (!match) return null;
  const amount = Number(match[1]);
  const unit = (match[2] ?? 's').toLowerCase();
  const factor = unit === 'ms' ? 1 : unit === 'm' || unit === 'min' ? 60_000 : 1000;
  return Math.round(amount * factor);
}

/**
 * The number in `"2.4s"`, the form every progress frame carries, read without the regex; `null` for
 * anything else, which {@link DURATION} then reads.
 */
function plainSeconds(value: string): number | null {
  const end = value.length - 1;
  return end >= 1 && value.charCodeAt(end) === 0x73 /* s */ ? plainDecimal(value, end) : null;
}

/**
 * `value.slice(0, end)` as a number when it is plain digits with at most one inner dot and at most 15
 * digits, else `null`. Metrics arrive as such strings on every frame, and `Number()` or a regex on them is a
 * measurable share of decoding a small frame. The result is exactly `Number(text)`: both the digits as an
 * integer and the power of ten are exact doubles below 2^53, and IEEE division rounds their quotient correctly.
 */
function plainDecimal(value: string, end: number): number | null {
  if (end === 0 || end > 16) return null;
  let digits = 0;
  let scale = 1;
  let dot = -1;
  for (let i = 0; i < end; i++) {
    const c = value.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) {
      digits = digits * 10 + (c - 0x30);
      if (dot !== -1) scale *= 10;
    } else if (c === 0x2e /* . */ && dot === -1 && i !== 0 && i !== end - 1) {
      dot = i;
    } else {
      return null;
    }
  }
  if (end - (dot === -1 ? 0 : 1) > 15) return null;
  return digits / scale;
}

function rebuildRaw(thinking: readonly string[], answer: readonly string[]): string {
  let raw = '';
  for (const segment of interleaveSegments(thinking, answer)) {
    raw += segment.kind === 'thinking' ? `<think>${segment.text}</think>` : segment.text;
  }
  return raw;
}

function stringArray(value: unknown, where: string): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw new FrameError(`${where} must be an array of strings (${describe(value)})`);
  for (let i = 0; i < value.length; i++) {
    if (typeof value[i] !== 'string') throw new FrameError(`${where} must be an array of strings (${describe(value)})`);
  }
  return value as string[];
}

function token(f: JsonObject): string {
  const t = f.agenttoken;
  if (typeof t !== 'string' || t === '') throw new FrameError(`${String(f.type)} frame has no string "agenttoken"`);
  return t;
}

function result(f: JsonObject, fallback: boolean): boolean {
  const r = f.result;
  if (r === undefined || r === null) return fallback;
  if (typeof r !== 'boolean') throw new FrameError(`${String(f.type)}.result must be a boolean (${describe(r)})`);
  return r;
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isBinary(data: unknown): boolean {
  if (data instanceof ArrayBuffer || ArrayBuffer.isView(data)) return true;
  return typeof Blob !== 'undefined' && data instanceof Blob;
}

/** Name a bad value's type without echoing its content (which might be long or sensitive). */
function describe(value: unknown): string {
  if (value === null) return 'got null';
  if (Array.isArray(value)) return 'got an array';
  return `got ${typeof value}`;
}

function protocolError(error: string, data: unknown): ProtocolError {
  return { type: 'protocol_error', error, data };
}
