/**
 * Heal the unfinished tail of a streamed markdown text so it renders as the finished text will,
 * instead of flashing through other forms: an open code fence is closed, open `**`, `*`, `__`,
 * `~~` and `` ` `` are closed (or dropped when nothing follows them yet), a half link shows its text, a half
 * image is hidden, a table shows only once its delimiter row arrived and hides its half row, and
 * a lone marker line (`-`, `#`, `1.`, `>`, a partial fence) is hidden so a paragraph never becomes
 * a setext heading for one frame.
 *
 * Only the last block is touched: finished blocks are final, whatever the tail becomes.
 * @packageDocumentation
 */
import { splitMarkdownBlocks, type MarkdownBlock } from './blocks.js';
import { fencedCode } from './fence.js';
import { scanInline, type InlineState, type OpenDelimiter } from './inline.js';
import { fenceOpen, isAtxHeading, isBlank, listMarker } from './lines.js';

/** The parts of a block the healer reads. */
export type HealableBlock = Pick<MarkdownBlock, 'kind' | 'text' | 'terminated' | 'closed' | 'fence' | 'openFence'>;

/** A line that is only a marker: it becomes a list item, heading, rule, fence or quote once more arrives. */
const LONE_MARKER = /^[ \t]*(?:>[ \t]*)*(?:[-+*=_#~`]+|\d{1,9}[.)])?[ \t]*$/;
const PARTIAL_DELIMITER = /^[ \t]*\|?[ \t:|-]*$/;

/**
 * Heal a whole streamed text: everything before the last block is kept as is, the last block is
 * healed with {@link healMarkdownTail}.
 */
export function healMarkdown(text: string): string {
  const blocks = splitMarkdownBlocks(text);
  const last = blocks[blocks.length - 1];
  if (!last) return text;
  return text.slice(0, last.start) + healMarkdownTail(last) + text.slice(last.end);
}

/** Heal one block that is the last of a text still streaming; returns its markdown (possibly `''`). */
export function healMarkdownTail(block: HealableBlock): string {
  if (block.kind === 'code') {
    if (block.openFence === false || !block.fence) return block.text;
    const parts = fencedCode(block);
    const marker = block.fence.char.repeat(block.fence.length);
    // Info strings with entities or escapes are left to the parser: only close the fence.
    if (!parts) return `${block.text}\n${marker}`;
    const info = parts.lang ? block.fence.info : '';
    return `${marker}${info}\n${parts.code}${marker}`;
  }
  // A plugin's fence (`$$`) is the plugin's to show while it is open (see `MarkdownPlugin.transformBlock`).
  if (block.closed || block.kind === 'indented-code' || block.kind === 'html' || block.kind === 'fence') {
    return block.text;
  }

  let lines = block.text.split('\n');
  if (block.kind === 'table') {
    // A body row shows once its line is complete; before that it would render with empty cells.
    if (!block.terminated && lines.length > 2) lines.pop();
  } else {
    lines = dropTableInProgress(lines);
  }
  const last = lines[lines.length - 1];
  if (!block.terminated && last !== undefined && lines.length > 0 && LONE_MARKER.test(last)) lines.pop();
  if (lines.length === 0) return '';

  if (block.kind === 'table' || block.kind === 'thematic-break') return lines.join('\n');
  return healInlineScope(lines);
}

/** Hide a table whose delimiter row has not arrived (or is incomplete): it would flash as a paragraph. */
function dropTableInProgress(lines: string[]): string[] {
  const last = lines[lines.length - 1];
  const prev = lines[lines.length - 2];
  if (last === undefined) return lines;
  if (prev !== undefined && startsWithPipe(prev) && PARTIAL_DELIMITER.test(last) && /[-|]/.test(last)) {
    return lines.slice(0, -2);
  }
  if (startsWithPipe(last)) return lines.slice(0, -1);
  return lines;
}

function startsWithPipe(line: string): boolean {
  return /^[ \t]*\|/.test(line);
}

/**
 * Heal inline syntax in the last paragraph of `lines`: the lines after the last blank line, list
 * item start, heading or closed code fence. A code fence still open inside the block (in a list
 * item) is left to CommonMark, which closes it at the end.
 */
function healInlineScope(lines: string[]): string {
  let scope = 0;
  let fence: { char: string; length: number } | null = null;
  for (let k = 0; k < lines.length; k++) {
    const line = lines[k] as string;
    const bare = line.replace(/^[ \t]*(?:>[ \t]?)*[ \t]*/, '');
    if (fence) {
      const run = /^(`+|~+)[ \t]*$/.exec(bare)?.[1];
      if (run && run[0] === fence.char && run.length >= fence.length) {
        fence = null;
        scope = k + 1;
      }
      continue;
    }
    const opened = fenceOpen(bare);
    if (opened) {
      fence = opened;
      continue;
    }
    if (isBlank(bare)) scope = k + 1;
    else if (listMarker(line.replace(/^[ \t]*(?:>[ \t]?)*/, '')) || isAtxHeading(bare)) scope = k;
  }
  if (fence) return lines.join('\n');
  const head = lines.slice(0, scope);
  const healed = healInline(lines.slice(scope).join('\n'));
  return head.length ? `${head.join('\n')}\n${healed}` : healed;
}

/**
 * Single `_` and `~` start words far more often than emphasis in model output (`_id`, `~5 min`):
 * closing them would flash italics or strikethrough until the text ends, so only `__`, `~~` and
 * `*` runs are closed.
 */
function worthClosing(op: OpenDelimiter): boolean {
  if (op.char === '*') return true;
  return op.char === '~' ? op.length === 2 : op.length >= 2;
}

/** Close or drop what is open at the end of one paragraph's inline text. */
export function healInline(input: string): string {
  let s = input;
  let state: InlineState = scanInline(s);

  const half = state.halfLink;
  if (half) {
    const text = half.image || half.footnote ? '' : s.slice(half.pos + 1, half.textEnd);
    s = s.slice(0, half.pos) + text;
    state = scanInline(s);
  }
  if (state.danglingRun !== -1) {
    s = s.slice(0, state.danglingRun);
  }
  if (state.code) {
    const { pos, length } = state.code;
    s = s.slice(pos + length).trim() === '' ? s.slice(0, pos) : s + '`'.repeat(length);
  }
  for (let k = state.openers.length - 1; k >= 0; k--) {
    const op = state.openers[k];
    if (!op || op.length === 0 || op.intraword || op.pos >= s.length || !worthClosing(op)) continue;
    const after = s.slice(op.pos + op.length);
    if (after.trim() === '') s = s.slice(0, op.pos);
    else s = s.trimEnd() + op.char.repeat(op.length);
  }
  return s;
}
