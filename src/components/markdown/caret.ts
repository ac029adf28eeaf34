/**
 * A rehype plugin that puts the streaming caret inside the last element of the tail block, right
 * after its last text, so it sits at the end of the line being written rather than below it.
 * @packageDocumentation
 */

/** The hast shapes this plugin touches (kept local: hast types are not a dependency of this package). */
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

/** Options of {@link rehypeCaret}. */
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

/** rehype plugin: append a caret `<span aria-hidden="true" data-wiro-caret>` at the end of the document's text. */
export function rehypeCaret(options: CaretOptions = {}): (tree: HastParent) => void {
  return (tree) => {
    let parent: HastParent = tree;
    for (;;) {
      const last = lastMeaningful(parent);
      if (!isElement(last)) break;
      if (LEAF_TAGS.has(last.tagName)) break;
      parent = last;
    }
    parent.children.push(caretNode(options.className));
  };
}
