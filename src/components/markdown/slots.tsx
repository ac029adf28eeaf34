'use client';

/**
 * The kit's default react-markdown components: links that open safely in a new tab, lazy images,
 * code blocks with a language label and a copy button, and scrollable tables.
 * @packageDocumentation
 */
import { Children, isValidElement, useContext, type ComponentProps, type ReactElement, type ReactNode } from 'react';
import type { Components, ExtraProps } from 'react-markdown';
import { useKit } from '../kit.js';
import { CodeFrame } from './CodeFrame.js';
import { LiveBlockContext } from './context.js';

/** A link: new tab with `rel="noopener noreferrer"`, except in-page `#fragment` links (footnotes). */
export function MarkdownLink({ node: _node, href, children, ...rest }: ComponentProps<'a'> & ExtraProps): ReactElement {
  const inPage = href?.startsWith('#') === true;
  return (
    <a {...rest} href={href} target={inPage ? undefined : '_blank'} rel="noopener noreferrer">
      {children}
    </a>
  );
}

/** An image: loaded lazily, without sending the page as referrer. */
export function MarkdownImage({ node: _node, alt, ...rest }: ComponentProps<'img'> & ExtraProps): ReactElement {
  return <img {...rest} alt={alt ?? ''} loading="lazy" decoding="async" referrerPolicy="no-referrer" />;
}

/** A table in a horizontally scrollable wrapper, so wide tables do not stretch the message. */
export function MarkdownTable({ node: _node, ...rest }: ComponentProps<'table'> & ExtraProps): ReactElement {
  const { unstyled } = useKit();
  if (unstyled) return <table {...rest} />;
  return (
    <div className="wiro-table-scroll">
      <table {...rest} />
    </div>
  );
}

/**
 * A code block as react-markdown hands it over (its `pre`, for fences inside lists and quotes, and
 * indented code): drawn in the kit's {@link CodeFrame}, through a plugin's code renderer when one
 * takes the language. When a user's own `code` slot rendered the child, that child is kept as it is.
 */
export function MarkdownCodeBlock({
  node: _node,
  children,
  ...rest
}: ComponentProps<'pre'> & ExtraProps): ReactElement {
  const live = useContext(LiveBlockContext);
  const code = Children.toArray(children).find(isValidElement) as
    ReactElement<{ className?: string; children?: ReactNode }> | undefined;
  const lang = /(?:^|\s)language-(\S+)/.exec(code?.props.className ?? '')?.[1];
  const text = textOf(children);
  return (
    <CodeFrame code={text} lang={lang ?? ''} meta="" complete={!live} partialLine={live}>
      {code?.type === 'code' ? undefined : <pre {...rest}>{children}</pre>}
    </CodeFrame>
  );
}

/** The text content of rendered children (strings inside elements, recursively). */
export function textOf(node: ReactNode): string {
  if (typeof node === 'string' || typeof node === 'number') return String(node);
  if (Array.isArray(node)) return node.map(textOf).join('');
  if (isValidElement<{ children?: ReactNode }>(node)) {
    // The caret is decoration, not code.
    if ((node.props as Record<string, unknown>)['data-wiro-caret'] !== undefined) return '';
    return textOf(node.props.children);
  }
  return '';
}

/** The kit's slot map; a user's `components` are merged over it. */
export const defaultMarkdownComponents: Components = /* @__PURE__ */ Object.freeze({
  a: MarkdownLink,
  img: MarkdownImage,
  pre: MarkdownCodeBlock,
  table: MarkdownTable,
});
