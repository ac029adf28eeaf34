'use client';

/**
 * The kit's frame around a fenced code block: a header with the language and a copy button (which
 * copies the plain code, whatever draws it), then the code, drawn by a plugin's renderer when one
 * accepts the language, else as plain text.
 * @packageDocumentation
 */
import { createElement, type ReactElement, type ReactNode } from 'react';
import { CopyButton } from '../CopyButton.js';
import { kitClass, useKit } from '../kit.js';
import { codeRendererFor, usePlugins } from './context.js';

/** Props of {@link CodeFrame}. */
export interface CodeFrameProps {
  code: string;
  lang: string;
  meta: string;
  complete: boolean;
  partialLine: boolean;
  /** The `<pre>` to show as it is (a user's own `code` slot rendered it): no renderer is asked. */
  children?: ReactNode;
}

/** One fenced code block in its frame. Code reads left to right, also in a right-to-left answer. */
export function CodeFrame({ code, lang, meta, complete, partialLine, children }: CodeFrameProps): ReactElement {
  // The copied text is made on click: while a long block streams, copying it on every update would
  // allocate the whole code again each time.
  const { unstyled } = useKit();
  const plugins = usePlugins();
  const renderer = children ? undefined : codeRendererFor(plugins, lang);
  const body =
    children ??
    (renderer ? (
      createElement(renderer.component, { code, lang, meta, complete, partialLine: !complete && partialLine })
    ) : (
      <pre>
        <code className={lang ? `language-${lang}` : undefined}>{code}</code>
      </pre>
    ));
  return (
    <div className={kitClass(unstyled, 'wiro-code')} data-language={lang || undefined} dir="ltr">
      <div className={kitClass(unstyled, 'wiro-code-header')}>
        {lang ? <span className={kitClass(unstyled, 'wiro-code-lang')}>{lang}</span> : null}
        <CopyButton kind="code" text={() => code.replace(/\n$/, '')} />
      </div>
      {body}
    </div>
  );
}
