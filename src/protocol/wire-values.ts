/**
 * Readers of wire values that the agent decoder (`decode.ts`) and the task decoder (`task-decode.ts`)
 * share: progress objects, numbers and durations sent as strings, and the error both throw internally.
 * Its own module so neither decoder imports the other.
 * @packageDocumentation
 */
import { interleaveSegments, splitThinking } from './thinking.js';
import type { AgentMetrics, AgentProgress } from './types.js';

/** A parsed JSON object. */
export type JsonObject = Record<string, unknown>;

/** Thrown inside the decoders only (agent and task frames), turned into a `ProtocolError` at their boundary. */
export class FrameError extends Error {}

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

/** `true` for a JSON object (not an array, not null). */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Name a bad value's type without echoing its content (which might be long or sensitive). */
export function describe(value: unknown): string {
  if (value === null) return 'got null';
  if (Array.isArray(value)) return 'got an array';
  return `got ${typeof value}`;
}
