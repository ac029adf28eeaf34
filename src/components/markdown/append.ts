/**
 * Most updates of a streamed reply add a few words to the block being written, and most new blocks
 * start as a marker and a few words. When those words are plain (letters, digits, spaces and prose
 * punctuation, new lines that start with a letter) they cannot change how anything before them
 * parses: the new parse is the old one with the words added to its last text. Extending a kept parse
 * that way (or a parse of the block's marker and one letter, for a new block) skips the parser; anything
 * else (an inline marker, a blank line, what could become a link or an entity) is parsed as usual.
 * @packageDocumentation
 */
import { lastMeaningful, type HastNode } from './hast.js';
import { parseMarkdown, type ParsedMarkdown } from './render.js';
import type { MarkdownPluggableList } from './plugins.js';

/** What plain text may be made of (a new line is checked on its own, below). */
const PLAIN_TEXT = /^[\p{L}\p{N} ,.;:'!?%\n-]*$/u;
/** How the text before it must end: a plain character (no closing marker, no backslash). */
const PLAIN_END = /[\p{L}\p{N},.;:'!?%-]$/u;
/**
 * Where the two meet (from the last word before them to the end) there must be nothing that is or
 * could become a literal autolink (`www.`, `scheme://`, an email) or a character reference (`&amp;`).
 */
const LINK_LIKE = /www\.|:\/\/|@|&/i;
/** A task item's box (`- [ ] `) is only a box once its text follows. */
const TASK_BOX = /\[[ xX]\] *$/;
/** A line continuing a paragraph: it starts with a letter, so it cannot open a block of its own. */
const CONTINUATION = /^ *\p{L}/u;
/** The line being written must already contain a letter, so its block marker (if any) is complete. */
const LETTER = /\p{L}/u;
/** Elements whose last text an addition extends. */
const CONTAINERS = /* @__PURE__ */ new Set(['p', 'li', 'ul', 'ol', 'blockquote', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
/** Inline markup a container may end in, after which text can follow. */
const INLINE = /* @__PURE__ */ new Set(['strong', 'em', 'del', 'code', 'a', 'img']);
/** Elements whose text may go on over a new line (a heading ends at its line). */
const MULTILINE = /* @__PURE__ */ new Set(['p', 'li']);

/**
 * `previous` extended to `text` without parsing, or `null` when `text` must be parsed: it does not
 * extend `previous.text` with plain text, or the parse does not end in a text it can extend.
 */
export function extendParse(previous: ParsedMarkdown, text: string): ParsedMarkdown | null {
  const before = previous.text;
  if (text.length <= before.length || !text.startsWith(before)) return null;
  // Trailing spaces and a line break are not rendered until words follow them.
  const ending = before.trimEnd();
  const tree = continued(previous.tree, ending, text.slice(ending.length), 0);
  return tree === null ? null : { ...previous, text, tree };
}

/**
 * The block markers a new block may start with to be seeded: a heading, a bullet or ordered list item
 * (its content not indented as code) or a quote, or none (a paragraph).
 */
const BLOCK_MARKER = /^(?:#{1,6} +|[-+*] {1,4}|\d{1,9}[.)] {1,4}|> ?)?/;
/**
 * Templates kept per remark plugin list (each goes with one rehype list), by marker; at most this many
 * per list, so a long ordered list does not grow it without end.
 */
const TEMPLATES_KEPT = 64;
const templates = /* @__PURE__ */ new WeakMap<MarkdownPluggableList, Map<string, ParsedMarkdown>>();

/**
 * A parse of `text` made without parsing it, or `null`: a block that is a marker and plain text is
 * the parse of that marker and one letter (kept per marker) with the letter replaced by the text.
 */
export function seedParse(
  text: string,
  remarkPlugins: MarkdownPluggableList,
  rehypePlugins: MarkdownPluggableList,
): ParsedMarkdown | null {
  const marker = BLOCK_MARKER.exec(text)?.[0] ?? '';
  const first = text.charAt(marker.length);
  // After a heading's marker a digit is inline text; elsewhere it could start an ordered list.
  if (!LETTER.test(first) && !(marker.startsWith('#') && /\d/.test(first))) return null;
  let kept = templates.get(remarkPlugins);
  if (kept === undefined) templates.set(remarkPlugins, (kept = new Map<string, ParsedMarkdown>()));
  let template = kept.get(marker);
  if (template?.rehypePlugins !== rehypePlugins) {
    if (kept.size >= TEMPLATES_KEPT) kept.clear();
    template = parseMarkdown(`${marker}x`, remarkPlugins, rehypePlugins);
    kept.set(marker, template);
  }
  // The template's `x` stands in for nothing: the text after the marker takes its place.
  const tree = continued(template.tree, template.text, text.slice(marker.length), 1);
  return tree === null ? null : { ...template, text, tree };
}

/**
 * The tree of `ending + tail` made from `tree`, the parse of `ending`, or `null` when the tail is not
 * plain; with `replaced`, the tail takes the place of that many last characters of `ending`.
 */
function continued(tree: HastNode, ending: string, tail: string, replaced: number): HastNode | null {
  // After a space, how the text before ends no longer matters: the end of a text reads as a space too.
  // (What ends it without being its last text, like a heading's closing `#`s, the position check finds.)
  const spaced = tail.startsWith(' ');
  if (ending === '' || !(spaced || PLAIN_END.test(ending)) || !PLAIN_TEXT.test(tail) || TASK_BOX.test(ending)) {
    return null;
  }
  const line = ending.slice(ending.lastIndexOf('\n') + 1);
  // `<` may open an HTML block and `]:` a definition, whose parts the words may complete.
  if (!LETTER.test(line) || line.includes('<') || line.includes(']:')) return null;
  if (LINK_LIKE.test((/\S*$/.exec(ending)?.[0] ?? '') + tail)) return null;
  const lines = tail.split('\n');
  if (lines.length > 1) {
    // A space before a line break may make it a hard one; a blank line ends the paragraph.
    if (/ \n/.test(tail)) return null;
    for (let k = 1; k < lines.length; k++) {
      const next = lines[k] ?? '';
      if (!CONTINUATION.test(next) && !(k === lines.length - 1 && next.trim() === '')) return null;
    }
  }
  // A continuation line's indentation is not part of the text.
  return appendToLastText(
    tree,
    ending.length,
    tail.replace(/\n +/g, '\n').trimEnd(),
    replaced,
    lines.length > 1,
    spaced,
  );
}

/**
 * A copy of `tree` (the parse of a text `end` characters long) whose last text (the last child of its
 * innermost last container) has its last `replaced` characters replaced by `value`, or `null` when the
 * tree does not end in such a text.
 * With `afterInline`, a container ending in inline markup (`**bold**`, a code span, a link) gets
 * `value` as a text of its own after it.
 */
function appendToLastText(
  tree: HastNode,
  end: number,
  value: string,
  replaced: number,
  multiline: boolean,
  afterInline: boolean,
): HastNode | null {
  const path: HastNode[] = [tree];
  let node = tree;
  let last: HastNode | undefined;
  for (;;) {
    last = lastMeaningful(node);
    if (last?.type === 'element' && CONTAINERS.has(last.tagName ?? '')) {
      path.push(last);
      node = last;
      continue;
    }
    break;
  }
  // The text must be the container's very last child: anything else there (a list, a break) ends it.
  const kind = last?.type === 'text' ? 'text' : afterInline && INLINE.has(last?.tagName ?? '') ? 'inline' : null;
  if (path.length === 1 || kind === null || last === undefined || last !== node.children?.at(-1)) return null;
  if (multiline && !MULTILINE.has(node.tagName ?? '')) return null;
  // It must also end where the text does: what came after it may have been dropped (an HTML block) or
  // not be text (a heading's closing `#`s). Nodes made here have no position; they end the text.
  const at = (last as HastNode & { position?: { end?: { offset?: number } } }).position?.end?.offset;
  if (at !== undefined && at !== end) return null;
  if (value === '' && replaced === 0) return tree;
  const old = kind === 'text' ? (last.value ?? '') : '';
  if (old.length < replaced) return null;
  // Copy the way down, so the kept parse (and what React rendered from it) stays as it was; the
  // changed nodes lose their source positions, which no longer hold.
  const text: HastNode = { type: 'text', value: old.slice(0, old.length - replaced) + value };
  let replacement: HastNode | null = null;
  let previous: HastNode = last;
  for (let k = path.length - 1; k >= 0; k--) {
    const parent = path[k] as HastNode;
    const children = (parent.children ?? []).slice();
    if (replacement === null) {
      if (kind === 'text') children[children.length - 1] = text;
      else children.push(text);
    } else {
      children[children.lastIndexOf(previous)] = replacement;
    }
    const { position: _position, ...rest } = parent as HastNode & { position?: unknown };
    replacement = { ...rest, children };
    previous = parent;
  }
  return replacement;
}
