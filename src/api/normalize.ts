/**
 * Turn the REST API's loosely typed JSON into the documented result types.
 *
 * Wiro sometimes sends `metadata` and `attachments` as JSON strings, and numbers as strings; these
 * functions accept both and never throw. A value too broken to use yields `null` (the caller turns
 * that into a `bad_response` error) or is dropped (one bad field, one bad history row).
 * @packageDocumentation
 */
import type {
  AgentMessageRecord,
  HistoryPage,
  MessageAttachment,
  MessageMetadata,
  SendResult,
  SessionSummary,
  WiroErrorItem,
} from './types.js';

type JsonObject = Record<string, unknown>;

/** `true` for a non-null, non-array object. */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A JSON string is parsed; anything else is returned as is; an unparseable string yields `undefined`. */
export function unwrapJsonString(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  if (value.trim() === '') return undefined;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return undefined;
  }
}

/** A finite number, from a number or a numeric string; `undefined` otherwise. */
export function toFiniteNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

/** A string, from a string or a number (timestamps and counts documented as strings). */
export function toWireString(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/** `true` for an array of strings only. */
export function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

const METADATA_STRINGS = ['type', 'task', 'speedType', 'elapsedTime', 'raw'] as const;

/** Normalise a message's `metadata` (object or JSON string) to a {@link MessageMetadata}, `{}` when unusable. */
export function parseMetadata(value: unknown): MessageMetadata {
  const parsed = unwrapJsonString(value);
  if (!isJsonObject(parsed)) return {};
  const out: MessageMetadata = { ...parsed };
  for (const key of METADATA_STRINGS) if (key in out && typeof out[key] !== 'string') delete out[key];
  if ('speed' in out && typeof out.speed !== 'string' && toFiniteNumber(out.speed) === undefined) delete out.speed;
  for (const key of ['tokenCount', 'wordCount'] as const) {
    if (!(key in out)) continue;
    const n = toFiniteNumber(out[key]);
    if (n === undefined) delete out[key];
    else out[key] = n;
  }
  for (const key of ['thinking', 'answer'] as const) if (key in out && !isStringArray(out[key])) delete out[key];
  if ('isThinking' in out && typeof out.isThinking !== 'boolean') delete out.isThinking;
  return out;
}

/** Normalise `attachments` (array or JSON string) to resolved files; entries without a `url` are dropped. */
export function parseAttachments(value: unknown): MessageAttachment[] {
  const parsed = unwrapJsonString(value);
  if (!Array.isArray(parsed)) return [];
  const out: MessageAttachment[] = [];
  for (const item of parsed) {
    if (!isJsonObject(item) || typeof item.url !== 'string' || item.url === '') continue;
    out.push({
      url: item.url,
      name: typeof item.name === 'string' ? item.name : '',
      type: typeof item.type === 'string' ? item.type : '',
      size: toFiniteNumber(item.size) ?? null,
    });
  }
  return out;
}

/** Normalise one Detail/History message; `null` without a string `guid` and `status`. */
export function parseMessageRecord(value: unknown): AgentMessageRecord | null {
  if (!isJsonObject(value)) return null;
  const { guid, status } = value;
  if (typeof guid !== 'string' || guid === '' || typeof status !== 'string') return null;
  const record: AgentMessageRecord = {
    guid,
    content: typeof value.content === 'string' ? value.content : '',
    response: typeof value.response === 'string' ? value.response : '',
    debugoutput: typeof value.debugoutput === 'string' ? value.debugoutput : '',
    status,
    metadata: parseMetadata(value.metadata),
    attachments: parseAttachments(value.attachments),
    deletestatus: toFiniteNumber(value.deletestatus) ?? 0,
    createdat: toWireString(value.createdat) ?? '',
  };
  if (typeof value.uuid === 'string') record.uuid = value.uuid;
  if (typeof value.sessionkey === 'string') record.sessionkey = value.sessionkey;
  const startedat = toWireString(value.startedat);
  if (startedat !== undefined) record.startedat = startedat;
  const endedat = toWireString(value.endedat);
  if (endedat !== undefined) record.endedat = endedat;
  return record;
}

/** Normalise a Send response body; `null` without both `messageguid` and `agenttoken`. */
export function parseSendResult(body: JsonObject): SendResult | null {
  const { messageguid, agenttoken } = body;
  if (typeof messageguid !== 'string' || messageguid === '') return null;
  if (typeof agenttoken !== 'string' || agenttoken === '') return null;
  return { messageguid, agenttoken, status: typeof body.status === 'string' ? body.status : 'agent_queue' };
}

/** Normalise History's `data`; `null` when `messages` is not an array. Unreadable rows are skipped. */
export function parseHistoryPage(data: unknown): HistoryPage | null {
  if (!isJsonObject(data) || !Array.isArray(data.messages)) return null;
  const messages: AgentMessageRecord[] = [];
  for (const row of data.messages) {
    const record = parseMessageRecord(row);
    if (record !== null) messages.push(record);
  }
  const hasmore = data.hasmore === true || data.hasmore === 'true' || data.hasmore === 1 || data.hasmore === '1';
  return { messages, count: toFiniteNumber(data.count) ?? messages.length, hasmore };
}

/**
 * Normalise Sessions' `data`, newest first; `null` when `sessions` is not an array. Rows without a
 * `sessionkey` are skipped; counts and times (documented as strings) are parsed.
 */
export function parseSessions(data: unknown): SessionSummary[] | null {
  if (!isJsonObject(data) || !Array.isArray(data.sessions)) return null;
  const out: SessionSummary[] = [];
  for (const row of data.sessions) {
    if (!isJsonObject(row) || typeof row.sessionkey !== 'string') continue;
    const count = toFiniteNumber(row.messagecount);
    out.push({
      sessionkey: row.sessionkey,
      messagecount: count !== undefined && Number.isInteger(count) && count >= 0 ? count : 0,
      updatedat: toFiniteNumber(row.updatedat) ?? null,
      lastmessage: typeof row.lastmessage === 'string' ? row.lastmessage : '',
    });
  }
  // Stable: rows with equal (or unreadable) times keep Wiro's order; unreadable times go last.
  return out.sort((a, b) => (b.updatedat ?? -Infinity) - (a.updatedat ?? -Infinity) || 0);
}

/** Normalise a response's `errors` array: `{code?, message}` objects, plain strings accepted. */
export function parseErrors(value: unknown): WiroErrorItem[] {
  if (!Array.isArray(value)) return [];
  const out: WiroErrorItem[] = [];
  for (const item of value) {
    if (typeof item === 'string') {
      out.push({ message: item });
    } else if (isJsonObject(item)) {
      const message =
        typeof item.message === 'string' ? item.message : typeof item.error === 'string' ? item.error : '';
      const entry: WiroErrorItem = { message };
      if (typeof item.code === 'number' || typeof item.code === 'string') entry.code = item.code;
      out.push(entry);
    }
  }
  return out;
}
