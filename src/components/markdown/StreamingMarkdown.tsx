'use client';

import { createElement, memo, useState, type ElementType, type ReactElement, type ReactNode } from 'react';
import type { Components } from 'react-markdown';
import { rootClass, useKit, useStableMerge } from '../kit.js';
import { useDerived } from '../use-derived.js';
import { createBlockSplitter, hasDefinitions, type MarkdownBlock } from './blocks.js';
import { CodeFrame } from './CodeFrame.js';
import { LiveBlockContext, PluginsContext } from './context.js';
import { fencedCode } from './fence.js';
import { healMarkdownTail } from './heal.js';
import { scanInline } from './inline.js';
import { listLayout, type ListLayout } from './list.js';
import {
  resolvePlugins,
  samePluginInputs,
  type MarkdownPluggableList,
  type MarkdownPlugin,
  type PluginInputs,
  type ResolvedPlugins,
} from './plugins.js';
import { extendParse, seedParse } from './append.js';
import { parseMarkdown, renderParsed, type ParsedMarkdown } from './render.js';
import { MarkdownCodeBlock } from './slots.js';

/** A paragraph longer than this is rendered in sentence-aligned pieces. */
const LONG_PARAGRAPH = 1200;
/** Minimum length of one piece of a long paragraph. */
const PARAGRAPH_PIECE = 400;

/** Props of {@link StreamingMarkdown}. */
export interface StreamingMarkdownProps {
  /** The markdown, replaced (not appended) as it streams. */
  children: string;
  /**
   * The text is still arriving (or was cut off): heal its unfinished tail so it renders as it will
   * when complete. Default `false`.
   */
  streaming?: boolean;
  /** Show a caret after the last character. Default: the value of `streaming`. */
  caret?: boolean;
  /** react-markdown components merged over the kit's and the plugins' (links, images, code blocks, tables). */
  components?: Components;
  /**
   * Plugins (`codeHighlight()`, `math()`, your own {@link MarkdownPlugin}s), merged with the kit's
   * defaults (GFM). A new array with the same plugins does not re-render anything.
   */
  plugins?: readonly MarkdownPlugin[];
  /** remark plugins of your own, run after the kit's and the plugins'. Compared entry by entry, like `plugins`. */
  remarkPlugins?: MarkdownPluggableList;
  /** rehype plugins of your own, run after the plugins' and before the kit's caret. */
  rehypePlugins?: MarkdownPluggableList;
  className?: string;
  /** No kit class names (so the kit stylesheet does not apply). Default: the surrounding component's. */
  unstyled?: boolean;
}

/**
 * Markdown (GFM) renderer for text that streams by replacement.
 *
 * The text is split into top-level blocks; finished blocks are memoized by content and never render
 * again as the text grows, only the last block does. That last block is healed first (open fences,
 * emphasis, half links and tables), an open code fence is drawn without parsing, a growing list is
 * rendered item by item and a long paragraph in sentence-aligned pieces, so each update costs about
 * the size of the last item or sentence rather than of the whole answer. Most updates cost no parse at
 * all: words added to the live block are added to its kept parse, and a new block that is a marker and
 * plain words is made from a kept parse of that marker (both only when nothing before them can change,
 * and only with the kit's own syntax plugins). Every text block gets
 * `dir="auto"`, so right-to-left answers lay out right. Raw HTML is skipped and only http(s), mailto,
 * relative and `#` URLs are kept.
 */
export const StreamingMarkdown = /* @__PURE__ */ memo(function StreamingMarkdown(
  props: StreamingMarkdownProps,
): ReactElement {
  const { children: text, streaming = false, className } = props;
  const caret = props.caret ?? streaming;
  const kit = useKit();
  const unstyled = props.unstyled ?? kit.unstyled;
  const plugins = useResolvedPlugins(props);
  const components = useStableMerge(plugins.components, props.components);
  const split = useSplitter(plugins.fences);

  // Reference definitions and footnotes bind across blocks: once the text is final, render it whole.
  const whole = !streaming && (hasDefinitions(text) || plugins.needsWholeDocument(text));
  const blocks: MarkdownBlock[] = whole ? [wholeDocument(text)] : split(text);
  const last = blocks.length - 1;

  return (
    <PluginsContext.Provider value={plugins}>
      <div className={rootClass(unstyled, 'wiro-md', className)}>
        {groupBlocks(blocks).map((group, g) => (
          <BlockGroup
            key={g}
            blocks={group}
            live={streaming ? last - g * GROUP : -1}
            caret={caret ? last - g * GROUP : -1}
            components={components}
            plugins={plugins}
            unstyled={unstyled}
          />
        ))}
        {caret && blocks.length === 0 ? <Caret unstyled={unstyled} /> : null}
      </div>
    </PluginsContext.Provider>
  );
});

