/**
 * Most updates of a streamed reply add a few words to the block being written. When those words are
 * plain (letters, digits, spaces, commas, periods) and the text before them ends plainly, they cannot
 * change how anything before them parses: the new parse is the old one with the words added to its
 * last text. Extending the kept parse that way skips the parser for those updates; anything else (a
 * marker, a line break, what could become a link) is parsed again as usual.
 * @packageDocumentation
 */
import { lastMeaningful, type HastNode } from './hast.js';
import type { ParsedMarkdown } from './render.js';

/** What may be appended without a new parse. */
const PLAIN_ADDITION = /^[\p{L}\p{N} ,.]+$/u;
/** How the text before it must end: a plain character (no closing marker, no backslash). */
const PLAIN_END = /[\p{L}\p{N} ,.]$/u;
/** The word where the two meet must not be (or become) a literal autolink: `www.`, `scheme://`, an email. */
const LINK_LIKE = /www\.|:\/\/|@/i;
/** A line starting with a digit could become an ordered list item (`1` then `. item`). */
const DIGIT_START = /^ {0,3}\d/;
/** A task item's box (`- [ ] `) is only a box once its text follows. */
const TASK_BOX = /\[[ xX]\] *$/;
/** Elements whose last text a plain addition extends. */
const CONTAINERS = /* @__PURE__ */ new Set(['p', 'li', 'blockquote', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

/**
 * `previous` extended to `text` without parsing, or `null` when `text` must be parsed: it does not
 * extend `previous.text` with a plain addition, or the parse does not end in a text it can extend.
 */
export function extendParse(previous: ParsedMarkdown, text: string): ParsedMarkdown | null {
  const before = previous.text;
  if (text.length <= before.length || !text.startsWith(before)) return null;
  const added = text.slice(before.length);
  // Trailing spaces are not rendered until words follow them; they must not hide a line break.
  const ending = before.trimEnd();
  const pending = before.slice(ending.length);
  if (ending === '' || /[^ ]/.test(pending)) return null;
  if (
    !PLAIN_ADDITION.test(added) ||
    !PLAIN_END.test(ending) ||
    DIGIT_START.test(text.slice(text.lastIndexOf('\n') + 1)) ||
    TASK_BOX.test(before)
  ) {
    return null;
  }
  const junction = (/\S*$/.exec(ending)?.[0] ?? '') + (/^\S*/.exec(pending + added)?.[0] ?? '');
  if (LINK_LIKE.test(junction)) return null;
  const tree = appendToLastText(previous.tree, (pending + added).trimEnd());
  return tree === null ? null : { ...previous, text, tree };
}

/** A copy of `tree` whose last text (the last child of its innermost last container) ends with `value`. */
function appendToLastText(tree: HastNode, value: string): HastNode | null {
  const path: HastNode[] = [tree];
  let node = tree;
  let textNode: HastNode;
  for (;;) {
    const last = lastMeaningful(node);
    if (last?.type === 'element' && CONTAINERS.has(last.tagName ?? '')) {
      path.push(last);
      node = last;
      continue;
    }
    // The text must be the container's very last child: anything else there (a list, a break) ends it.
    if (path.length === 1 || last?.type !== 'text' || last !== node.children?.[node.children.length - 1]) return null;
    textNode = last;
    break;
  }
  if (value === '') return tree;
  // Copy the way down, so the kept parse (and what React rendered from it) stays as it was; the
  // changed nodes lose their source positions, which no longer hold.
  let replacement: HastNode = { type: 'text', value: (textNode.value ?? '') + value };
  let replaced: HastNode = textNode;
  for (let k = path.length - 1; k >= 0; k--) {
    const parent = path[k] as HastNode;
    const children = (parent.children ?? []).slice();
    children[children.lastIndexOf(replaced)] = replacement;
    const { position: _position, ...rest } = parent as HastNode & { position?: unknown };
    replacement = { ...rest, children };
    replaced = parent;
  }
  return replacement;
}
