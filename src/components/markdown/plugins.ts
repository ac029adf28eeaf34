/**
 * Markdown plugins: what a plugin may add to the renderer (remark and rehype plugins, components, a
 * drawer for fenced code, a block transform, fences of its own), and how a list of them is merged
 * with the kit's defaults into one stable set the blocks can memoize on.
 * @packageDocumentation
 */
import type { ComponentType } from 'react';
import type { Components, Options } from 'react-markdown';
import remarkGfm from 'remark-gfm';
import { sameEntries } from '../entries.js';
import { defaultMarkdownComponents } from './slots.js';
import { rehypeDirAuto, rehypeUnwrapList, remarkListSpread } from './tree-plugins.js';

/** A list of remark or rehype plugins, as react-markdown takes them (`[plugin]` or `[[plugin, options]]`). */
export type MarkdownPluggableList = NonNullable<Options['remarkPlugins']>;

/** What a {@link CodeBlockRenderer} draws: one fenced code block. */
export interface CodeBlockRendererProps {
  /** The code, without the fences; ends with a line break once it has a line. */
  code: string;
  /** The info string's first word, as written (`ts`, `Python`); `''` when there is none. */
  lang: string;
  /** The rest of the info string (`title="a.ts" {1,3}`). */
  meta: string;
  /**
   * No more code will arrive: the fence is closed, or the text is final. While `false` the last
   * line may be half-written.
   */
  complete: boolean;
  /** The last line is still being written (it may change); only while `complete` is `false`. */
  partialLine: boolean;
}

/**
 * Draws the body of fenced code blocks (a syntax highlighter, a diagram): the kit keeps the frame
 * around it (language label, copy button, which copies the plain code).
 */
export interface CodeBlockRenderer {
  /** Whether this renderer draws fences of `lang` (lower-cased). Default: every fence with a language. */
  accepts?: (lang: string) => boolean;
  /** Renders the block's `<pre>` (or whatever replaces it). Must render the same on the server and at hydration. */
  component: ComponentType<CodeBlockRendererProps>;
}

/**
 * An extension of the markdown renderer used by `StreamingMarkdown`, `AgentMessage` and `AgentChat`
 * (`plugins` prop). Everything is optional; keep a plugin object stable (create it once, outside
 * render, or use a factory that returns the same object for the same options, as the kit's do).
 *
 * @example
 * ```tsx
 * import { codeHighlight } from 'wiro-agent-react/highlight';
 * import { math } from 'wiro-agent-react/math';
 * <AgentMessage agenttoken={token} plugins={[codeHighlight(), math()]} />
 * ```
 */
export interface MarkdownPlugin {
  /** A name, to tell plugins apart when debugging. */
  readonly name: string;
  /** remark plugins, run after the kit's remark-gfm. */
  readonly remarkPlugins?: MarkdownPluggableList;
  /** rehype plugins, run before the kit's own (direction, caret). */
  readonly rehypePlugins?: MarkdownPluggableList;
  /** react-markdown components, merged over the kit's; the `components` prop is merged over these. */
  readonly components?: Components;
  /** Draws fenced code blocks (the first plugin whose renderer accepts a block's language draws it). */
  readonly codeBlock?: CodeBlockRenderer;
  /**
   * Stylesheets the plugin needs, as import specifiers the app imports once
   * (`import 'katex/dist/katex.min.css'`). The renderer does not load them: bundlers do.
   */
  readonly css?: readonly string[];
  /**
   * Fences this plugin parses, as the run that opens and closes them (`'$$'`): the block splitter
   * keeps everything between them in one block, blank lines included.
   */
  readonly fences?: readonly string[];
  /**
   * Rewrites a block's markdown before it is parsed (fenced code is never passed). `live` is true for
   * the unfinished last block of a text still streaming, already healed by the kit: the place to show
   * the plugin's own unfinished syntax as pending text. Must return the same output for the same input.
   */
  readonly transformBlock?: (markdown: string, live: boolean) => string;
  /**
   * The final text must be rendered as one document (like footnotes and reference links, whose
   * definitions bind across blocks). Asked only once the text stopped streaming.
   */
  readonly needsWholeDocument?: (text: string) => boolean;
}

