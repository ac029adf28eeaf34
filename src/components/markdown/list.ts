/**
 * A list block read item by item, so each item can be rendered on its own: a growing last list then
 * costs its last item per update, not the whole list.
 *
 * An item renders alone as it does inside its list once three list-wide facts are applied around it:
 * the list's tag and start number, whether any item is a task (the list's class), and whether the
 * list is loose (`<p>` in every item). The scan answers only when it is sure of all three; otherwise
 * (`null`) the list is rendered whole, which is always correct.
 * @packageDocumentation
 */
import { closesFence, fenceOpen, indentOf, isBlank, isThematicBreak, listMarker, type FenceInfo } from './lines.js';

/** One top-level item of a list block. */
export interface ListItemText {
  /** The item's markdown, from its marker to its last non-blank line. */
  text: string;
  /** Offset of the item in the block's text. */
  start: number;
}

/** A list block split into its top-level items, with the facts that bind them. */
export interface ListLayout {
  ordered: boolean;
  /** The first item's number (`<ol start>` when not 1). */
  start: number;
  /** Some item is a GFM task (`- [ ] …`): the list gets the `contains-task-list` class. */
  task: boolean;
  /** Items are separated by blank lines: every item's text is wrapped in `<p>`. */
  loose: boolean;
  items: ListItemText[];
}

/** A task marker followed by text on the item's first line; alone on the line it is ambiguous. */
const TASK = /^\[[ xX]\][ \t]+\S/;
const TASK_LIKE = /^\[[ xX]\]/;

/**
 * Split a list block's text (as the block splitter produced it) into items, or `null` when the
 * list is not one this module can render item by item with certainty.
 */
export function listLayout(text: string): ListLayout | null {
  const lines = text.split('\n');
  const first = listMarker(stripCr(lines[0] ?? ''));
  if (!first || first.indent > 3) return null;

  const items: ListItemText[] = [];
  let itemStart = 0;
  let itemEnd = -1;
  let contentIndent = first.contentIndent;
  let innerFence: FenceInfo | null = null;
  let pendingBlank = false;
  let blankBetween = false;
  let task = false;
  let offset = 0;

  const openItem = (line: string, marker: NonNullable<ReturnType<typeof listMarker>>): boolean => {
    const content = line.slice(line.length - line.trimStart().length).replace(/^(?:[-+*]|\d{1,9}[.)])[ \t]*/, '');
    if (TASK.test(content)) task = true;
    // `- [ ]` with nothing after it yet may or may not become a task item.
    else if (TASK_LIKE.test(content)) return false;
    contentIndent = marker.contentIndent;
    innerFence = trackFence(null, content);
    return true;
  };

  for (let k = 0; k < lines.length; k++) {
    const line = stripCr(lines[k] ?? '');
    const lineStart = offset;
    offset += (lines[k] ?? '').length + 1;

    if (k === 0) {
      if (!openItem(line, first)) return null;
      itemEnd = lineStart + line.length;
      continue;
    }
    if (isBlank(line)) {
      pendingBlank = true;
      continue;
    }
    const marker = innerFence ? null : listMarker(line);
    const startsItem = marker !== null && marker.indent < contentIndent && !isThematicBreak(line);
    if (startsItem) {
      if (marker.indent > 3 || marker.type !== first.type) return null;
      items.push({ text: text.slice(itemStart, itemEnd), start: itemStart });
      if (pendingBlank) blankBetween = true;
      pendingBlank = false;
      itemStart = lineStart;
      if (!openItem(line, marker)) return null;
      itemEnd = lineStart + line.length;
      continue;
    }
    // A blank line inside an item (before more of its content) may make the list loose or not,
    // depending on what the item holds: not something a line scan can be sure of.
    if (pendingBlank) return null;
    const indent = indentOf(line);
    if (indent >= contentIndent) innerFence = trackFence(innerFence, line.trimStart());
    else if (innerFence) return null;
    itemEnd = lineStart + line.length;
  }
  // An item whose code fence is still open at the end is closed by the list's end: leave that to the parser.
  if (innerFence) return null;
  items.push({ text: text.slice(itemStart, itemEnd), start: itemStart });
  // Blank lines only between items, or none at all, are the two cases CommonMark makes certain.
  return { ordered: first.ordered, start: first.start, task, loose: blankBetween, items };
}

function trackFence(open: FenceInfo | null, content: string): FenceInfo | null {
  if (open) return closesFence(content, open) ? null : open;
  return fenceOpen(content);
}

function stripCr(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}
