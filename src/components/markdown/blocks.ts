/**
 * Split markdown into top-level blocks that can be rendered one by one with the same result as
 * rendering the whole document.
 *
 * A single line scan (no inline parsing) that knows where CommonMark/GFM blocks end: fenced code
 * (blank lines inside do not split it), lists (blank lines between items or before indented
 * continuations keep the list whole), block quotes, tables, HTML blocks, headings and paragraphs.
 * Where it is unsure it keeps lines together, which is always correct, only less incremental.
 * @packageDocumentation
 */
import {
  closesFence,
  fenceOpen,
  htmlBlockUntilMarker,
  indentOf,
  interruptsParagraph,
  isAtxHeading,
  isBlank,
  isBlockquote,
  isHtmlBlockTag,
  isHtmlLoneTag,
  isSetextUnderline,
  isThematicBreak,
  listInterruptsParagraph,
  listMarker,
  pluginFenceOpen,
  startsTable,
  type FenceInfo,
} from './lines.js';

/** What a block is, as far as splitting and healing need to know. */
export type MarkdownBlockKind =
  | 'paragraph'
  | 'heading'
  | 'thematic-break'
  | 'code'
  | 'indented-code'
  | 'html'
  | 'blockquote'
  | 'list'
  | 'table'
  /** A fence a plugin parses (`$$` math): its lines stay together, blank lines included. */
  | 'fence';

/** One top-level block of a markdown text. */
export interface MarkdownBlock {
  kind: MarkdownBlockKind;
  /** The block's source, without the line break after its last line. */
  text: string;
  /** Offset of the block in the whole text. */
  start: number;
  /** Offset just past the block's last character. */
  end: number;
  /** A line break follows the block, so its last line is complete. */
  terminated: boolean;
  /**
   * No later text can change this block: a closed fence, a heading or thematic break, or a
   * paragraph/quote/table/HTML block followed by a blank line. Lists and indented code stay open
   * until a non-continuation line arrives.
   */
  closed: boolean;
  /** For `code` and `fence`: the opening fence. */
  fence?: FenceInfo;
  /** For `code` and `fence`: no closing fence yet (the rest of the text is inside it). */
  openFence?: boolean;
}

/** Options of the splitter. */
export interface BlockSplitOptions {
  /**
   * Fences that plugins parse, as the run that opens and closes them (`'$$'` for math): the lines
   * between are kept in one block of kind `fence`, and such a line ends a paragraph.
   */
  fences?: readonly string[];
}

const NO_FENCES: readonly string[] = [];

interface Current {
  kind: MarkdownBlockKind;
  start: number;
  /** End of the last line that belongs to the block. */
  end: number;
  /** Start of the block's last line (for a paragraph whose last line turns out to be a table header). */
  lastLineStart: number;
  lines: number;
  fence?: FenceInfo;
  fenceClosed?: boolean;
  htmlEnd?: RegExp;
  /** For lists: the content column of the current top-level item, and the list's marker type. */
  contentIndent?: number;
  listType?: string;
  /** For lists and indented code: offset of the first blank line seen after the block's last line. */
  pendingBlank?: number;
  /** For quotes and lists: the block ends in paragraph text, so a plain line after it is a lazy continuation. */
  openParagraph?: boolean;
  /** For quotes and lists: a code fence open inside the block. */
  innerFence?: FenceInfo | null;
  /** For lists: the current item is a bare marker so far (a blank line after it ends the item). */
  emptyItem?: boolean;
  /** For lists and quotes: indented code after the block, kept with it (see `continuesAfterBlank`). */
  trailingCode?: boolean;
  /** For quotes: lines are kept until a blank line, whatever they are (see `continueBlock`). */
  sticky?: boolean;
}

/**
 * Split `text` into top-level blocks, in order. Joining the blocks' rendered output gives the same
 * document as rendering `text` (except link reference definitions and footnotes, whose uses and
 * definitions may land in different blocks: {@link hasDefinitions} tells when to render whole).
 */
