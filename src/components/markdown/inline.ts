/**
 * A small scanner over one paragraph's inline markdown that reports what is still open at its end:
 * emphasis/strikethrough delimiters, a code span, a half-written link or image. It follows
 * CommonMark's flanking rules closely enough for healing a streamed tail, not for rendering.
 * @packageDocumentation
 */

/** An emphasis (`*`, `_`) or strikethrough (`~`) opener with no closer yet. */
export interface OpenDelimiter {
  char: '*' | '_' | '~';
  /** Characters of the run still unmatched. */
  length: number;
  /** Offset of the run's first unmatched character. */
  pos: number;
  /** Opened inside a word (`2*3`): probably not emphasis, so it is left alone. */
  intraword: boolean;
}

/** A `[` or `![` whose link or image is not finished. */
export interface HalfLink {
  /** Offset of `[` (or of `!` for an image). */
  pos: number;
  image: boolean;
  /** A footnote reference (`[^1`): it has no text worth showing. */
  footnote: boolean;
  /** Offset of the link text's end (`]`), or the text's end while the text is still arriving. */
  textEnd: number;
}

/** What is open at the end of a scanned paragraph. */
export interface InlineState {
  /** Unclosed emphasis/strikethrough openers, outermost first. */
  openers: OpenDelimiter[];
  /** An unclosed code span: offset and length of its opening backtick run. */
  code: { pos: number; length: number } | null;
  /** The first unfinished link or image. Scanning stops there: the rest is its text or destination. */
  halfLink: HalfLink | null;
  /** Offset of a delimiter run at the very end that cannot open or close (`text **`), else -1. */
  danglingRun: number;
}

interface Bracket {
  pos: number;
  image: boolean;
}

const PUNCT = /[\p{P}\p{S}]/u;
const WORD = /[\p{L}\p{N}]/u;
const LETTER = /\p{L}/u;

function isWs(c: string | undefined): boolean {
  return c === undefined || c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\u00a0';
}
function isPunct(c: string | undefined): boolean {
  return c !== undefined && PUNCT.test(c);
}

/**
 * Scan `s` and report what is open at its end.
 *
 * @param safePoints - when given, receives offsets where the paragraph can be cut into
 *   independently rendered pieces: the first letter of a sentence, with nothing open before it.
 */
