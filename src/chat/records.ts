/**
 * REST message records (Message/Detail, Message/History rows) turned into the events the stream
 * reducer already understands, so a polled or loaded reply follows exactly the rules of a streamed one.
 * @packageDocumentation
 */
import { decodeParsed, isProtocolError } from '../protocol/decode.js';
import { createStream, reduceStream } from '../store/reduce.js';
import type { AgentStream, StreamEvent } from '../store/types.js';
import type { ChatAttachment, ChatMessageStatus, ChatRecord } from './types.js';

const LIVE = /* @__PURE__ */ new Set(['agent_queue', 'agent_start', 'agent_output']);
const TERMINAL = /* @__PURE__ */ new Set(['agent_end', 'agent_error', 'agent_cancel']);

/** `true` when a record's reply can no longer change. */
export function isTerminalRecord(record: Pick<ChatRecord, 'status'>): boolean {
  return TERMINAL.has(record.status);
}

/**
 * The events that bring a stream to where `record` says the reply is.
 *
 * Built as wire frames and run through the protocol decoder, so numbers-as-strings, `"8.1s"` durations
 * and missing arrays are normalised in one place only:
 * - queued, started, streaming: an `agent_subscribed` snapshot with `debugoutput` (the text so far);
 * - finished: `agent_end` with the record's `metadata` when it carries the final progress object, else
 *   the text from `debugoutput` (or `response`);
 * - failed: a progress-shaped `metadata` is a non-answer (`agent_error` with the object, its text kept);
 *   otherwise a snapshot `agent_error`, whose sentence is the sanitised one: the record's `debugoutput`
 *   then holds the raw runtime error, which must not be shown to users;
 * - cancelled: `agent_cancel` (a message cancelled while queued never gets one over the socket).
 *
 * An unknown status gives no events (the reply is treated as still pending).
 */
export function recordEvents(record: ChatRecord, agenttoken: string): StreamEvent[] {
  const status = record.status;
  const debugoutput = typeof record.debugoutput === 'string' ? record.debugoutput : '';
  if (LIVE.has(status)) {
    return decode({ type: 'agent_subscribed', agenttoken, status, debugoutput, result: true });
  }
  switch (status) {
    case 'agent_end': {
      const progress = progressOf(record);
      const text = debugoutput !== '' ? debugoutput : typeof record.response === 'string' ? record.response : '';
      const fromMetadata = progress ? decode({ type: 'agent_end', agenttoken, message: progress, result: true }) : [];
      // Metadata the decoder refuses (or that carries less text) must not cost the reply its text.
      if (fromMetadata.length > 0 && progressText(fromMetadata) >= text.length) return fromMetadata;
      return decode({ type: 'agent_end', agenttoken, message: { raw: text }, result: true });
    }
    case 'agent_error': {
      const progress = progressOf(record);
      const fromMetadata = progress
        ? decode({ type: 'agent_error', agenttoken, message: progress, result: false })
        : [];
      if (fromMetadata.length > 0) return fromMetadata;
      return decode({ type: 'agent_subscribed', agenttoken, status: 'agent_error', debugoutput: '', result: true });
    }
    case 'agent_cancel':
      return decode({ type: 'agent_cancel', agenttoken, message: '', result: false });
    default:
      return [];
  }
}

/** A reply's stream as a record shows it, keyed by `key` (its agenttoken, or any stable id). */
export function recordStream(record: ChatRecord, key: string, now: number = Date.now()): AgentStream {
  return applyRecord(createStream(key), record, now);
}

/** Bring an existing stream (the chat's own copy of a reply) up to date with a record. */
export function applyRecord(stream: AgentStream, record: ChatRecord, now: number = Date.now()): AgentStream {
  return recordEvents(record, stream.agenttoken).reduce((s, event) => reduceStream(s, event, now), stream);
}

/** The turn status a record of a finished reply means; `null` while the reply can still change. */
export function statusOfRecord(record: Pick<ChatRecord, 'status'>): ChatMessageStatus | null {
  switch (record.status) {
    case 'agent_end':
      return 'done';
    case 'agent_cancel':
      return 'cancelled';
    case 'agent_error':
      return 'error';
    default:
      return null;
  }
}

/** The turn status a stream's state means. */
export function statusOfStream(stream: AgentStream): ChatMessageStatus {
  switch (stream.status) {
    case 'agent_end':
      return 'done';
    case 'agent_cancel':
      return 'cancelled';
    case 'agent_error':
    case 'unknown':
      return 'error';
    case 'agent_start':
    case 'agent_output':
      return 'streaming';
    default:
      return 'queued';
  }
}

/** `createdat` (unix seconds, as a string or a number) in milliseconds; 0 when unreadable. */
export function recordTime(value: unknown): number {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  if (!Number.isFinite(n) || n <= 0) return 0;
  // Seconds, as documented; a value already in milliseconds (13 digits) is taken as is.
  return n < 1e11 ? n * 1000 : n;
}

/** A record's attachments as the chat shows them; malformed entries are skipped. */
export function recordAttachments(record: Pick<ChatRecord, 'attachments'>): ChatAttachment[] {
  const list: unknown = record.attachments;
  if (!Array.isArray(list)) return [];
  const out: ChatAttachment[] = [];
  for (const item of list) {
    if (typeof item !== 'object' || item === null) continue;
    const entry = item as Record<string, unknown>;
    const url = typeof entry.url === 'string' ? entry.url : null;
    const name =
      typeof entry.name === 'string' && entry.name !== '' ? entry.name : url ? (url.split('/').pop() ?? url) : null;
    if (name === null) continue;
    const size =
      typeof entry.size === 'number' ? entry.size : typeof entry.size === 'string' ? Number(entry.size) : NaN;
    out.push({
      name,
      type: typeof entry.type === 'string' ? entry.type : '',
      size: Number.isFinite(size) ? size : null,
      url,
    });
  }
  return out;
}

/** The record's metadata when it looks like a progress object (it is `{}` until the reply ends). */
function progressOf(record: ChatRecord): Record<string, unknown> | null {
  const metadata: unknown = record.metadata;
  if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata)) return null;
  const m = metadata as Record<string, unknown>;
  const hasText =
    (typeof m.raw === 'string' && m.raw !== '') ||
    (Array.isArray(m.answer) && m.answer.length > 0) ||
    (Array.isArray(m.thinking) && m.thinking.length > 0);
  return hasText ? m : null;
}

function progressText(events: readonly StreamEvent[]): number {
  const last = events[events.length - 1];
  return last && last.type === 'agent_end' ? last.message.raw.length : 0;
}

/** Decode one synthetic frame; one the decoder refuses gives no event (the caller falls back). */
function decode(frame: Record<string, unknown>): StreamEvent[] {
  const decoded = decodeParsed(frame);
  if (isProtocolError(decoded) || !('agenttoken' in decoded)) return [];
  return [decoded];
}
