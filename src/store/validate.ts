import { SUBSCRIBED_STATUSES } from '../protocol/decode.js';
import type { AgentProgress, StreamSegment } from '../protocol/types.js';

/**
 * Why `event` is not a {@link StreamEvent} the reducer can apply, or `null` when it is one. Checks every
 * field the reducer reads, so an event that passes can never make a later flush throw. A wire frame (a
 * progress object without `segments` or `metrics`) fails: it must go through `decodeFrame` first.
 */
export function streamEventProblem(event: unknown): string | null {
  if (typeof event !== 'object' || event === null) return 'an event must be an object';
  const e = event as Record<string, unknown>;
  if (typeof e.agenttoken !== 'string' || e.agenttoken === '') return 'the event needs a non-empty string `agenttoken`';
  const { type, message } = e;
  switch (type) {
    case 'local_subscribing':
    case 'agent_start':
      return null;
    case 'local_connection_failed':
    case 'agent_cancel':
      return typeof message === 'string' ? null : `${type}.message must be a string`;
    case 'agent_subscribed':
      return SUBSCRIBED_STATUSES.has(e.status as string) && (e.debugoutput === undefined || isString(e.debugoutput))
        ? null
        : 'agent_subscribed needs a known `status` and a string or undefined `debugoutput`';
    case 'agent_error':
    case 'agent_output':
    case 'agent_end':
      return (type === 'agent_error' && isString(message)) || isProgress(message)
        ? null
        : progressProblem(`${type}.message`);
    default:
      return `unknown event type "${String(type).slice(0, 40)}"`;
  }
}

/** The problem of a value that {@link isProgress} refused at `where`. */
export function progressProblem(where: string): string {
  return `${where} must be a decoded progress object (raw, thinking, answer, segments, isThinking, metrics)`;
}

/** `true` for a decoded progress object (`decodeFrame`'s `AgentProgress`): every field the reducer reads, typed. */
export function isProgress(value: unknown): value is AgentProgress {
  if (typeof value !== 'object' || value === null) return false;
  const { raw, thinking, answer, segments, isThinking, metrics } = value as Partial<
    Record<keyof AgentProgress, unknown>
  >;
  if (typeof metrics !== 'object' || metrics === null) return false;
  const m = metrics as Record<string, unknown>;
  return (
    isString(raw) &&
    isStrings(thinking) &&
    isStrings(answer) &&
    typeof isThinking === 'boolean' &&
    Array.isArray(segments) &&
    segments.every(isSegment) &&
    (m.speedType === null || isString(m.speedType)) &&
    [m.speed, m.elapsedMs, m.tokenCount, m.wordCount].every((v) => v === null || typeof v === 'number')
  );
}

function isSegment(value: unknown): value is StreamSegment {
  const s = value as Partial<StreamSegment> | null;
  return typeof s === 'object' && s !== null && (s.kind === 'thinking' || s.kind === 'answer') && isString(s.text);
}

function isString(value: unknown): value is string {
  return typeof value === 'string';
}

function isStrings(value: unknown): value is string[] {
  return Array.isArray(value) && value.every(isString);
}
