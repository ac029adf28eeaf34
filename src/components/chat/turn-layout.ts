/**
 * The arithmetic of the virtualised message list, kept free of React and the DOM so it can be
 * unit-tested: how tall a turn probably is before it was measured, which rows to mount, and which of
 * them are laid out in flow.
 * @packageDocumentation
 */
import { replyTextOf } from '../../chat/lazy-reply.js';
import type { ChatMessage } from '../../chat/types.js';

/** Characters on one line of a reply, and of the user's bubble, at the widget's usual width. */
const REPLY_CHARS_PER_LINE = 80;
const BUBBLE_CHARS_PER_LINE = 55;
const LINE_PX = 24;
/** The turn's frame: gaps, the bubble's padding, the line with the time it was sent, the reply's footer. */
const FRAME_PX = 108;
/** A reply whose text lives in the socket store (not known here). */
const LIVE_REPLY_LINES = 4;

/** Guesses already made: turns are immutable, and a long thread asks for every one of them. */
const estimates = /* @__PURE__ */ new WeakMap<ChatMessage, number>();

/**
 * A guess at a turn's height in pixels before it was measured. Only the scrollbar and the first
 * placement of rows not yet seen depend on it: every mounted row is measured, and the view is corrected
 * as rows above it are measured.
 */
export function estimateTurnHeight(message: ChatMessage): number {
  const known = estimates.get(message);
  if (known !== undefined) return known;
  const bubble = lines(message.content, BUBBLE_CHARS_PER_LINE);
  const text = replyTextOf(message);
  const reply = text !== null ? lines(text, REPLY_CHARS_PER_LINE) : LIVE_REPLY_LINES;
  const estimate = FRAME_PX + (bubble + reply) * LINE_PX;
  estimates.set(message, estimate);
  return estimate;
}

function lines(text: string, perLine: number): number {
  if (text === '') return 0;
  let count = 0;
  let start = 0;
  // Long texts: counting every line would cost more than the guess is worth.
  const end = Math.min(text.length, 20_000);
  while (start < end) {
    let stop = text.indexOf('\n', start);
    if (stop === -1 || stop > end) stop = end;
    count += Math.max(1, Math.ceil((stop - start) / perLine));
    start = stop + 1;
  }
  return count + Math.round((text.length - end) / perLine);
}

/**
 * The rows to mount: the virtualiser's range (visible rows plus overscan) and the `pinned` rows
 * wherever they are. Sorted, without duplicates, within `count`.
 */
export function mountedIndexes(range: readonly number[], pinned: readonly number[], count: number): number[] {
  if (pinned.length === 0) return [...range];
  const all = new Set(range);
  for (const index of pinned) if (index >= 0 && index < count) all.add(index);
  return [...all].sort((a, b) => a - b);
}

/**
 * The first and last of the longest run of consecutive mounted rows: the ones laid out in normal flow
 * (the visible rows). Rows outside it are pinned rows far from the view, placed on their own.
 */
export function flowRun<T extends { index: number }>(items: readonly T[]): { first?: T; last?: T } {
  let best: [number, number] = [0, -1];
  let start = 0;
  for (let i = 1; i <= items.length; i++) {
    if (i < items.length && (items[i] as T).index === (items[i - 1] as T).index + 1) continue;
    if (i - 1 - start > best[1] - best[0]) best = [start, i - 1];
    start = i;
  }
  return best[1] < best[0] ? {} : { first: items[best[0]], last: items[best[1]] };
}