export function scanInline(s: string, safePoints?: number[]): InlineState {
  const openers: OpenDelimiter[] = [];
  const brackets: Bracket[] = [];
  let code: InlineState['code'] = null;
  let danglingRun = -1;
  const n = s.length;
  let i = 0;

  while (i < n) {
    const c = s[i] as string;

    if (code) {
      if (c === '`') {
        const run = runLength(s, i, '`');
        if (run === code.length) code = null;
        i += run;
      } else i++;
      continue;
    }

    if (c === '\\') {
      i += 2;
      continue;
    }
    if (c === '`') {
      const run = runLength(s, i, '`');
      code = { pos: i, length: run };
      i += run;
      continue;
    }
    if (c === '$' && safePoints && s[i + 1] === '$') {
      // `$$…$$` is math for a math plugin: never a place to cut the paragraph.
      const run = runLength(s, i, '$');
      const close = s.indexOf('$'.repeat(run), i + run);
      i = close === -1 ? n : close + run;
      continue;
    }
    if (c === '!' && s[i + 1] === '[') {
      brackets.push({ pos: i, image: true });
      i += 2;
      continue;
    }
    if (c === '[') {
      // `a[i]` is indexing, not a link: only a bracket at a word start opens one (or a footnote, `word[^1]`).
      if (!WORD.test(s[i - 1] ?? ' ') || s[i + 1] === '^') brackets.push({ pos: i, image: false });
      i++;
      continue;
    }
    if (c === ']') {
      const open = brackets.pop();
      if (open) {
        if (s[i + 1] === '(') {
          const close = destinationEnd(s, i + 2);
          if (close === -1) return done({ pos: open.pos, image: open.image, footnote: false, textEnd: i });
          i = close + 1;
          continue;
        }
        if (i === n - 1 && !isTaskMarker(s, open.pos, i)) {
          const footnote = s[open.pos + 1] === '^';
          return done({ pos: open.pos, image: open.image, footnote, textEnd: i });
        }
      }
      i++;
      continue;
    }
    if (c === '*' || c === '_' || c === '~') {
      const run = runLength(s, i, c);
      delimiterRun(c, i, run);
      i += run;
      continue;
    }
    // A space (not a line break, which may be a hard break) after a sentence's end, before a letter.
    if (safePoints && c === ' ' && i + 1 < n && /[.!?]/.test(s[i - 1] ?? '') && LETTER.test(s[i + 1] ?? '')) {
      if (openers.length === 0 && brackets.length === 0) safePoints.push(i + 1);
    }
    i++;
  }

  const unclosed = brackets[0];
  if (unclosed) {
    return done({ pos: unclosed.pos, image: unclosed.image, footnote: s[unclosed.pos + 1] === '^', textEnd: n });
  }
  return done(null);

  function done(halfLink: HalfLink | null): InlineState {
    return { openers, code: halfLink ? null : code, halfLink, danglingRun };
  }

  function delimiterRun(ch: '*' | '_' | '~', pos: number, length: number): void {
    const before = s[pos - 1];
    const after = s[pos + length];
    const leftFlanking = !isWs(after) && (!isPunct(after) || isWs(before) || isPunct(before));
    const rightFlanking = !isWs(before) && (!isPunct(before) || isWs(after) || isPunct(after));
    let canOpen = leftFlanking;
    let canClose = rightFlanking;
    if (ch === '_') {
      canOpen = leftFlanking && (!rightFlanking || isPunct(before));
      canClose = rightFlanking && (!leftFlanking || isPunct(after));
    }
    let remaining = length;
    if (canClose) {
      for (let k = openers.length - 1; k >= 0 && remaining > 0; k--) {
        const op = openers[k] as OpenDelimiter;
        if (op.char !== ch) continue;
        const used = Math.min(op.length, remaining);
        op.length -= used;
        remaining -= used;
        // Openers between this one and the closer can no longer close (CommonMark drops them).
        openers.length = op.length === 0 ? k : k + 1;
      }
    }
    if (remaining > 0 && canOpen) {
      openers.push({ char: ch, length: remaining, pos: pos + length - remaining, intraword: WORD.test(before ?? ' ') });
    } else if (remaining === length && pos + length === n && !canClose) {
      danglingRun = pos;
    }
  }
}

function runLength(s: string, i: number, ch: string): number {
  let k = i;
  while (s[k] === ch) k++;
  return k - i;
}

/** `[ ]` / `[x]`: a task list checkbox, not a link. */
function isTaskMarker(s: string, open: number, close: number): boolean {
  const inner = s.slice(open + 1, close);
  return inner === ' ' || inner === 'x' || inner === 'X';
}

/** Offset of the `)` ending a link destination (and title) starting at `from`, or -1 if it has not arrived. */
function destinationEnd(s: string, from: number): number {
  let depth = 0;
  let quote: string | null = null;
  let angle = s[from] === '<';
  for (let k = angle ? from + 1 : from; k < s.length; k++) {
    const c = s[k];
    if (c === '\\') {
      k++;
      continue;
    }
    if (angle) {
      if (c === '>') angle = false;
      continue;
    }
    if (quote) {
      if (c === quote) quote = null;
      continue;
    }
    // A title starts after whitespace; an apostrophe inside a URL (`/it's`) does not open one.
    if ((c === '"' || c === "'") && isWs(s[k - 1])) quote = c;
    else if (c === '(') depth++;
    else if (c === ')') {
      if (depth === 0) return k;
      depth--;
    }
  }
  return -1;
}
