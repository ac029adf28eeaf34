/**
 * Markdown to React elements, the way react-markdown does it (remark, remark-rehype, rehype, then
 * `hast-util-to-jsx-runtime`) but with one frozen processor per plugin set. react-markdown builds
 * and freezes a new processor on every render, which runs every plugin's attacher again (remark-gfm
 * alone assembles its micromark extensions each time): for a streamed answer whose last block renders
 * hundreds of times, that set-up cost more than the tail's own parse.
 *
 * Safety is the same as the kit's react-markdown settings were: raw HTML is dropped (remark-rehype
 * without `allowDangerousHtml`, and any `raw` node a rehype plugin adds is removed), every URL
 * attribute goes through {@link safeUrlTransform}, images without a safe source are removed and links
 * without one keep only their text.
 * @packageDocumentation
 */
import { toJsxRuntime, type Options as JsxOptions } from 'hast-util-to-jsx-runtime';
import { urlAttributes } from 'html-url-attributes';
import type { ReactElement } from 'react';
import { Fragment, jsx, jsxs } from 'react/jsx-runtime';
import type { Components } from 'react-markdown';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { withCaret, type CaretOptions } from './caret.js';
import type { HastNode } from './hast.js';
import type { MarkdownPluggableList } from './plugins.js';
import { safeUrlTransform } from './url.js';

/** A frozen processor: markdown in, a hast tree out. */
interface BlockProcessor {
  parse(text: string): unknown;
  runSync(tree: never, file: string): unknown;
}

const processors = /* @__PURE__ */ new WeakMap<MarkdownPluggableList, WeakMap<MarkdownPluggableList, BlockProcessor>>();

/**
 * The processor for a pair of plugin lists. The kit's plugin lists keep their identity while their
 * entries do (see `resolvePlugins`), so a block renders with an already frozen processor.
 */
function processorFor(remarkPlugins: MarkdownPluggableList, rehypePlugins: MarkdownPluggableList): BlockProcessor {
  let byRehype = processors.get(remarkPlugins);
  if (byRehype === undefined) {
    byRehype = new WeakMap();
    processors.set(remarkPlugins, byRehype);
  }
  let processor = byRehype.get(rehypePlugins);
  if (processor === undefined) {
    processor = unified().use(remarkParse).use(remarkPlugins).use(remarkRehype).use(rehypePlugins).freeze();
    byRehype.set(rehypePlugins, processor);
  }
  return processor;
}

/** One block's parse: the text and plugins it was made from, and the cleaned hast tree. */
export interface ParsedMarkdown {
  readonly text: string;
  readonly remarkPlugins: MarkdownPluggableList;
  readonly rehypePlugins: MarkdownPluggableList;
  readonly tree: HastNode;
}

/** Parse `text` with the given plugins. */
export function parseMarkdown(
  text: string,
  remarkPlugins: MarkdownPluggableList,
  rehypePlugins: MarkdownPluggableList,
): ParsedMarkdown {
  const processor = processorFor(remarkPlugins, rehypePlugins);
  const tree = processor.runSync(processor.parse(text) as never, text) as HastNode;
  clean(tree);
  return { text, remarkPlugins, rehypePlugins, tree };
}

/**
 * React elements of a parse, with react-markdown-style `components`, and the streaming caret after the
 * last text when `caret` is given (the parse itself is not changed).
 */
export function renderParsed(parsed: ParsedMarkdown, components: Components, caret: CaretOptions | null): ReactElement {
  const tree = caret === null ? parsed.tree : withCaret(parsed.tree, caret);
  return toReactElement(tree, {
    Fragment,
    jsx,
    jsxs,
    components,
    ignoreInvalidStyle: true,
    passKeys: true,
    passNode: true,
  });
}

/**
 * `toJsxRuntime`, typed for React: its declared result is the global `JSX.Element`, which React 19's
 * types no longer declare.
 */
const toReactElement = toJsxRuntime as unknown as (tree: HastNode, options: JsxOptions) => ReactElement;

/** Drop raw HTML, make URLs safe, and remove images without a source and unwrap links without one. */
function clean(parent: HastNode): void {
  const children = parent.children;
  if (children === undefined) return;
  let k = 0;
  while (k < children.length) {
    const node = children[k] as HastNode;
    if (node.type === 'raw') {
      children.splice(k, 1);
      continue;
    }
    if (node.type === 'element') {
      cleanUrls(node);
      if (!kept(node)) {
        // In place of the element, its children (a link's text), cleaned in turn by the next passes.
        children.splice(k, 1, ...(node.children ?? []));
        continue;
      }
      clean(node);
    }
    k++;
  }
}

function cleanUrls(node: HastNode): void {
  const properties = node.properties;
  if (properties === undefined) return;
  for (const name in properties) {
    if (!Object.hasOwn(urlAttributes, name)) continue;
    const tags = urlAttributes[name];
    if (tags === null || (tags !== undefined && tags.includes(node.tagName ?? ''))) {
      const value = properties[name];
      properties[name] = safeUrlTransform(typeof value === 'string' ? value : '');
    }
  }
}

/** Images need a (safe) source; links need a (safe) target, else they keep only their text. */
function kept(node: HastNode): boolean {
  const properties = node.properties ?? {};
  if (node.tagName === 'img') return typeof properties.src === 'string' && properties.src !== '';
  if (node.tagName === 'a') return properties.href != null;
  return true;
}
