/**
 * Scripted agent replies for tests, stories and the demo: a plain description of one reply
 * ({@link agentScenario}) and the exact timed wire frames it produces ({@link scenarioFrames}).
 *
 * Pure and free of Node or browser APIs, so the Node mock server and msw handlers share it.
 * @packageDocumentation
 */

/** How a scripted reply fails: not at all, with the sanitised sentence, or with a progress object (a non-response). */
export type ScenarioFailure = false | 'string' | 'object';

/** What {@link agentScenario} accepts. Only `text` is required. */
export interface AgentScenarioInput {
  /** The answer the agent gives. With several thinking blocks, its paragraphs (blank-line separated) alternate with them. */
  text: string;
  /**
   * Reasoning shown before the answer as `<think>…</think>`. Several blocks alternate with answer parts:
   * block 1, answer part 1, block 2, answer part 2, …
   */
  thinking?: string | readonly string[];
  /** Characters of raw output added per `agent_output` frame. Default 12. */
  chunkChars?: number;
  /** Milliseconds between frames once the agent has started. Default 40. */
  intervalMs?: number;
  /** Milliseconds the message stays queued before `agent_start`. Default 50. */
  queueMs?: number;
  /**
   * `'string'`: after the text, `agent_error` with a sanitised sentence (partial text stays on screen).
   * `'object'`: the reply ends as `agent_error` carrying a progress object (its text is the non-response).
   * Default `false`.
   */
  fail?: ScenarioFailure;
  /** The sentence of a `'string'` failure. Default: Wiro's sanitised "Agent is temporarily unavailable…". */
  errorMessage?: string;
  /** Cancel the run once this many characters of raw output have streamed (`agent_cancel`, message `"AbortError"`). */
  cancelAt?: number | null;
  /**
   * Once this many characters of raw output have streamed, the server drops every socket subscribed to the
   * token; the agent keeps running (as Wiro's does), so a client that reconnects recovers the text.
   */
  dropConnectionAt?: number | null;
  /** The token is unknown to the server: subscribing answers `status: "unknown"` and nothing streams. */
  unknown?: boolean;
}

/** A validated scenario with every default filled in. Build with {@link agentScenario}. */
export interface AgentScenario {
  readonly text: string;
  readonly thinking: readonly string[];
  readonly chunkChars: number;
  readonly intervalMs: number;
  readonly queueMs: number;
  readonly fail: ScenarioFailure;
  readonly errorMessage: string;
  readonly cancelAt: number | null;
  readonly dropConnectionAt: number | null;
  readonly unknown: boolean;
}

/** The sentence Wiro broadcasts for any exception during streaming. */
export const SANITIZED_AGENT_ERROR = 'Agent is temporarily unavailable. Please try again shortly.';

/** The abort reason Wiro's bridge reports on a cancel. */
export const CANCEL_REASON = 'AbortError';

/** A `progressGenerate` object exactly as Wiro puts it on the wire. */
export interface WireProgress {
  type: 'progressGenerate';
  task: 'Generate';
  /** Words per second, as a string (`"12.5"`). */
  speed: string;
  speedType: 'words/s';
  /** Elapsed time with its unit (`"2.4s"`). */
  elapsedTime: string;
  tokenCount: number;
  wordCount: number;
  raw: string;
  thinking: string[];
  answer: string[];
  isThinking: boolean;
}

/** An agent lifecycle frame as the server sends it. */
export type WireAgentFrame =
  | { type: 'agent_subscribed'; agenttoken: string; status: string; debugoutput?: string; result: true }
  | { type: 'agent_start'; agenttoken: string; message: ''; result: true }
  | { type: 'agent_output' | 'agent_end'; agenttoken: string; message: WireProgress; result: true }
  | { type: 'agent_error'; agenttoken: string; message: string | WireProgress; result: false }
  | { type: 'agent_cancel'; agenttoken: string; message: string; result: false };

/** One step of a scripted reply. */
export interface ScenarioStep {
  /** Milliseconds after the message was created. */
  at: number;
  frame: WireAgentFrame;
  /** After sending this frame, the server drops every socket subscribed to the token. */
  dropConnections?: true;
}

const DEFAULTS = { chunkChars: 12, intervalMs: 40, queueMs: 50 } as const;

/** Scenarios this module built (validated and frozen), so normalising one again is free. */
const BUILT = /* @__PURE__ */ new WeakSet<object>();

/**
 * Describe one scripted agent reply, validating it and filling in defaults.
 *
 * @example agentScenario({ text: 'Hello!', thinking: 'The user greets me.', intervalMs: 5 })
 * @throws TypeError or RangeError with a message naming the bad option.
 */
