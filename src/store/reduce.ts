import { splitThinking } from '../protocol/thinking.js';
import type { AgentMetrics, AgentProgress, AgentStatus, StreamSegment, TerminalStatus } from '../protocol/types.js';
import type { AgentStream, AgentStreamError, StreamEvent } from './types.js';

const EMPTY_STRINGS: readonly string[] = /* @__PURE__ */ Object.freeze([]);
const EMPTY_SEGMENTS: readonly StreamSegment[] = /* @__PURE__ */ Object.freeze([]);
const EMPTY_METRICS: AgentMetrics = /* @__PURE__ */ Object.freeze({
  speed: null,
  speedType: null,
  elapsedMs: null,
  tokenCount: null,
  wordCount: null,
});

/** The sentence shown when a snapshot says the agent failed: the wire never carries the raw error. */
const SNAPSHOT_AGENT_ERROR = 'Agent is temporarily unavailable. Please try again shortly.';

/** How far along a live status is; a stream never moves back (a stale snapshot must not undo `agent_output`). */
const RANK: Record<AgentStatus, number> = {
  idle: 0,
  subscribing: 1,
  agent_queue: 2,
  agent_start: 3,
  agent_output: 4,
  agent_end: 5,
  agent_error: 5,
  agent_cancel: 5,
  unknown: 5,
};

/** `true` for the statuses after which a stream never changes. */
export function isTerminalStatus(status: AgentStatus): status is TerminalStatus {
  return status === 'agent_end' || status === 'agent_error' || status === 'agent_cancel' || status === 'unknown';
}

/** A stream nothing has happened to yet. */
export function createStream(agenttoken: string): AgentStream {
  return {
    agenttoken,
    status: 'idle',
    raw: '',
    answer: '',
    thinking: EMPTY_STRINGS as string[],
    segments: EMPTY_SEGMENTS as StreamSegment[],
    isThinking: false,
    metrics: EMPTY_METRICS,
    error: null,
    isStreaming: false,
    isDone: false,
    updatedAt: 0,
  };
}

/**
 * Apply one event to a stream. Pure: returns a new stream, or the same object when nothing changed.
 *
 * Rules: every `agent_output` replaces the text (never appends); a terminal state is final; text never
 * shrinks (a shorter snapshot or a stale output leaves the longer text in place); unchanged fields keep
 * their identity so selectors comparing with `Object.is` do not re-render.
 *
 * @param now - timestamp for `updatedAt` (injectable for tests).
 */
export function reduceStream(stream: AgentStream, event: StreamEvent, now: number = Date.now()): AgentStream {
  if (stream.isDone) return stream;
  // Frames are routed by token before they get here; a mismatch is a caller bug that must not leak text across streams.
  if (event.agenttoken !== stream.agenttoken) return stream;

  switch (event.type) {
    case 'local_subscribing': {
      const status = RANK[stream.status] < RANK.subscribing ? 'subscribing' : stream.status;
      const error = stream.error?.kind === 'connection' ? null : stream.error;
      return settle(stream, stream, status, error, true, false, now);
    }
    case 'local_connection_failed':
      return settle(stream, stream, stream.status, { kind: 'connection', message: event.message }, false, false, now);

    case 'agent_subscribed': {
      if (event.status === 'unknown') {
        const error: AgentStreamError = {
          kind: 'unknown-token',
          message: 'The server does not know this agent token.',
        };
        return settle(stream, stream, 'unknown', error, false, true, now);
      }
      // On error/cancel the stored debugoutput holds the raw runtime error or the abort reason, not the reply:
      // adopting it would show internal text, so only live and finished snapshots carry text.
      const carriesText = event.status !== 'agent_error' && event.status !== 'agent_cancel';
      const text = carriesText && event.debugoutput !== undefined ? rawText(stream, event.debugoutput) : stream;
      if (event.status === 'agent_error') {
        return settle(stream, text, 'agent_error', { kind: 'agent', message: SNAPSHOT_AGENT_ERROR }, false, true, now);
      }
      if (event.status === 'agent_cancel' || event.status === 'agent_end') {
        return settle(stream, text, event.status, null, false, true, now);
      }
      return settle(stream, text, advance(stream.status, event.status), stream.error, true, false, now);
    }
    case 'agent_start':
      return settle(stream, stream, advance(stream.status, 'agent_start'), stream.error, true, false, now);
    case 'agent_output':
      return settle(stream, progressText(stream, event.message), 'agent_output', stream.error, true, false, now);
    case 'agent_end':
      return settle(stream, progressText(stream, event.message), 'agent_end', null, false, true, now);
    case 'agent_error': {
      if (typeof event.message === 'string') {
        return settle(stream, stream, 'agent_error', { kind: 'agent', message: event.message }, false, true, now);
      }
      const text = progressText(stream, event.message);
      return settle(
        stream,
        text,
        'agent_error',
        { kind: 'response', message: text.answer || event.message.raw },
        false,
        true,
        now,
      );
    }
    case 'agent_cancel':
      return settle(stream, stream, 'agent_cancel', null, false, true, now);
    default:
      return stream;
  }
}