export function splitMarkdownBlocks(text: string, options: BlockSplitOptions = {}): MarkdownBlock[] {
  const out: MarkdownBlock[] = [];
  scanBlocks(text, 0, out, options.fences ?? NO_FENCES);
  return out;
}

/**
 * An incremental {@link splitMarkdownBlocks} for a text that grows: when the new text starts with
 * everything before the previous text's last line, scanning resumes at that line, in the state the
 * scanner was in there (so a long list, paragraph or code block at the end is not scanned again
 * whole), and the blocks that ended before it are returned as the same objects (so `React.memo`
 * sees them unchanged). A text that was rewritten earlier is scanned from the start.
 */
export function createBlockSplitter(options: BlockSplitOptions = {}): (text: string) => MarkdownBlock[] {
  const fences = options.fences ?? NO_FENCES;
  let prevText = '';
  let prevBlocks: MarkdownBlock[] = [];
  let resume: Resume | null = null;
  return (text: string): MarkdownBlock[] => {
    if (text === prevText) return prevBlocks;
    let blocks: MarkdownBlock[];
    if (
      resume &&
      resume.lineStart > 0 &&
      text.length >= resume.lineStart &&
      text.startsWith(prevText.substring(0, resume.lineStart))
    ) {
      const kept = resume.blocks;
      blocks = prevBlocks.slice(0, kept);
      resume = scanBlocks(text, resume.lineStart, blocks, fences, resume.cur);
      // A block that ended at the resumed line was pushed again: hand back the same object.
      for (let k = kept; k < blocks.length && k < prevBlocks.length; k++) {
        const prev = prevBlocks[k] as MarkdownBlock;
        if (!sameBlock(blocks[k] as MarkdownBlock, prev)) break;
        blocks[k] = prev;
      }
    } else {
      blocks = [];
      resume = scanBlocks(text, 0, blocks, fences);
    }
    prevText = text;
    prevBlocks = blocks;
    return blocks;
  };
}

function sameBlock(a: MarkdownBlock, b: MarkdownBlock): boolean {
  return (
    a.kind === b.kind &&
    a.start === b.start &&
    a.end === b.end &&
    a.terminated === b.terminated &&
    a.closed === b.closed &&
    a.openFence === b.openFence &&
    a.text === b.text
  );
}

/** Where a later scan of a longer text can pick up: the last line's start and the scanner's state there. */
interface Resume {
  lineStart: number;
  /** The block open at that line (a copy: scanning on changes it). */
  cur: Current | null;
  /** How many blocks had ended before that line. */
  blocks: number;
}

/** `true` when `text` has link reference definitions or footnote definitions, which bind across blocks. */
export function hasDefinitions(text: string): boolean {
  return /^ {0,3}\[[^\]\n]+\]:/m.test(text);
}

