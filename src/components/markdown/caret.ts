/**
 * The streaming caret, put inside the last element of the tail block, right after its last text, so it sits at the end of the line being written rather than below it.
 * @packageDocumentation
 */

/** The hast shapes the caret touches (kept local: hast types are not a dependency of this package). */
interface HastElement {
  type: 'element';
  tagName: string;
  properties: Record<string, unknown>;
  children: HastNode[];
}
interface HastText {
  type: 'text';
  value: string;
}
type HastNode = HastElement | HastText | { type: string; children?: HastNode[] };
interface HastParent {
  children: HastNode[];
}

/** Void elements, and code blocks (a highlighter in the `code` slot expects text only): the caret goes after them. */
const LEAF_TAGS = /* @__PURE__ */ new Set(['img', 'br', 'hr', 'input', 'pre']);

/** Options of {@link withCaret}. */
export interface CaretOptions {
  className?: string;
}

/** Create the caret element's hast node. */
function caretNode(className: string | undefined): HastElement {
  const properties: Record<string, unknown> = { ariaHidden: 'true', dataWiroCaret: '' };
  if (className) properties.className = [className];
  return { type: 'element', tagName: 'span', properties, children: [] };
}

function isElement(node: HastNode | undefined): node is HastElement {
  return node !== undefined && node.type === 'element';
}

function lastMeaningful(parent: HastParent): HastNode | undefined {
  for (let k = parent.children.length - 1; k >= 0; k--) {
    const child = parent.children[k];
    if (!child) continue;
    if (child.type === 'text' && (child as HastText).value.trim() === '') continue;
    return child;
  }
  return undefined;
}

/**
 * `tree` with a caret `<span aria-hidden="true" data-wiro-caret>` at the end of its text. `tree` is left
 * as it is (it may be a parse kept for the next render): only the nodes on the way to the caret are copied.
 */
export function withCaret<Tree extends HastParent>(tree: Tree, options: CaretOptions = {}): Tree {
  const copy = { ...tree, children: tree.children.slice() };
  let parent: HastParent = copy;
  for (;;) {
    const last = lastMeaningful(parent);
    if (!isElement(last)) break;
    if (LEAF_TAGS.has(last.tagName)) break;
    const next: HastElement = { ...last, children: last.children.slice() };
    parent.children[parent.children.lastIndexOf(last)] = next;
    parent = next;
  }
  parent.children.push(caretNode(options.className));
  return copy;
}