export function agentScenario(input: AgentScenarioInput | AgentScenario | string): AgentScenario {
  const opts: AgentScenarioInput = typeof input === 'string' ? { text: input } : input;
  // Already validated and frozen: reuse as is (backends normalise whatever `reply` returns).
  if (BUILT.has(opts)) return opts as AgentScenario;
  if (typeof opts !== 'object' || opts === null) {
    throw new TypeError('agentScenario: expected an options object or the reply text');
  }
  if (typeof opts.text !== 'string') throw new TypeError('agentScenario: `text` must be a string');
  const thinking = normaliseThinking(opts.thinking);
  const chunkChars = positiveInteger('chunkChars', opts.chunkChars ?? DEFAULTS.chunkChars);
  const intervalMs = nonNegative('intervalMs', opts.intervalMs ?? DEFAULTS.intervalMs);
  const queueMs = nonNegative('queueMs', opts.queueMs ?? DEFAULTS.queueMs);
  const fail = opts.fail ?? false;
  if (fail !== false && fail !== 'string' && fail !== 'object') {
    throw new TypeError("agentScenario: `fail` must be false, 'string' or 'object'");
  }
  const errorMessage = opts.errorMessage ?? SANITIZED_AGENT_ERROR;
  if (typeof errorMessage !== 'string') throw new TypeError('agentScenario: `errorMessage` must be a string');
  const cancelAt = opts.cancelAt == null ? null : nonNegativeInteger('cancelAt', opts.cancelAt);
  const dropConnectionAt =
    opts.dropConnectionAt == null ? null : nonNegativeInteger('dropConnectionAt', opts.dropConnectionAt);
  if (opts.unknown !== undefined && typeof opts.unknown !== 'boolean') {
    throw new TypeError('agentScenario: `unknown` must be a boolean');
  }
  if (thinking.length > 1) {
    const parts = paragraphs(opts.text).length;
    if (parts < thinking.length) {
      throw new RangeError(
        `agentScenario: ${thinking.length} thinking blocks need at least as many answer paragraphs (separated by a blank line) to alternate with; the text has ${parts}`,
      );
    }
  }
  const scenario: AgentScenario = Object.freeze({
    text: opts.text,
    thinking: Object.freeze(thinking),
    chunkChars,
    intervalMs,
    queueMs,
    fail,
    errorMessage,
    cancelAt,
    dropConnectionAt,
    unknown: opts.unknown ?? false,
  });
  BUILT.add(scenario);
  return scenario;
}

/**
 * The full raw output of a scenario, `<think>` tags included: what the last `agent_output` carries.
 * Thinking blocks alternate with the text's paragraphs, spread as evenly as possible.
 */
export function scenarioRaw(scenario: AgentScenario): string {
  const { thinking, text } = scenario;
  if (thinking.length === 0) return text;
  if (thinking.length === 1) return `<think>${thinking[0] as string}</think>${text}`;
  const parts = groupParagraphs(paragraphs(text), thinking.length);
  let raw = '';
  thinking.forEach((block, i) => {
    raw += `<think>${block}</think>${parts[i] ?? ''}`;
  });
  return raw;
}

/**
 * The timed wire frames of one scripted reply for `agenttoken`: `agent_start` after `queueMs`, one
 * `agent_output` per `chunkChars` characters every `intervalMs` (each carrying the FULL text so far, like
 * Wiro's), then `agent_end`, `agent_error` or `agent_cancel`. An unknown-token scenario has no frames.
 * Pure: the same scenario always gives the same frames.
 */
export function scenarioFrames(agenttoken: string, scenario: AgentScenario): ScenarioStep[] {
  if (scenario.unknown) return [];
  const steps: ScenarioStep[] = [];
  const raw = scenarioRaw(scenario);
  const { queueMs, intervalMs, chunkChars } = scenario;
  steps.push({ at: queueMs, frame: { type: 'agent_start', agenttoken, message: '', result: true } });

  let at = queueMs;
  let sent = 0;
  let dropped = scenario.dropConnectionAt === null;
  while (sent < raw.length) {
    if (scenario.cancelAt !== null && sent >= scenario.cancelAt) break;
    sent = Math.min(raw.length, sent + chunkChars);
    at += intervalMs;
    const step: ScenarioStep = {
      at,
      frame: { type: 'agent_output', agenttoken, message: progress(raw.slice(0, sent), at - queueMs), result: true },
    };
    if (!dropped && sent >= (scenario.dropConnectionAt as number)) {
      step.dropConnections = true;
      dropped = true;
    }
    steps.push(step);
  }

  at += intervalMs;
  if (scenario.cancelAt !== null && sent < raw.length) {
    steps.push({ at, frame: { type: 'agent_cancel', agenttoken, message: CANCEL_REASON, result: false } });
  } else if (scenario.fail === 'string') {
    steps.push({ at, frame: { type: 'agent_error', agenttoken, message: scenario.errorMessage, result: false } });
  } else if (scenario.fail === 'object') {
    steps.push({
      at,
      frame: { type: 'agent_error', agenttoken, message: progress(raw, at - queueMs, true), result: false },
    });
  } else {
    steps.push({
      at,
      frame: { type: 'agent_end', agenttoken, message: progress(raw, at - queueMs, true), result: true },
    });
  }
  return steps;
}