function scanBlocks(
  text: string,
  from: number,
  out: MarkdownBlock[],
  fences: readonly string[],
  resumeFrom: Current | null = null,
): Resume {
  let cur: Current | null = resumeFrom ? { ...resumeFrom } : null;
  let resume: Resume = { lineStart: from, cur: resumeFrom, blocks: out.length };

  // `ended`: the structure ended the block (closing fence, blank line, one-line block). It is only
  // final once its last line is complete: `# Tit` or a setext `-` may still grow into something else.
  const push = (block: Current, ended: boolean): void => {
    const end = block.end;
    const terminated = end < text.length;
    const entry: MarkdownBlock = {
      kind: block.kind,
      text: text.slice(block.start, end).replace(/\r$/, ''),
      start: block.start,
      end,
      terminated,
      closed: ended && terminated,
    };
    if (block.fence) {
      entry.fence = block.fence;
      entry.openFence = block.fenceClosed !== true;
    }
    out.push(entry);
  };

  let pos = from;
  while (pos < text.length) {
    resume = { lineStart: pos, cur: cur ? { ...cur } : null, blocks: out.length };
    const nl = text.indexOf('\n', pos);
    const lineEnd = nl === -1 ? text.length : nl;
    const line = text.charCodeAt(lineEnd - 1) === 13 ? text.slice(pos, lineEnd - 1) : text.slice(pos, lineEnd);
    const lineStart = pos;
    pos = nl === -1 ? text.length : nl + 1;

    if (cur?.kind === 'code' || cur?.kind === 'fence') {
      cur.end = lineEnd;
      if (cur.fence && closesFence(line, cur.fence)) {
        cur.fenceClosed = true;
        push(cur, true);
        cur = null;
      }
      continue;
    }
    if (cur?.htmlEnd) {
      cur.end = lineEnd;
      if (cur.htmlEnd.test(line)) {
        push(cur, true);
        cur = null;
      }
      continue;
    }

    if (isBlank(line)) {
      if (!cur) continue;
      if (cur.kind === 'list' || cur.kind === 'indented-code') {
        if (cur.pendingBlank === undefined) cur.pendingBlank = lineStart;
        continue;
      }
      push(cur, true);
      cur = null;
      continue;
    }

    if (cur && cur.pendingBlank !== undefined) {
      if (continuesAfterBlank(cur, line)) {
        cur.pendingBlank = undefined;
        extend(cur, lineStart, lineEnd);
        continue;
      }
      push(cur, true);
      cur = null;
    }

    if (cur) {
      const step = continueBlock(cur, line, lineStart, lineEnd, text, fences);
      if (step === 'continue') continue;
      if (step === 'close') {
        push(cur, true);
        cur = null;
        continue;
      }
      if (step === 'split-table') {
        // The paragraph's last line was a table header: the paragraph ends before it.
        const headerStart: number = cur.lastLineStart;
        push({ ...cur, end: headerStart - 1 }, true);
        cur = { kind: 'table', start: headerStart, end: lineEnd, lastLineStart: lineStart, lines: 2 };
        continue;
      }
      push(cur, true);
    }

    cur = startBlock(line, lineStart, lineEnd, fences);
    if (cur.kind === 'heading' || cur.kind === 'thematic-break') {
      push(cur, true);
      cur = null;
    } else if (cur.htmlEnd && cur.htmlEnd.test(line.slice(markerOffset(line)))) {
      push(cur, true);
      cur = null;
    }
  }

  if (cur) push(cur, false);
  return resume;
}

/** Where to look for an HTML end marker on the start line: after the opening `<`, so `<!-->` is not its own end. */
function markerOffset(line: string): number {
  return line.indexOf('<') + 2;
}

function startBlock(line: string, lineStart: number, lineEnd: number, fences: readonly string[]): Current {
  const base = { start: lineStart, end: lineEnd, lastLineStart: lineStart, lines: 1 };
  const fence = fenceOpen(line);
  if (fence) return { ...base, kind: 'code', fence };
  const pluginFence = fences.length > 0 ? pluginFenceOpen(line, fences) : null;
  if (pluginFence) return { ...base, kind: 'fence', fence: pluginFence };
  if (indentOf(line) >= 4) return { ...base, kind: 'indented-code' };
  if (isAtxHeading(line)) return { ...base, kind: 'heading' };
  if (isThematicBreak(line)) return { ...base, kind: 'thematic-break' };
  if (isBlockquote(line)) {
    const quote: Current = { ...base, kind: 'blockquote', innerFence: null };
    trackQuote(quote, line);
    return quote;
  }
  const marker = listMarker(line);
  if (marker) {
    const list: Current = {
      ...base,
      kind: 'list',
      contentIndent: marker.contentIndent,
      listType: marker.type,
      innerFence: null,
    };
    trackList(list, line);
    return list;
  }
  const htmlEnd = htmlBlockUntilMarker(line);
  if (htmlEnd) return { ...base, kind: 'html', htmlEnd };
  if (isHtmlBlockTag(line) || isHtmlLoneTag(line)) return { ...base, kind: 'html' };
  return { ...base, kind: 'paragraph' };
}

