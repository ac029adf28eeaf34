/**
 * The few hast (HTML syntax tree) shapes the renderer's own tree code touches, kept local: hast's types
 * are not dependencies of this package.
 * @packageDocumentation
 */

/** A hast node: element (`tagName`, `properties`, `children`), text (`value`) or root (`children`). */
export interface HastNode {
  type: string;
  tagName?: string;
  /** A text node's text. */
  value?: string;
  properties?: Record<string, unknown>;
  children?: HastNode[];
}

/** The last child of `node` that is not whitespace-only text (the line breaks between blocks). */
export function lastMeaningful(node: HastNode): HastNode | undefined {
  const children = node.children ?? [];
  for (let k = children.length - 1; k >= 0; k--) {
    const child = children[k] as HastNode;
    if (child.type === 'text' && child.value?.trim() === '') continue;
    return child;
  }
  return undefined;
}