/**
 * A progress object for the raw text so far, with the arrays and metrics Wiro's bridge computes.
 * `final` marks the closing payload, whose `isThinking` is always `false`.
 */
export function wireProgress(raw: string, elapsedMs: number, final = false): WireProgress {
  return progress(raw, elapsedMs, final);
}

function progress(raw: string, elapsedMs: number, final = false): WireProgress {
  const parsed = parseRaw(final ? raw : withoutPartialTag(raw));
  const words = countWords(parsed.answer.join(' '));
  const seconds = Math.max(elapsedMs, 1) / 1000;
  return {
    type: 'progressGenerate',
    task: 'Generate',
    speed: (words / seconds).toFixed(1),
    speedType: 'words/s',
    elapsedTime: `${(elapsedMs / 1000).toFixed(1)}s`,
    tokenCount: Math.ceil(raw.length / 4),
    wordCount: words,
    raw,
    thinking: parsed.thinking,
    answer: parsed.answer,
    isThinking: final ? false : parsed.isThinking,
  };
}

const OPEN = '<think>';
const CLOSE = '</think>';

/**
 * The bridge's own split of a raw prefix into paired arrays (`thinking[i]` before `answer[i]`). Written
 * independently of the kit's `splitThinking` so the mock does not test the kit against itself. Blocks are
 * kept verbatim (not trimmed) so a reply without thinking has `answer[0] === raw`. Mid-stream, a tag cut in
 * half by a chunk boundary is held back by the caller.
 */
function parseRaw(text: string): { thinking: string[]; answer: string[]; isThinking: boolean } {
  const thinking: string[] = [];
  const answer: string[] = [];
  let pos = 0;
  let isThinking = false;
  while (pos < text.length) {
    if (text.startsWith(OPEN, pos)) {
      const close = text.indexOf(CLOSE, pos + OPEN.length);
      const body = text.slice(pos + OPEN.length, close === -1 ? text.length : close);
      // A thinking block after an answer part starts a new pair.
      while (thinking.length < answer.length) thinking.push('');
      thinking.push(body);
      if (close === -1) {
        isThinking = true;
        break;
      }
      pos = close + CLOSE.length;
    } else {
      const next = text.indexOf(OPEN, pos);
      const end = next === -1 ? text.length : next;
      while (answer.length < thinking.length - 1) answer.push('');
      answer.push(text.slice(pos, end));
      pos = end;
    }
  }
  return { thinking, answer, isThinking };
}

function withoutPartialTag(raw: string): string {
  const lt = raw.lastIndexOf('<');
  if (lt === -1) return raw;
  const tail = raw.slice(lt);
  const partial =
    (tail.length < OPEN.length && OPEN.startsWith(tail)) || (tail.length < CLOSE.length && CLOSE.startsWith(tail));
  return partial ? raw.slice(0, lt) : raw;
}

function countWords(text: string): number {
  const trimmed = text.trim();
  return trimmed === '' ? 0 : trimmed.split(/\s+/).length;
}

function paragraphs(text: string): string[] {
  return text.split('\n\n');
}

/** Split paragraphs into `n` contiguous groups, each rejoined with the blank line that separated them. */
function groupParagraphs(paras: string[], n: number): string[] {
  const groups: string[] = [];
  let index = 0;
  for (let g = 0; g < n; g++) {
    const size = Math.floor(paras.length / n) + (g < paras.length % n ? 1 : 0);
    groups.push(paras.slice(index, index + size).join('\n\n'));
    index += size;
  }
  return groups;
}

function normaliseThinking(value: AgentScenarioInput['thinking']): string[] {
  if (value === undefined) return [];
  const blocks: unknown = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(blocks) || !blocks.every((block): block is string => typeof block === 'string')) {
    throw new TypeError('agentScenario: `thinking` must be a string or an array of strings');
  }
  for (const block of blocks) {
    if (block.includes(OPEN) || block.includes(CLOSE)) {
      throw new RangeError('agentScenario: a thinking block must not contain <think> or </think> itself');
    }
  }
  return blocks.filter((block) => block !== '');
}

function positiveInteger(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new RangeError(`agentScenario: \`${name}\` must be a positive integer (got ${String(value)})`);
  }
  return value;
}

function nonNegativeInteger(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new RangeError(`agentScenario: \`${name}\` must be a non-negative integer (got ${String(value)})`);
  }
  return value;
}

function nonNegative(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new RangeError(
      `agentScenario: \`${name}\` must be a non-negative number of milliseconds (got ${String(value)})`,
    );
  }
  return value;
}