/** Follow a quote's content line by line: is it in an open fence, does it end in paragraph text? */
function trackQuote(cur: Current, line: string): void {
  trackContent(cur, line.replace(/^(?: {0,3}>[ \t]?)+/, ''));
}

/** Follow a list's content: `line` is a marker line or a line indented into the current item. */
function trackList(cur: Current, line: string): void {
  const marker = listMarker(line);
  cur.trailingCode = false;
  cur.emptyItem = false;
  if (marker && !cur.innerFence) {
    if (marker.empty) {
      cur.openParagraph = false;
      cur.emptyItem = true;
      return;
    }
    trackContent(cur, line.replace(/^[ \t]*(?:[-+*]|\d{1,9}[.)])[ \t]*/, ''));
    return;
  }
  trackContent(cur, line.trimStart());
}

/** `content` is a line of a container's content with the container's markers removed. */
function trackContent(cur: Current, content: string): void {
  if (cur.innerFence) {
    if (closesFence(content, cur.innerFence)) cur.innerFence = null;
    cur.openParagraph = false;
    return;
  }
  const fence = fenceOpen(content);
  if (fence) {
    cur.innerFence = fence;
    cur.openParagraph = false;
    return;
  }
  cur.openParagraph = !isBlank(content) && !isAtxHeading(content) && !isThematicBreak(content) && indentOf(content) < 4;
}

function extend(cur: Current, lineStart: number, lineEnd: number): void {
  cur.end = lineEnd;
  cur.lastLineStart = lineStart;
  cur.lines++;
}

/** After blank lines, does this line still belong to the list / indented code? */
function continuesAfterBlank(cur: Current, line: string): boolean {
  const indent = indentOf(line);
  if (cur.kind === 'indented-code') {
    if (indent >= 4) return true;
    // Even after blank lines, micromark reads `2) x` or `-` after indented code as a paragraph.
    const marker = listMarker(line);
    if (marker && !listInterruptsParagraph(marker) && !interruptsParagraph(line)) {
      cur.kind = 'paragraph';
      return true;
    }
    return false;
  }
  const marker = listMarker(line);
  if (indent >= (cur.contentIndent ?? 2) && !cur.emptyItem && !(cur.trailingCode && indent < 4 && !marker)) {
    trackList(cur, line);
    return true;
  }
  // Indented code right after a list is kept with it: micromark parses what follows such code
  // differently than it would at the start of a document.
  if (indent >= 4) {
    cur.openParagraph = false;
    cur.innerFence = null;
    cur.trailingCode = true;
    return true;
  }
  if (marker && !isThematicBreak(line) && marker.type === cur.listType) {
    cur.contentIndent = marker.contentIndent;
    trackList(cur, line);
    return true;
  }
  return false;
}

type Step = 'continue' | 'close' | 'split-table' | 'new';

