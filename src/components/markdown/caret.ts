/**
 * The streaming caret, put inside the last element of the tail block, right after its last text, so it
 * sits at the end of the line being written rather than below it.
 * @packageDocumentation
 */
import { lastMeaningful, type HastNode } from './hast.js';

/** Void elements, and code blocks (a highlighter in the `code` slot expects text only): the caret goes after them. */
const LEAF_TAGS = /* @__PURE__ */ new Set(['img', 'br', 'hr', 'input', 'pre']);

/** Options of {@link withCaret}. */
export interface CaretOptions {
  className?: string;
}

/** Create the caret element's hast node. */
function caretNode(className: string | undefined): HastNode {
  const properties: Record<string, unknown> = { ariaHidden: 'true', dataWiroCaret: '' };
  if (className) properties.className = [className];
  return { type: 'element', tagName: 'span', properties, children: [] };
}

/**
 * `tree` with a caret `<span aria-hidden="true" data-wiro-caret>` at the end of its text. `tree` is left
 * as it is (it may be a parse kept for the next render): only the nodes on the way to the caret are copied.
 */
export function withCaret(tree: HastNode, options: CaretOptions = {}): HastNode {
  const copy: HastNode = { ...tree, children: (tree.children ?? []).slice() };
  let parent = copy;
  for (;;) {
    const last = lastMeaningful(parent);
    if (last?.type !== 'element' || LEAF_TAGS.has(last.tagName ?? '')) break;
    const next: HastNode = { ...last, children: (last.children ?? []).slice() };
    const siblings = parent.children ?? [];
    siblings[siblings.lastIndexOf(last)] = next;
    parent = next;
  }
  (parent.children ??= []).push(caretNode(options.className));
  return copy;
}
