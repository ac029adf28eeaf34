import { splitThinking } from '../protocol/thinking';
import type { AgentMetrics, AgentProgress, AgentStatus, StreamSegment, TerminalStatus } from '../protocol/types';
import type { AgentStream, AgentStreamError, StreamEvent } from './types';

const EMPTY_STRINGS: readonly string[] = Object.freeze([]);
const EMPTY_SEGMENTS: readonly StreamSegment[] = Object.freeze([]);
const EMPTY_METRICS: AgentMetrics = Object.freeze({
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
      return patch(stream, stream, { status, error, isStreaming: true }, now);
    }
    case 'local_connection_failed':
      return patch(stream, stream, { error: { kind: 'connection', message: event.message }, isStreaming: false }, now);

    case 'agent_subscribed': {
      if (event.status === 'unknown') {
        return finish(stream, stream, 'unknown', { kind: 'unknown-token', message: 'The server does not know this agent token.' }, now);
      }
      // On error/cancel the stored debugoutput holds the raw runtime error or the abort reason, not the reply:
      // adopting it would show internal text, so only live and finished snapshots carry text.
      const carriesText = event.status !== 'agent_error' && event.status !== 'agent_cancel';
      const next =
        carriesText && event.debugoutput !== undefined ? applyRaw(stream, event.debugoutput) : stream;
      if (event.status === 'agent_error') {
        return finish(stream, next, 'agent_error', { kind: 'agent', message: SNAPSHOT_AGENT_ERROR }, now);
      }
      if (event.status === 'agent_cancel' || event.status === 'agent_end') {
        return finish(stream, next, event.status, null, now);
      }
      return patch(stream, next, { status: advance(stream.status, event.status), isStreaming: true }, now);
    }
    case 'agent_start':
      return patch(stream, stream, { status: advance(stream.status, 'agent_start'), isStreaming: true }, now);
    case 'agent_output':
      return patch(stream, applyProgress(stream, event.message), { status: 'agent_output', isStreaming: true }, now);
    case 'agent_end':
      return finish(stream, applyProgress(stream, event.message), 'agent_end', null, now);
    case 'agent_error': {
      if (typeof event.message === 'string') {
        return finish(stream, stream, 'agent_error', { kind: 'agent', message: event.message }, now);
      }
      const next = applyProgress(stream, event.message);
      return finish(stream, next, 'agent_error', { kind: 'response', message: next.answer || event.message.raw }, now);
    }
    case 'agent_cancel':
      return finish(stream, stream, 'agent_cancel', null, now);
    default:
      return stream;
  }
}

function advance(current: AgentStatus, next: AgentStatus): AgentStatus {
  return RANK[next] > RANK[current] ? next : current;
}

/** Make a stream terminal. `origin` is the stream before this event, so a text change alone counts as a change. */
function finish(
  origin: AgentStream,
  next: AgentStream,
  status: TerminalStatus,
  error: AgentStreamError | null,
  now: number,
): AgentStream {
  return patch(origin, next, { status, error, isStreaming: false, isDone: true, isThinking: false }, now);
}

/** Adopt a progress object's text and metrics, keeping the longer text when it is shorter. */
function applyProgress(stream: AgentStream, progress: AgentProgress): AgentStream {
  const metrics = sameMetrics(stream.metrics, progress.metrics) ? stream.metrics : progress.metrics;
  if (progress.raw.length < stream.raw.length) {
    return metrics === stream.metrics ? stream : { ...stream, metrics };
  }
  return withText(stream, progress.raw, progress.thinking, progress.answer, progress.segments, progress.isThinking, metrics);
}

/** Adopt a raw snapshot (`debugoutput`), keeping the longer text when it is shorter. */
function applyRaw(stream: AgentStream, raw: string): AgentStream {
  if (raw.length <= stream.raw.length) return stream;
  const split = splitThinking(raw);
  return withText(stream, raw, split.thinking, split.answer, split.segments, split.isThinking, stream.metrics);
}

function withText(
  stream: AgentStream,
  raw: string,
  thinkingIn: string[],
  answerParts: string[],
  segmentsIn: StreamSegment[],
  isThinking: boolean,
  metrics: AgentMetrics,
): AgentStream {
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
  return { ...stream, raw, answer, thinking, segments, isThinking, metrics };
}

/**
 * Set fields on `next` (which is `origin` with any text already applied); return `origin` itself when nothing
 * differs, so `updatedAt` only moves on real change.
 */
function patch(origin: AgentStream, next: AgentStream, fields: Partial<AgentStream>, now: number): AgentStream {
  let changed = next !== origin;
  if (!changed) {
    for (const key of Object.keys(fields) as (keyof AgentStream)[]) {
      if (!Object.is(origin[key], fields[key])) {
        changed = true;
        break;
      }
    }
  }
  if (!changed) return origin;
  return { ...next, ...fields, updatedAt: now };
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