/** The plugins of one renderer merged with the kit's defaults. Identity is stable while the inputs are. */
export interface ResolvedPlugins {
  components: Components;
  codeRenderers: readonly CodeBlockRenderer[];
  fences: readonly string[];
  transform: ((markdown: string, live: boolean) => string) | null;
  /**
   * Only the kit's own syntax plugins run (no remark or rehype plugin and no block transform of a
   * plugin or of the user), so a parse can be extended by plain text without parsing again.
   */
  extendable: boolean;
  needsWholeDocument: (text: string) => boolean;
  /** remark plugins for a block (`spread` forces a lone list item's looseness). */
  remark(spread?: boolean): MarkdownPluggableList;
  /** rehype plugins for a block, and for a lone list item. */
  rehype(listItem?: boolean): MarkdownPluggableList;
}

/** The inputs a {@link ResolvedPlugins} is made from. */
export interface PluginInputs {
  plugins?: readonly MarkdownPlugin[] | undefined;
  remarkPlugins?: MarkdownPluggableList | undefined;
  rehypePlugins?: MarkdownPluggableList | undefined;
}

const NONE: readonly never[] = [];
const never = (): boolean => false;

/** Merge plugins (and plain remark/rehype plugin lists) with the kit's defaults. */
export function resolvePlugins(inputs: PluginInputs): ResolvedPlugins {
  const plugins = inputs.plugins ?? NONE;
  const remark: MarkdownPluggableList = [remarkGfm];
  const rehype: MarkdownPluggableList = [];
  let components: Components = defaultMarkdownComponents;
  const codeRenderers: CodeBlockRenderer[] = [];
  const fences: string[] = [];
  const transforms: ((markdown: string, live: boolean) => string)[] = [];
  const whole: ((text: string) => boolean)[] = [];
  for (const plugin of plugins) {
    if (plugin.remarkPlugins) remark.push(...plugin.remarkPlugins);
    if (plugin.rehypePlugins) rehype.push(...plugin.rehypePlugins);
    if (plugin.components) components = { ...components, ...plugin.components };
    if (plugin.codeBlock) codeRenderers.push(plugin.codeBlock);
    if (plugin.fences) fences.push(...plugin.fences);
    if (plugin.transformBlock) transforms.push(plugin.transformBlock);
    if (plugin.needsWholeDocument) whole.push(plugin.needsWholeDocument);
  }
  if (inputs.remarkPlugins) remark.push(...inputs.remarkPlugins);
  if (inputs.rehypePlugins) rehype.push(...inputs.rehypePlugins);

  // Every variant is built once, so a block sees the same arrays on every render.
  const variants = new Map<string, MarkdownPluggableList>();
  const variant = (key: string, make: () => MarkdownPluggableList): MarkdownPluggableList => {
    let list = variants.get(key);
    if (!list) {
      list = make();
      variants.set(key, list);
    }
    return list;
  };
  return {
    components,
    codeRenderers,
    fences,
    transform:
      transforms.length === 0
        ? null
        : (markdown, live) => transforms.reduce((text, transform) => transform(text, live), markdown),
    needsWholeDocument: whole.length === 0 ? never : (text) => whole.some((test) => test(text)),
    extendable: remark.length === 1 && rehype.length === 0 && transforms.length === 0,
    remark: (spread) =>
      spread === undefined ? remark : variant(`remark:${spread}`, () => [...remark, [remarkListSpread, { spread }]]),
    rehype: (listItem = false) =>
      variant(`rehype:${listItem}`, () => {
        // Direction before unwrapping: a lone item's own list gets it and takes it away, so the items
        // inherit the direction the kit's list element finds from all of them.
        const list: MarkdownPluggableList = [...rehype, rehypeDirAuto];
        if (listItem) list.push(rehypeUnwrapList);
        return list;
      }),
  };
}

/** `true` when two plugin inputs have the same entries (lists compared item by item, tuples by their parts). */
export function samePluginInputs(a: PluginInputs, b: PluginInputs): boolean {
  return (
    sameList(a.plugins, b.plugins) &&
    sameList(a.remarkPlugins, b.remarkPlugins) &&
    sameList(a.rehypePlugins, b.rehypePlugins)
  );
}

function sameList(a: readonly unknown[] | undefined, b: readonly unknown[] | undefined): boolean {
  if (a === b) return true;
  const left = a ?? NONE;
  const right = b ?? NONE;
  if (left.length !== right.length) return false;
  for (let k = 0; k < left.length; k++) {
    const x = left[k];
    const y = right[k];
    if (x === y) continue;
    // `[plugin, options]` written inline is a new array (and options object) each render: equal when
    // its parts are.
    if (!Array.isArray(x) || !Array.isArray(y) || x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) {
      if (x[i] !== y[i] && !sameRecord(x[i], y[i])) return false;
    }
  }
  return true;
}

function sameRecord(a: unknown, b: unknown): boolean {
  return isRecord(a) && isRecord(b) && sameEntries(a, b);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