function advance(current: AgentStatus, next: AgentStatus): AgentStatus {
  return RANK[next] > RANK[current] ? next : current;
}

/**
 * The fields an event's text decides. A stream is its own unchanged `StreamText`, so the common "text did
 * not change" answer costs no allocation.
 */
type StreamText = Pick<AgentStream, 'raw' | 'answer' | 'thinking' | 'segments' | 'isThinking' | 'metrics'>;

/**
 * The one place a changed stream is built, so a frame costs one allocation (not one per rule applied) and
 * every stream shares one object shape. Returns `origin` itself when nothing differs, so `updatedAt` only
 * moves on real change.
 */
function settle(
  origin: AgentStream,
  text: StreamText,
  status: AgentStatus,
  error: AgentStreamError | null,
  isStreaming: boolean,
  isDone: boolean,
  now: number,
): AgentStream {
  // A terminal stream is not thinking any more, whatever its last text said.
  const isThinking = isDone ? false : text.isThinking;
  if (
    text.raw === origin.raw &&
    text.answer === origin.answer &&
    text.thinking === origin.thinking &&
    text.segments === origin.segments &&
    text.metrics === origin.metrics &&
    isThinking === origin.isThinking &&
    status === origin.status &&
    error === origin.error &&
    isStreaming === origin.isStreaming &&
    isDone === origin.isDone
  ) {
    return origin;
  }
  return {
    agenttoken: origin.agenttoken,
    status,
    raw: text.raw,
    answer: text.answer,
    thinking: text.thinking,
    segments: text.segments,
    isThinking,
    metrics: text.metrics,
    error,
    isStreaming,
    isDone,
    updatedAt: now,
  };
}

/** A progress object's text and metrics, keeping the longer text when it is shorter. */
function progressText(stream: AgentStream, progress: AgentProgress): StreamText {
  const metrics = sameMetrics(stream.metrics, progress.metrics) ? stream.metrics : progress.metrics;
  if (progress.raw.length < stream.raw.length) {
    if (metrics === stream.metrics) return stream;
    const { raw, answer, thinking, segments, isThinking } = stream;
    return { raw, answer, thinking, segments, isThinking, metrics };
  }
  return textOf(
    stream,
    progress.raw,
    progress.thinking,
    progress.answer,
    progress.segments,
    progress.isThinking,
    metrics,
  );
}

/** A raw snapshot's text (`debugoutput`), keeping the longer text when it is shorter. */
function rawText(stream: AgentStream, raw: string): StreamText {
  if (raw.length <= stream.raw.length) return stream;
  const split = splitThinking(raw);
  return textOf(stream, raw, split.thinking, split.answer, split.segments, split.isThinking, stream.metrics);
}

function textOf(
  stream: AgentStream,
  raw: string,
  thinkingIn: string[],
  answerParts: string[],
  segmentsIn: StreamSegment[],
  isThinking: boolean,
  metrics: AgentMetrics,
): StreamText {
  const answer = answerParts.length === 1 ? (answerParts[0] as string) : answerParts.join('\n\n');
  const thinking = sameStrings(stream.thinking, thinkingIn) ? stream.thinking : thinkingIn;
  const segments = sameSegments(stream.segments, segmentsIn) ? stream.segments : segmentsIn;
  if (
    raw === stream.raw &&
    answer === stream.answer &&
    thinking === stream.thinking &&
    segments === stream.segments &&
    isThinking === stream.isThinking &&
    metrics === stream.metrics
  ) {
    return stream;
  }
  return { raw, answer, thinking, segments, isThinking, metrics };
}

function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function sameSegments(a: readonly StreamSegment[], b: readonly StreamSegment[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as StreamSegment;
    const y = b[i] as StreamSegment;
    if (x.kind !== y.kind || x.text !== y.text) return false;
  }
  return true;
}

function sameMetrics(a: AgentMetrics, b: AgentMetrics): boolean {
  return (
    a === b ||
    (a.speed === b.speed &&
      a.speedType === b.speedType &&
      a.elapsedMs === b.elapsedMs &&
      a.tokenCount === b.tokenCount &&
      a.wordCount === b.wordCount)
  );
}
