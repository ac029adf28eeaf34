'use client';

import { createElement, memo, useState, type ElementType, type ReactElement, type ReactNode } from 'react';
import Markdown, { type AllowElement, type Components, type Options } from 'react-markdown';
import remarkGfm from 'remark-gfm';
import { rootClass, useKit, useStableMerge } from '../kit.js';
import { createBlockSplitter, hasDefinitions, type MarkdownBlock } from './blocks.js';
import { rehypeCaret } from './caret.js';
import { fencedCode } from './fence.js';
import { healMarkdownTail } from './heal.js';
import { scanInline } from './inline.js';
import { defaultMarkdownComponents, MarkdownCodeBlock } from './slots.js';
import { safeUrlTransform } from './url.js';

type RehypePlugins = NonNullable<Options['rehypePlugins']>;

const REMARK_PLUGINS: NonNullable<Options['remarkPlugins']> = [remarkGfm];
const CARET_PLUGINS: RehypePlugins = [[rehypeCaret, { className: 'wiro-caret' }]];
const CARET_PLUGINS_UNSTYLED: RehypePlugins = [[rehypeCaret, {}]];

/** A paragraph still arriving that is longer than this is rendered in sentence-aligned pieces. */
const LONG_PARAGRAPH = 1500;
/** Minimum length of one piece of a long paragraph. */
const PARAGRAPH_PIECE = 600;

/** Images without a (safe) source are dropped, links without one keep their text (`unwrapDisallowed`). */
const allowElement: AllowElement = (element) => {
  if (element.tagName === 'img') return typeof element.properties.src === 'string' && element.properties.src !== '';
  if (element.tagName === 'a') return element.properties.href != null;
  return true;
};

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
  /** react-markdown components merged over the kit's (links, images, code blocks, tables). */
  components?: Components;
  className?: string;
  /** No kit class names (so the kit stylesheet does not apply). Default: the surrounding component's. */
  unstyled?: boolean;
}

/**
 * Markdown (GFM) renderer for text that streams by replacement.
 *
 * The text is split into top-level blocks; finished blocks are memoized by content and never render
 * again as the text grows, only the last block does. That last block is healed first (open fences,
 * emphasis, half links and tables), an open code fence is drawn without parsing, and a very long
 * last paragraph is parsed in sentence-aligned pieces, so each update costs about the size of the
 * tail rather than of the whole answer (fenced code is drawn from its lines, never parsed). Raw
 * HTML is skipped and only http(s), mailto, relative and
 * `#` URLs are kept.
 */
export const StreamingMarkdown = /* @__PURE__ */ memo(function StreamingMarkdown(
  props: StreamingMarkdownProps,
): ReactElement {
  const { children: text, streaming = false, className } = props;
  const caret = props.caret ?? streaming;
  const kit = useKit();
  const unstyled = props.unstyled ?? kit.unstyled;
  const [split] = useState(createBlockSplitter);
  const components = useStableMerge(defaultMarkdownComponents, props.components);

  // Reference definitions and footnotes bind across blocks: once the text is final, render it whole.
  const blocks: MarkdownBlock[] = !streaming && hasDefinitions(text) ? [wholeDocument(text)] : split(text);
  const last = blocks.length - 1;

  return (
    <div className={rootClass(unstyled, 'wiro-md', className)}>
      {blocks.map((block, index) => (
        <Block
          key={index}
          block={block}
          live={streaming && index === last}
          caret={caret && index === last}
          components={components}
          unstyled={unstyled}
        />
      ))}
      {caret && blocks.length === 0 ? <Caret unstyled={unstyled} /> : null}
    </div>
  );
});

function wholeDocument(text: string): MarkdownBlock {
  return { kind: 'paragraph', text, start: 0, end: text.length, terminated: false, closed: true };
}

interface BlockProps {
  block: MarkdownBlock;
  /** The last block of a text still arriving: healed, and cheap to re-render. */
  live: boolean;
  caret: boolean;
  components: Components;
  unstyled: boolean;
}