/**
 * The plugin inputs merged with the kit's defaults, kept while the inputs have the same entries: a
 * `plugins={[codeHighlight()]}` written inline must not re-render every block on each render.
 */
function useResolvedPlugins({ plugins, remarkPlugins, rehypePlugins }: PluginInputs): ResolvedPlugins {
  return useDerived({ plugins, remarkPlugins, rehypePlugins }, samePluginInputs, resolvePlugins);
}

/** One incremental splitter per set of plugin fences. */
function useSplitter(fences: readonly string[]): (text: string) => MarkdownBlock[] {
  return useDerived(fences, Object.is, splitterFor);
}

function splitterFor(fences: readonly string[]): (text: string) => MarkdownBlock[] {
  return createBlockSplitter({ fences });
}

/** The whole text as one block. Kind `html` keeps it out of every per-kind path (lists, long paragraphs). */
function wholeDocument(text: string): MarkdownBlock {
  return { kind: 'html', text, start: 0, end: text.length, terminated: false, closed: true };
}

/**
 * Blocks render in groups of this many. A finished group is one memo check on an update, so an update
 * of a long answer walks its groups and the blocks of the last one, not every block.
 */
const GROUP = 16;

function groupBlocks(blocks: MarkdownBlock[]): MarkdownBlock[][] {
  const groups: MarkdownBlock[][] = [];
  for (let from = 0; from < blocks.length; from += GROUP) groups.push(blocks.slice(from, from + GROUP));
  return groups;
}

interface BlockGroupProps {
  blocks: MarkdownBlock[];
  /** Index in this group of the live last block (out of range when it is in another group or none is live). */
  live: number;
  /** Index in this group of the block that draws the caret (out of range likewise). */
  caret: number;
  components: Components;
  plugins: ResolvedPlugins;
  unstyled: boolean;
}

/** A group of consecutive blocks, keyed by position so a block keeps its place (and its memo) as the text grows. */
const BlockGroup = /* @__PURE__ */ memo(
  function BlockGroup({ blocks, live, caret, components, plugins, unstyled }: BlockGroupProps): ReactElement {
    return (
      <>
        {blocks.map((block, index) => (
          <Block
            key={index}
            block={block}
            live={index === live}
            caret={index === caret}
            components={components}
            plugins={plugins}
            unstyled={unstyled}
          />
        ))}
      </>
    );
  },
  (a, b) =>
    a.blocks.length === b.blocks.length &&
    a.blocks.every((block, index) => sameBlock(block, b.blocks[index])) &&
    inGroup(a.live, a.blocks) === inGroup(b.live, b.blocks) &&
    inGroup(a.caret, a.blocks) === inGroup(b.caret, b.blocks) &&
    a.components === b.components &&
    a.plugins === b.plugins &&
    a.unstyled === b.unstyled,
);

/** A position, or -1 when it is not in `blocks`. */
function inGroup(index: number, blocks: MarkdownBlock[]): number {
  return index >= 0 && index < blocks.length ? index : -1;
}

function sameBlock(a: MarkdownBlock, b: MarkdownBlock | undefined): boolean {
  // The splitter hands finished blocks on as the same objects: most checks end at the first test.
  return a === b || (b !== undefined && a.text === b.text && a.terminated === b.terminated && a.closed === b.closed);
}

interface BlockProps {
  block: MarkdownBlock;
  /** The last block of a text still arriving: healed, and cheap to re-render. */
  live: boolean;
  caret: boolean;
  components: Components;
  plugins: ResolvedPlugins;
  unstyled: boolean;
}

