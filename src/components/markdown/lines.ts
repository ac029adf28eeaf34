/**
 * Line classifiers for the block splitter and the tail healer: small CommonMark/GFM line tests,
 * each answering "what could this line start?" without parsing inline content.
 * @packageDocumentation
 */

/** An opening code fence: its character, length and info string. */
export interface FenceInfo {
  /** `` ` `` or `~` for code; another character (e.g. `$`) for a fence a plugin parses. */
  char: string;
  length: number;
  info: string;
  /** Spaces before the fence: that much indentation is removed from each content line. */
  indent: number;
}

/** A list item marker: what kind of list it belongs to and where its content starts. */
export interface ListMarker {
  /** `-`, `+`, `*` for bullets; `.` or `)` for ordered lists. Items with different types start a new list. */
  type: string;
  ordered: boolean;
  /** The number of an ordered item (1 for bullets). */
  start: number;
  /** Column of the marker. */
  indent: number;
  /** Column where the item's content starts: lines indented this far belong to the item. */
  contentIndent: number;
  /** Nothing after the marker yet. */
  empty: boolean;
}

const FENCE_OPEN = /^( {0,3})(`{3,}|~{3,})(.*)$/;
const ATX_HEADING = /^ {0,3}#{1,6}(?:[ \t]|$)/;
const THEMATIC_BREAK = /^ {0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$/;
const SETEXT_UNDERLINE = /^ {0,3}(?:=+|-+)[ \t]*$/;
const BLOCKQUOTE = /^ {0,3}>/;
const LIST_MARKER = /^( {0,3})([-+*]|\d{1,9}[.)])(?:([ \t]+)(.*))?$/;
const BLANK = /^[ \t]*$/;
const DELIMITER_ROW = /^ {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/;

/** HTML blocks of CommonMark kinds 1–5 run until an end marker, across blank lines. */
const HTML_UNTIL_MARKER: readonly { start: RegExp; end: RegExp }[] = [
  { start: /^ {0,3}<(?:script|pre|style|textarea)(?:[ \t>]|$)/i, end: /<\/(?:script|pre|style|textarea)>/i },
  { start: /^ {0,3}<!--/, end: /-->/ },
  { start: /^ {0,3}<\?/, end: /\?>/ },
  { start: /^ {0,3}<![A-Za-z]/, end: />/ },
  { start: /^ {0,3}<!\[CDATA\[/, end: /\]\]>/ },
];
const HTML_BLOCK_TAGS =
  'address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|dialog|dir|div|dl|dt|' +
  'fieldset|figcaption|figure|footer|form|frame|frameset|h[1-6]|head|header|hr|html|iframe|legend|li|link|main|menu|' +
  'menuitem|nav|noframes|ol|optgroup|option|p|param|search|section|summary|table|tbody|td|tfoot|th|thead|title|tr|track|ul';
/** Kind 6: a known block tag; ends at a blank line and may interrupt a paragraph. */
const HTML_BLOCK_TAG = /* @__PURE__ */ new RegExp(`^ {0,3}</?(?:${HTML_BLOCK_TAGS})(?:[ \\t/>]|$)`, 'i');
/** Kind 7: any complete tag alone on its line; ends at a blank line; cannot interrupt a paragraph. */
const HTML_LONE_TAG = /^ {0,3}(?:<[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?\/?>|<\/[A-Za-z][A-Za-z0-9-]*\s*>)[ \t]*$/;

/** `true` for an empty or whitespace-only line. */
export function isBlank(line: string): boolean {
  return BLANK.test(line);
}

/** Leading indentation in columns (a tab advances to the next multiple of 4). */
export function indentOf(line: string): number {
  let cols = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 32) cols++;
    else if (c === 9) cols += 4 - (cols % 4);
    else break;
  }
  return cols;
}

/** The opening fence this line is, or `null`. A backtick fence's info string may not contain a backtick. */
export function fenceOpen(line: string): FenceInfo | null {
  const m = FENCE_OPEN.exec(line);
  if (!m) return null;
  const marker = m[2] ?? '';
  const info = m[3] ?? '';
  const char = marker[0] === '~' ? '~' : '`';
  if (char === '`' && info.includes('`')) return null;
  return { char, length: marker.length, info: info.trim(), indent: (m[1] ?? '').length };
}

/**
 * The opening line of a fence a plugin parses (`$$` for math), or `null`. `markers` are runs of one
 * character (`'$$'`): a line of at least that run, then text without that character, opens one.
 */
