import type { AgentProgress } from '../protocol/types.js';

const SUBSCRIBED = /* @__PURE__ */ new Set([
  'agent_queue',
  'agent_start',
  'agent_output',
  'agent_end',
  'agent_error',
  'agent_cancel',
  'unknown',
]);

/**
 * Why `event` is not a {@link StreamEvent} the reducer can apply, or `null` when it is one. Checks every
 * field the reducer reads, so an event that passes can never make a later flush throw. A wire frame (a
 * progress object without `segments` or `metrics`) fails: it must go through `decodeFrame` first.
 */
export function streamEventProblem(event: unknown): string | null {
  if (typeof event !== 'object' || event === null) return `an event must be an object (got ${kind(event)})`;
  const e = event as Record<string, unknown>;
  if (typeof e.type !== 'string') return 'the event has no string `type`';
  if (typeof e.agenttoken !== 'string' || e.agenttoken === '') return 'the event needs a non-empty string `agenttoken`';
  switch (e.type) {
    case 'local_subscribing':
    case 'agent_start':
      return null;
    case 'local_connection_failed':
    case 'agent_cancel':
      return typeof e.message === 'string' ? null : `${e.type}.message must be a string (got ${kind(e.message)})`;
    case 'agent_subscribed':
      if (typeof e.status !== 'string' || !SUBSCRIBED.has(e.status)) {
        return `agent_subscribed.status is not a known status (got ${kind(e.status)})`;
      }
      return e.debugoutput === undefined || typeof e.debugoutput === 'string'
        ? null
        : `agent_subscribed.debugoutput must be a string or undefined (got ${kind(e.debugoutput)})`;
    case 'agent_output':
    case 'agent_end':
      return progressProblem(e.type, e.message);
    case 'agent_error':
      return typeof e.message === 'string' ? null : progressProblem(e.type, e.message);
    default:
      return `unknown event type "${e.type.slice(0, 40)}"`;
  }
}

/** Why `message` is not a decoded progress object (`decodeFrame`'s `AgentProgress`), or `null`. */
export function progressProblem(type: string, message: unknown): string | null {
  const where = `${type}.message`;
  if (typeof message !== 'object' || message === null) return `${where} must be a decoded progress object`;
  const m = message as Partial<Record<keyof AgentProgress, unknown>>;
  if (typeof m.raw !== 'string') return `${where}.raw must be a string`;
  if (!isStrings(m.thinking)) return `${where}.thinking must be an array of strings`;
  if (!isStrings(m.answer)) return `${where}.answer must be an array of strings`;
  if (typeof m.isThinking !== 'boolean') return `${where}.isThinking must be a boolean`;
  if (!Array.isArray(m.segments)) return `${where}.segments must be an array (a decoded progress object has one)`;
  for (const segment of m.segments as unknown[]) {
    const s = segment as { kind?: unknown; text?: unknown } | null;
    if (
      typeof s !== 'object' ||
      s === null ||
      (s.kind !== 'thinking' && s.kind !== 'answer') ||
      typeof s.text !== 'string'
    ) {
      return `${where}.segments must hold { kind: 'thinking' | 'answer', text: string } objects`;
    }
  }
  const metrics = m.metrics as Record<string, unknown> | null | undefined;
  if (typeof metrics !== 'object' || metrics === null)
    return `${where}.metrics must be an object (a decoded progress object has one)`;
  for (const field of ['speed', 'elapsedMs', 'tokenCount', 'wordCount']) {
    const v = metrics[field];
    if (v !== null && typeof v !== 'number') return `${where}.metrics.${field} must be a number or null`;
  }
  if (metrics.speedType !== null && typeof metrics.speedType !== 'string') {
    return `${where}.metrics.speedType must be a string or null`;
  }
  return null;
}

function isStrings(value: unknown): boolean {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

function kind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value;
}