/** A non-blank line right after the block's last line (no blank between). */
function continueBlock(
  cur: Current,
  line: string,
  lineStart: number,
  lineEnd: number,
  text: string,
  fences: readonly string[],
): Step {
  const indent = indentOf(line);
  switch (cur.kind) {
    case 'paragraph': {
      if (indent < 4 && isSetextUnderline(line)) {
        extend(cur, lineStart, lineEnd);
        cur.kind = 'heading';
        return 'close';
      }
      if (indent < 4) {
        const header = text.slice(cur.lastLineStart, cur.end).replace(/\r$/, '');
        if (startsTable(header, line)) {
          if (cur.lines === 1) {
            cur.kind = 'table';
            extend(cur, lineStart, lineEnd);
            return 'continue';
          }
          return 'split-table';
        }
        if (interruptsParagraph(line)) return 'new';
        if (fences.length > 0 && pluginFenceOpen(line, fences)) return 'new';
      }
      extend(cur, lineStart, lineEnd);
      return 'continue';
    }
    case 'blockquote':
    case 'table': {
      if (cur.kind === 'blockquote' && isBlockquote(line)) {
        cur.trailingCode = false;
        trackQuote(cur, line);
        extend(cur, lineStart, lineEnd);
        return 'continue';
      }
      // After indented code kept with a quote, micromark's reading of a list item that may not
      // interrupt a paragraph depends on more context than a line scan has: keep it with the quote.
      // Everything after it up to a blank line stays too.
      const marker = listMarker(line);
      if (
        cur.sticky ||
        (cur.trailingCode && marker && !listInterruptsParagraph(marker) && !interruptsParagraph(line))
      ) {
        cur.sticky = true;
        extend(cur, lineStart, lineEnd);
        return 'continue';
      }
      // Any list item ends a quote or table (micromark does not treat one as a lazy line), and so
      // does any HTML tag line after a table.
      if (indent < 4 && (interruptsParagraph(line) || marker !== null)) return 'new';
      if (cur.kind === 'table' && (isHtmlLoneTag(line) || indent >= 4)) return 'new';
      // A plain line after a quote that does not end in paragraph text starts a paragraph of its own.
      // (Indented code there is kept with the quote: micromark parses what follows it differently
      // than it would at the start of a document.)
      if (cur.kind === 'blockquote' && !cur.openParagraph && indent < 4) return 'new';
      if (cur.kind === 'blockquote' && !cur.openParagraph) {
        // Indented code after the quote (kept with it): the quote's own content has ended.
        cur.innerFence = null;
        cur.trailingCode = true;
      }
      // micromark ends the quote's paragraph after a lazy line that looks like an HTML tag.
      if (cur.kind === 'blockquote' && /^ {0,3}<\/?[A-Za-z]/.test(line)) cur.openParagraph = false;
      // A lazy continuation line (quote) or a row without pipes (table).
      extend(cur, lineStart, lineEnd);
      return 'continue';
    }
    case 'list': {
      const contentIndent = cur.contentIndent ?? 2;
      if (cur.trailingCode && indent >= 4) {
        extend(cur, lineStart, lineEnd);
        return 'continue';
      }
      if (indent >= contentIndent && !cur.trailingCode) {
        trackList(cur, line);
        extend(cur, lineStart, lineEnd);
        return 'continue';
      }
      if (isThematicBreak(line)) return 'new';
      const marker = listMarker(line);
      if (marker) {
        if (marker.type !== cur.listType) return 'new';
        cur.contentIndent = marker.contentIndent;
        trackList(cur, line);
        extend(cur, lineStart, lineEnd);
        return 'continue';
      }
      if (interruptsParagraph(line)) return 'new';
      // Lazy continuation of the item's paragraph; without one, the line starts a paragraph after the list.
      if (!cur.openParagraph) return 'new';
      // micromark ends the item's paragraph after a lazy line that looks like an HTML tag.
      if (/^ {0,3}<\/?[A-Za-z]/.test(line)) cur.openParagraph = false;
      extend(cur, lineStart, lineEnd);
      return 'continue';
    }
    case 'indented-code': {
      if (indent >= 4) {
        extend(cur, lineStart, lineEnd);
        return 'continue';
      }
      // micromark reads a list item that may not interrupt a paragraph (`2) x`, `-`) right after
      // indented code as a paragraph. Keeping it in this block renders the same and stays stable
      // when the block is scanned again from its start.
      const marker = listMarker(line);
      if (marker && !listInterruptsParagraph(marker) && !interruptsParagraph(line)) {
        cur.kind = 'paragraph';
        extend(cur, lineStart, lineEnd);
        return 'continue';
      }
      return 'new';
    }
    case 'html':
      extend(cur, lineStart, lineEnd);
      return 'continue';
    default:
      return 'new';
  }
}
