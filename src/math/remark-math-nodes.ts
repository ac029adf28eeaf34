/**
 * remark plugin, run after remark-math: every formula becomes one `<wiro-math>` element holding its
 * TeX source as text, which the math component renders with KaTeX. Display or inline: `$$` blocks,
 * `$$$…$$$` (what `\[…\]` became) and a paragraph that is nothing but one `$$…$$` are display math;
 * the rest is inline.
 * @packageDocumentation
 */

/** The tree shapes this plugin touches (mdast types are not a dependency of this package). */
interface MdNode {
  type: string;
  value?: string;
  position?: { start: { offset?: number } };
  data?: Record<string, unknown>;
  children?: MdNode[];
}

/** The custom element the math component is registered for. */
export const MATH_TAG = 'wiro-math';

/** remark plugin: math nodes → `<wiro-math data-display="block|inline">tex</wiro-math>`. */
export function remarkMathNodes(): (tree: MdNode, file: { value?: unknown }) => void {
  return (tree, file) => {
    const source = typeof file.value === 'string' ? file.value : '';
    visit(tree, null, source);
  };
}

function visit(node: MdNode, parent: MdNode | null, source: string): void {
  if (node.type === 'math') {
    mark(node, true);
    return;
  }
  if (node.type === 'inlineMath') {
    mark(node, isDisplay(node, parent, source));
    return;
  }
  for (const child of node.children ?? []) visit(child, node, source);
}

function isDisplay(node: MdNode, parent: MdNode | null, source: string): boolean {
  const offset = node.position?.start.offset;
  if (offset === undefined) return false;
  if (source.startsWith('$$$', offset)) return true;
  if (!source.startsWith('$$', offset) || parent?.type !== 'paragraph') return false;
  // A paragraph of one `$$…$$` alone: display math written on one line.
  return (parent.children ?? []).every(
    (child) => child === node || (child.type === 'text' && (child.value ?? '').trim() === ''),
  );
}

function mark(node: MdNode, display: boolean): void {
  node.data = {
    hName: MATH_TAG,
    hProperties: { dataDisplay: display ? 'block' : 'inline' },
    hChildren: [{ type: 'text', value: node.value ?? '' }],
  };
}