/** One top-level block. Memoized by content: a finished block renders once. */
const Block = /* @__PURE__ */ memo(
  function Block(props: BlockProps): ReactElement {
    const { block, live, caret, components, plugins, unstyled } = props;
    // Fenced code is literal: draw it from its lines instead of parsing it, always while it streams
    // (a long code block would otherwise be parsed on every update), and once finished unless the
    // user's own `pre`/`code` slots may want react-markdown's `node` prop.
    if (block.kind === 'code') {
      const drawn = drawFencedCode(block, live, components);
      if (drawn) {
        return (
          <>
            {drawn}
            {caret ? <Caret unstyled={unstyled} /> : null}
          </>
        );
      }
    }
    // A block is parsed without the line break after it (a document's last line ending changes nothing in
    // what it renders), so the live block's last parse serves again once it is finished.
    if (block.kind === 'list' && components.ul === undefined && components.ol === undefined) {
      const layout = listLayout(block.text);
      if (layout) return <ListBlock {...props} layout={layout} />;
    }
    const markdown = live ? healMarkdownTail(block) : block.text;
    if (markdown === '') return caret ? <Caret unstyled={unstyled} /> : <></>;
    const source = plugins.transform && block.kind !== 'code' ? plugins.transform(markdown, live) : markdown;
    if (block.kind === 'paragraph' && source.length > LONG_PARAGRAPH) {
      return (
        <LongParagraph text={source} components={components} plugins={plugins} caret={caret} unstyled={unstyled} />
      );
    }
    return (
      <LiveBlockContext.Provider value={live}>
        <MarkdownDocument
          text={source}
          components={components}
          remarkPlugins={plugins.remark()}
          rehypePlugins={plugins.rehype()}
          caret={caret}
          unstyled={unstyled}
          extendable={plugins.extendable}
        />
      </LiveBlockContext.Provider>
    );
  },
  (a, b) =>
    sameBlock(a.block, b.block) &&
    a.live === b.live &&
    a.caret === b.caret &&
    a.components === b.components &&
    a.plugins === b.plugins &&
    a.unstyled === b.unstyled,
);

/** A fenced code block drawn from its lines, or `null` when it must go through the parser. */
function drawFencedCode(block: MarkdownBlock, live: boolean, components: Components): ReactNode {
  const kitSlots = components.pre === MarkdownCodeBlock && components.code === undefined;
  if (!kitSlots && !live) return null;
  const code = fencedCode(block);
  if (!code) return null;
  if (kitSlots) {
    const meta = block.fence ? block.fence.info.slice(code.lang.length).trim() : '';
    return (
      <CodeFrame
        code={code.code}
        lang={code.lang}
        meta={meta}
        complete={!live || block.openFence === false}
        partialLine={!block.terminated}
      />
    );
  }
  const Pre = (components.pre ?? 'pre') as ElementType;
  const Code = (components.code ?? 'code') as ElementType;
  const codeProps = code.lang ? { className: `language-${code.lang}` } : {};
  return createElement(Pre, null, createElement(Code, codeProps, code.code));
}

interface DocumentProps {
  text: string;
  components: Components;
  remarkPlugins: MarkdownPluggableList;
  rehypePlugins: MarkdownPluggableList;
  /** Draw the streaming caret after the last text. */
  caret: boolean;
  unstyled: boolean;
  /** Plain text may be added to a parse instead of parsing again (see `extendParse` and `seedParse`). */
  extendable: boolean;
}

const KIT_CARET = { className: 'wiro-caret' };
const BARE_CARET = {};

/**
 * One markdown document (a block, a list item, a piece of a long paragraph). It keeps its last parse:
 * when the live block becomes a finished one with the same text, only the caret changes and the parse
 * serves again; when an update only adds plain words, the parse is extended instead of done again.
 */
function MarkdownDocument(props: DocumentProps): ReactElement {
  const [kept] = useState<KeptParse>(() => ({ parse: null }));
  const parsed = documentParse(kept, props);
  return renderParsed(parsed, props.components, props.caret ? (props.unstyled ? BARE_CARET : KIT_CARET) : null);
}

interface KeptParse {
  parse: ParsedMarkdown | null;
}

/**
 * The parse of `text`: the kept one when it is of the same inputs, the kept one extended when the text
 * only grew by plain words, a seeded one when the text is a block marker and plain words, else a new
 * one (which is then kept). A parse depends only on its inputs, so keeping one from a render React
 * discards is harmless.
 */
function documentParse(
  kept: KeptParse,
  { text, remarkPlugins, rehypePlugins, extendable }: DocumentProps,
): ParsedMarkdown {
  const previous = kept.parse;
  let parsed: ParsedMarkdown | null = null;
  const same =
    previous !== null && previous.remarkPlugins === remarkPlugins && previous.rehypePlugins === rehypePlugins;
  if (same && previous.text === text) parsed = previous;
  else if (extendable)
    parsed = (same ? extendParse(previous, text) : null) ?? seedParse(text, remarkPlugins, rehypePlugins);
  parsed ??= parseMarkdown(text, remarkPlugins, rehypePlugins);
  kept.parse = parsed;
  return parsed;
}

const MemoDocument = /* @__PURE__ */ memo(MarkdownDocument);

/**
 * A list rendered item by item: the kit draws the `<ul>`/`<ol>` and each item is parsed alone (with
 * the list's looseness), so finished items never render again while the last one grows.
 */