export function pluginFenceOpen(line: string, markers: readonly string[]): FenceInfo | null {
  for (const marker of markers) {
    const char = marker[0];
    if (char === undefined) continue;
    let i = 0;
    while (i < 3 && line.charCodeAt(i) === 32) i++;
    let n = 0;
    while (line[i + n] === char) n++;
    if (n < marker.length) continue;
    const info = line.slice(i + n);
    if (info.includes(char)) continue;
    return { char, length: n, info: info.trim(), indent: i };
  }
  return null;
}

/** `true` when `line` closes `fence` (same character, at least as long, nothing else). */
export function closesFence(line: string, fence: FenceInfo): boolean {
  let i = 0;
  while (i < 3 && line.charCodeAt(i) === 32) i++;
  let n = 0;
  while (line[i + n] === fence.char) n++;
  return n >= fence.length && isBlank(line.slice(i + n));
}

/** `true` for an ATX heading line (`# Title`). */
export function isAtxHeading(line: string): boolean {
  return ATX_HEADING.test(line);
}

/** `true` for a thematic break (`---`, `***`, `___`, spaces allowed between). */
export function isThematicBreak(line: string): boolean {
  return THEMATIC_BREAK.test(line);
}

/** `true` for a line that turns the paragraph above it into a setext heading (`===` or `---`). */
export function isSetextUnderline(line: string): boolean {
  return SETEXT_UNDERLINE.test(line);
}

/** `true` for a line starting a block quote. */
export function isBlockquote(line: string): boolean {
  return BLOCKQUOTE.test(line);
}

/** The list marker this line starts with, or `null`. */
export function listMarker(line: string): ListMarker | null {
  const m = LIST_MARKER.exec(line);
  if (!m) return null;
  const indent = (m[1] ?? '').length;
  const marker = m[2] ?? '';
  const spaces = m[3] ?? '';
  const rest = m[4] ?? '';
  const ordered = marker.length > 1 || /\d/.test(marker);
  const empty = isBlank(rest);
  const spaceCols = indentOf(spaces);
  // CommonMark: with 5+ spaces (or nothing) after the marker, content starts one column after it.
  const gap = empty || spaceCols > 4 ? 1 : spaceCols;
  return {
    type: ordered ? marker.slice(-1) : marker,
    ordered,
    start: ordered ? Number.parseInt(marker, 10) : 1,
    indent,
    contentIndent: indent + marker.length + gap,
    empty,
  };
}

/** `true` when a list item may interrupt a paragraph: it has content, and an ordered one starts at 1. */
export function listInterruptsParagraph(marker: ListMarker): boolean {
  return !marker.empty && (!marker.ordered || marker.start === 1);
}

/** The end marker of a kind 1–5 HTML block started by this line, or `null`. */
export function htmlBlockUntilMarker(line: string): RegExp | null {
  for (const kind of HTML_UNTIL_MARKER) if (kind.start.test(line)) return kind.end;
  return null;
}

/** `true` for a kind 6 HTML block start (a known block-level tag). */
export function isHtmlBlockTag(line: string): boolean {
  return HTML_BLOCK_TAG.test(line);
}

/** `true` for a kind 7 HTML block start (any complete tag alone on its line). */
export function isHtmlLoneTag(line: string): boolean {
  return HTML_LONE_TAG.test(line);
}

/** Number of cells in a table row, ignoring a leading and trailing pipe and escaped pipes. */
export function tableCellCount(line: string): number {
  let s = line.trim();
  if (s.startsWith('|')) s = s.slice(1);
  if (s.endsWith('|') && !s.endsWith('\\|')) s = s.slice(0, -1);
  let cells = 1;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '\\') i++;
    else if (c === '|') cells++;
  }
  return cells;
}

/** `true` for a GFM table delimiter row (`|---|:--:|`). */
export function isDelimiterRow(line: string): boolean {
  return DELIMITER_ROW.test(line);
}

/** `true` when `header` followed by `delimiter` starts a GFM table. */
export function startsTable(header: string, delimiter: string): boolean {
  if (!header.includes('|') && !delimiter.includes('|')) return false;
  if (!isDelimiterRow(delimiter)) return false;
  // A pipe-less `---` under a one-cell header is a setext heading, which CommonMark checks first.
  if (isSetextUnderline(delimiter)) return false;
  return tableCellCount(header) === tableCellCount(delimiter);
}

/**
 * `true` when this line, at indentation 0–3, would end a paragraph: a fence, ATX heading, thematic
 * break, block quote, a kind 1–6 HTML block, or a list item allowed to interrupt.
 */
export function interruptsParagraph(line: string): boolean {
  if (fenceOpen(line) || isAtxHeading(line) || isThematicBreak(line) || isBlockquote(line)) return true;
  if (htmlBlockUntilMarker(line) || isHtmlBlockTag(line)) return true;
  const marker = listMarker(line);
  return marker !== null && listInterruptsParagraph(marker);
}