/** One top-level block. Memoized by content: a finished block renders once. */
const Block = /* @__PURE__ */ memo(
  function Block({ block, live, caret, components, unstyled }: BlockProps): ReactElement {
    // Fenced code is literal: draw it from its lines instead of parsing it, always while it streams
    // (a long code block would otherwise be parsed on every update), and once finished unless the
    // user's own `pre`/`code` slots may want react-markdown's `node` prop.
    if (block.kind === 'code' && (live || (components.pre === MarkdownCodeBlock && components.code === undefined))) {
      const code = fencedCode(block);
      if (code) {
        const Pre = (components.pre ?? 'pre') as ElementType;
        const Code = (components.code ?? 'code') as ElementType;
        const codeProps = code.lang ? { className: `language-${code.lang}` } : {};
        return (
          <>
            {createElement(Pre, null, createElement(Code, codeProps, code.code))}
            {caret ? <Caret unstyled={unstyled} /> : null}
          </>
        );
      }
    }
    // The line break after a block is part of its context (micromark reads some lines differently at
    // the very end of a document), so a block is rendered with it.
    const eol = block.terminated ? '\n' : '';
    if (!live) {
      return <MarkdownDocument text={block.text + eol} components={components} caret={caret} unstyled={unstyled} />;
    }
    const healed = healMarkdownTail(block);
    if (healed === '') return caret ? <Caret unstyled={unstyled} /> : <></>;
    if (block.kind === 'paragraph' && healed.length > LONG_PARAGRAPH) {
      return <LongParagraph text={healed} components={components} caret={caret} unstyled={unstyled} />;
    }
    return <MarkdownDocument text={healed + eol} components={components} caret={caret} unstyled={unstyled} />;
  },
  (a, b) =>
    a.block.text === b.block.text &&
    a.block.terminated === b.block.terminated &&
    a.block.closed === b.block.closed &&
    a.live === b.live &&
    a.caret === b.caret &&
    a.components === b.components &&
    a.unstyled === b.unstyled,
);

interface DocumentProps {
  text: string;
  components: Components;
  caret: boolean;
  unstyled: boolean;
}

function MarkdownDocument({ text, components, caret, unstyled }: DocumentProps): ReactElement {
  return (
    <Markdown
      remarkPlugins={REMARK_PLUGINS}
      rehypePlugins={caret ? (unstyled ? CARET_PLUGINS_UNSTYLED : CARET_PLUGINS) : undefined}
      components={components}
      skipHtml
      urlTransform={safeUrlTransform}
      allowElement={allowElement}
      unwrapDisallowed
    >
      {text}
    </Markdown>
  );
}

/**
 * A long paragraph still arriving, parsed in pieces cut where a sentence starts and no inline
 * syntax is open. The cut points depend only on the text before them, so finished pieces keep
 * their content and are not parsed again; each piece renders inline inside one paragraph.
 */
function LongParagraph({ text, components, caret, unstyled }: DocumentProps): ReactElement {
  const points: number[] = [];
  scanInline(text, points);
  const cuts: number[] = [0];
  for (const point of points) {
    if (point - (cuts[cuts.length - 1] ?? 0) >= PARAGRAPH_PIECE) cuts.push(point);
  }
  const inline = inlineComponents(components);
  const pieces: ReactNode[] = [];
  for (let k = 0; k < cuts.length; k++) {
    const from = cuts[k] ?? 0;
    const to = cuts[k + 1] ?? text.length;
    const isLast = k === cuts.length - 1;
    if (k > 0) pieces.push(' ');
    pieces.push(
      <Piece
        key={from}
        text={text.slice(from, to).trim()}
        components={inline}
        caret={caret && isLast}
        unstyled={unstyled}
      />,
    );
  }
  const P = (components.p ?? 'p') as ElementType;
  return createElement(P, null, pieces);
}

const Piece = /* @__PURE__ */ memo(MarkdownDocument);

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
