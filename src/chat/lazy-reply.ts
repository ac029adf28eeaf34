/**
 * Finished history rows whose reply stream is built the first time it is read. A long conversation
 * loads thousands of rows at once and shows a few dozen: building every stream up front would be most
 * of the cost of opening it. The turn still looks like any other (an enumerable `stream` that is the
 * same object on every read), so nothing reading it can tell.
 * @packageDocumentation
 */
import type { AgentStream } from '../store/types.js';
import { recordStream } from './records.js';
import type { ChatMessage, ChatRecord } from './types.js';

/** The record's text of turns whose stream may not be built yet, for sizing without building it. */
const recordTexts = /* @__PURE__ */ new WeakMap<ChatMessage, string>();

/** `turn` with a `stream` built from `record` (keyed by `key`) when first read. */
export function withLazyReply(turn: Omit<ChatMessage, 'stream'>, record: ChatRecord, key: string): ChatMessage {
  let stream: AgentStream | undefined;
  const lazy = { ...turn } as ChatMessage;
  Object.defineProperty(lazy, 'stream', {
    enumerable: true,
    configurable: true,
    get: () => (stream ??= recordStream(record, key)),
  });
  const response = typeof record.response === 'string' ? record.response : '';
  recordTexts.set(lazy, response !== '' ? response : typeof record.debugoutput === 'string' ? record.debugoutput : '');
  return lazy;
}

/**
 * About the text of a turn's reply, for guessing its size: the answer of the stream the turn holds, or
 * of a lazy reply not built yet its record's text (never shown). `null` when the reply lives elsewhere.
 */
export function replyTextOf(turn: ChatMessage): string | null {
  const text = recordTexts.get(turn);
  if (text !== undefined) return text;
  return turn.stream !== null ? turn.stream.answer : null;
}
