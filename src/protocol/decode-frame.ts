import { decodeData, type OtherFrames } from './decode.js';
import { decodeTaskFrame } from './task-decode.js';
import type { ProtocolError, ServerFrame } from './types.js';

const taskFrames: OtherFrames = (type, parsed) => (type.startsWith('task_') ? decodeTaskFrame(parsed) : undefined);

/**
 * Decode one WebSocket message into a typed frame, or a {@link ProtocolError} describing why not.
 *
 * Never throws. Strict about what routing and rendering rely on (`type`, `agenttoken`, `status`, the
 * shape of `message`, `raw`, the `thinking`/`answer` arrays, `debugoutput`, `result`); lenient about
 * metrics, which become `null` when unreadable and numbers when sent as strings (`"12.5"`, `"2.4s"`).
 * A progress object without the arrays is split from `raw`. Model-run frames (`task_*`), which share the
 * socket, are decoded by `decodeTaskFrame`: a task frame it refuses is a {@link ProtocolError} naming the
 * run's `tasktoken`.
 *
 * @param data - `MessageEvent.data`: a string; binary data is reported as a protocol error.
 */
export function decodeFrame(data: unknown): ServerFrame | ProtocolError {
  return decodeData(data, taskFrames);
}
