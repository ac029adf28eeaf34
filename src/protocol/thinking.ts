import type { StreamSegment } from './types.js';

/** Result of {@link splitThinking}. */
export interface ThinkingSplit {
  /** Thinking blocks, in order. */
  thinking: string[];
  /** Answer blocks, in order. */
  answer: string[];
  /** Both kinds interleaved in the order they appear in `raw`, empty ones left out. */
  segments: StreamSegment[];
  /** `true` when `raw` ends inside an unclosed `<think>` block. */
  isThinking: boolean;
}

const OPEN = '<think>';
const CLOSE = '</think>';

/**
 * Split raw model output into thinking and answer blocks.
 *
 * - `<think>…</think>` blocks are thinking, text outside them is answer; several blocks alternate.
 * - An unclosed `<think>` at the end means the model is still thinking.
 * - A `</think>` with no opening tag before it (some reasoning models omit the opening tag) makes
 *   everything before it thinking.
 * - A tag cut in half at the end of a streaming chunk (`"…<thi"`) is held back rather than shown.
 *
 * Blocks are trimmed; whitespace-only blocks are dropped.
 */
export function splitThinking(raw: string): ThinkingSplit {
  const thinking: string[] = [];
  const answer: string[] = [];
  const segments: StreamSegment[] = [];
  const push = (kind: StreamSegment['kind'], text: string): void => {
    const trimmed = text.trim();
    if (trimmed === '') return;
    (kind === 'thinking' ? thinking : answer).push(trimmed);
    segments.push({ kind, text: trimmed });
  };

  const text = stripPartialTag(raw);
  let isThinking = false;
  let pos = 0;

  const firstOpen = text.indexOf(OPEN);
  const firstClose = text.indexOf(CLOSE);
  if (firstClose !== -1 && (firstOpen === -1 || firstClose < firstOpen)) {
    push('thinking', text.slice(0, firstClose));
    pos = firstClose + CLOSE.length;
  }

  while (pos <= text.length) {
    const open = text.indexOf(OPEN, pos);
    if (open === -1) {
      push('answer', text.slice(pos));
      break;
    }
    push('answer', text.slice(pos, open));
    const bodyStart = open + OPEN.length;
    const close = text.indexOf(CLOSE, bodyStart);
    if (close === -1) {
      push('thinking', text.slice(bodyStart));
      isThinking = true;
      break;
    }
    push('thinking', text.slice(bodyStart, close));
    pos = close + CLOSE.length;
  }
  return { thinking, answer, segments, isThinking };
}

/** Drop a trailing prefix of `<think>` or `</think>` (at least `<`), which is a tag still arriving. */
function stripPartialTag(raw: string): string {
  const lt = raw.lastIndexOf('<');
  if (lt === -1 || raw.length - lt >= CLOSE.length) return raw;
  const tail = raw.slice(lt);
  const partial = (OPEN.startsWith(tail) && tail !== OPEN) || (CLOSE.startsWith(tail) && tail !== CLOSE);
  return partial ? raw.slice(0, lt) : raw;
}

/** Interleave server-provided arrays in reply order: `thinking[i]` comes before `answer[i]`. */
export function interleaveSegments(thinking: readonly string[], answer: readonly string[]): StreamSegment[] {
  const segments: StreamSegment[] = [];
  const n = Math.max(thinking.length, answer.length);
  for (let i = 0; i < n; i++) {
    const t = thinking[i];
    if (t !== undefined && t.trim() !== '') segments.push({ kind: 'thinking', text: t });
    const a = answer[i];
    if (a !== undefined && a.trim() !== '') segments.push({ kind: 'answer', text: a });
  }
  return segments;
}
