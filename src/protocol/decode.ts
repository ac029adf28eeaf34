/**
 * The agent side of the decoder: the welcome, server errors and agent frames. Frames of another kind
 * (model runs, `task_*`) go to the decoder its caller passes: the public `decodeFrame` (decode-frame.ts)
 * passes the task decoder, the socket the decoders of the stream kinds attached to it, so a socket that
 * follows agent replies only never loads the task decoder.
 * @packageDocumentation
 */
import type { ProtocolError, ServerFrame, SubscribedStatus } from './types.js';
import { decodeProgress, describe, FrameError, isObject, type JsonObject } from './wire-values.js';

/** The `status` values an `agent_subscribed` frame may carry. */
export const SUBSCRIBED_STATUSES: ReadonlySet<string> = /* @__PURE__ */ new Set<SubscribedStatus>([
  'agent_queue',
  'agent_start',
  'agent_output',
  'agent_end',
  'agent_error',
  'agent_cancel',
  'unknown',
]);

/** `true` when `value` is a {@link ProtocolError} rather than a decoded frame. */
export function isProtocolError(value: ServerFrame | ProtocolError): value is ProtocolError {
  return value.type === 'protocol_error';
}

/**
 * The decoder of frames of another kind than agent replies: a decoded frame (or a `ProtocolError`) when
 * `type` is one of its own, else `undefined`.
 */
export type OtherFrames = (type: string, parsed: JsonObject) => ServerFrame | ProtocolError | undefined;

/**
 * Decode one WebSocket message (see `decodeFrame`, which is this with the task decoder as `other`). Never
 * throws; a frame whose type neither the agent decoder nor `other` knows is a {@link ProtocolError}.
 *
 * @param data - `MessageEvent.data`: a string; binary data is reported as a protocol error.
 */
export function decodeData(data: unknown, other?: OtherFrames): ServerFrame | ProtocolError {
  if (typeof data !== 'string') {
    return protocolError(isBinary(data) ? 'binary frame' : `unsupported frame data (${typeof data})`, data);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch {
    return protocolError('not JSON', data);
  }
  return decodeParsed(parsed, other);
}

/** Decode an already-parsed JSON value (for frames that arrive from another source, e.g. tests or polling). */
export function decodeParsed(parsed: unknown, other?: OtherFrames): ServerFrame | ProtocolError {
  if (!isObject(parsed)) return protocolError('frame is not a JSON object', parsed);
  const type = parsed.type;
  if (typeof type !== 'string') return protocolError('frame has no string "type"', parsed);
  const decoded = other?.(type, parsed);
  if (decoded !== undefined) return decoded;
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
      throw new FrameError(`unknown frame type "${type.slice(0, 40)}"`);
  }
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

function isBinary(data: unknown): boolean {
  if (data instanceof ArrayBuffer || ArrayBuffer.isView(data)) return true;
  return typeof Blob !== 'undefined' && data instanceof Blob;
}

function protocolError(error: string, data: unknown): ProtocolError {
  return { type: 'protocol_error', error, data };
}