function ListBlock({
  block,
  layout,
  live,
  caret,
  components,
  plugins,
  unstyled,
}: BlockProps & { layout: ListLayout }): ReactElement {
  const { items } = layout;
  const texts = items.map((item, k) => {
    const isLast = k === items.length - 1;
    if (!isLast || !live) return item.text;
    return healMarkdownTail({ kind: 'list', text: item.text, terminated: block.terminated, closed: false });
  });
  // The caret goes into the last item with text (a lone marker being written is hidden).
  let caretAt = -1;
  if (caret) for (let k = texts.length - 1; k >= 0 && caretAt === -1; k--) if (texts[k] !== '') caretAt = k;
  const remark = plugins.remark(layout.loose);
  const children = texts.map((text, k) =>
    text === '' ? null : (
      <MemoDocument
        key={k}
        text={plugins.transform ? plugins.transform(text, live && k === texts.length - 1) : text}
        components={components}
        remarkPlugins={remark}
        rehypePlugins={plugins.rehype(true)}
        caret={k === caretAt}
        unstyled={unstyled}
        extendable={plugins.extendable}
      />
    ),
  );
  const props = {
    dir: 'auto',
    start: layout.ordered && layout.start !== 1 ? layout.start : undefined,
    className: layout.task ? 'contains-task-list' : undefined,
  };
  return (
    <LiveBlockContext.Provider value={live}>
      {createElement(layout.ordered ? 'ol' : 'ul', props, children)}
      {caret && caretAt === -1 ? <Caret unstyled={unstyled} /> : null}
    </LiveBlockContext.Provider>
  );
}

interface LongParagraphProps {
  text: string;
  components: Components;
  plugins: ResolvedPlugins;
  caret: boolean;
  unstyled: boolean;
}

/**
 * A long paragraph, parsed in pieces cut where a sentence starts and no inline syntax is open. The
 * cut points depend only on the text before them, so finished pieces keep their content and are not
 * parsed again, also when the paragraph is done; each piece renders inline inside one paragraph.
 */
function LongParagraph({ text, components, plugins, caret, unstyled }: LongParagraphProps): ReactElement {
  const [cache] = useState<CutCache>(() => ({ text: '', cuts: [0] }));
  const cuts = paragraphCuts(text, cache);
  const inline = inlineComponents(components);
  const remark = plugins.remark();
  const pieces: ReactNode[] = [];
  for (let k = 0; k < cuts.length; k++) {
    const from = cuts[k] ?? 0;
    const to = cuts[k + 1] ?? text.length;
    const isLast = k === cuts.length - 1;
    if (k > 0) pieces.push(' ');
    pieces.push(
      <MemoDocument
        key={from}
        text={text.slice(from, to).trim()}
        components={inline}
        remarkPlugins={remark}
        rehypePlugins={plugins.rehype()}
        caret={caret && isLast}
        unstyled={unstyled}
        extendable={plugins.extendable}
      />,
    );
  }
  const P = (components.p ?? 'p') as ElementType;
  return createElement(P, { dir: 'auto' }, pieces);
}

interface CutCache {
  text: string;
  cuts: number[];
}

/**
 * Where to cut a long paragraph: sentence starts at least {@link PARAGRAPH_PIECE} apart. Nothing is
 * open at a cut, so when the text still begins as it did, the scan resumes at the last cut instead of
 * reading the whole paragraph again (`cache` holds the previous text and its cuts).
 */
function paragraphCuts(text: string, cache: CutCache): number[] {
  const last = cache.cuts[cache.cuts.length - 1] ?? 0;
  const resume = last > 0 && text.length > last && text.startsWith(cache.text.slice(0, last + 1));
  const cuts = resume ? cache.cuts.slice() : [0];
  const from = resume ? last : 0;
  const points: number[] = [];
  scanInline(from === 0 ? text : text.slice(from), points);
  for (const point of points) {
    if (from + point - (cuts[cuts.length - 1] ?? 0) >= PARAGRAPH_PIECE) cuts.push(from + point);
  }
  cache.text = text;
  cache.cuts = cuts;
  return cuts;
}

/** Renders its children without a wrapper: a piece's own `<p>` is replaced by the shared one. */
function Unwrapped({ children }: { children?: ReactNode }): ReactElement {
  return <>{children}</>;
}

const inlineCache = /* @__PURE__ */ new WeakMap<Components, Components>();
function inlineComponents(components: Components): Components {
  let inline = inlineCache.get(components);
  if (!inline) {
    inline = { ...components, p: Unwrapped };
    inlineCache.set(components, inline);
  }
  return inline;
}

/** The streaming caret, for when there is no text to put it in. */
function Caret({ unstyled }: { unstyled: boolean }): ReactElement {
  return <span className={unstyled ? undefined : 'wiro-caret'} aria-hidden="true" data-wiro-caret="" />;
}
