/**
 * Small syntax-tree plugins the renderer puts around every block: `dir="auto"` on text blocks, and
 * the two that let one list item render alone as it does inside its list (the list's looseness
 * forced on it, and its `<ul>`/`<ol>` wrapper taken off).
 * @packageDocumentation
 */

/** The tree shapes these plugins touch (kept local: mdast/hast types are not dependencies of this package). */
interface TreeNode {
  type: string;
  tagName?: string;
  properties?: Record<string, unknown>;
  spread?: boolean | null;
  children?: TreeNode[];
}

/** Block elements whose text direction should follow their own content (Arabic or Hebrew among Latin). */
const TEXT_BLOCKS = /* @__PURE__ */ new Set([
  'p',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'ul',
  'ol',
  'blockquote',
  'table',
  'dl',
]);

/**
 * rehype plugin: `dir="auto"` on each top-level block (paragraph, heading, list, quote, table), so its
 * direction follows its first strong character. Only the top level: the browser skips elements with a
 * `dir` of their own when it looks for that character, so items and nested paragraphs inherit instead.
 * Code blocks keep their left-to-right direction.
 */
export function rehypeDirAuto(): (tree: TreeNode) => void {
  return (tree) => {
    for (const child of tree.children ?? []) {
      if (child.type === 'element' && child.tagName !== undefined && TEXT_BLOCKS.has(child.tagName)) {
        child.properties = { ...child.properties, dir: 'auto' };
      }
    }
  };
}

/** Options of {@link remarkListSpread}. */
export interface ListSpreadOptions {
  /** Render the list loose (`<p>` in items) or tight. */
  spread: boolean;
}

/** remark plugin: give the document's top-level list the looseness of the whole list it was cut from. */
export function remarkListSpread(options: ListSpreadOptions): (tree: TreeNode) => void {
  return (tree) => {
    const list = tree.children?.find((child) => child.type === 'list');
    if (!list) return;
    list.spread = options.spread;
    for (const item of list.children ?? []) item.spread = options.spread;
  };
}

/** rehype plugin: replace the document's top-level `<ul>`/`<ol>` by its items (the renderer draws the list element). */
export function rehypeUnwrapList(): (tree: TreeNode) => void {
  return (tree) => {
    const children = tree.children;
    if (!children) return;
    const index = children.findIndex(
      (child) => child.type === 'element' && (child.tagName === 'ul' || child.tagName === 'ol'),
    );
    const list = children[index];
    if (!list) return;
    children.splice(index, 1, ...(list.children ?? []));
  };
}
