'use client';

/**
 * One formula, rendered by KaTeX with `trust` off (no `\href`, `\url`, `\includegraphics` or
 * `\html*` commands: nothing in a model's TeX can become a link or markup of its own). KaTeX escapes
 * the TeX it draws, so its output is set as HTML; a formula KaTeX cannot parse is shown as its source,
 * styled as an error. Results are cached by TeX, so a formula in a block that re-renders while the
 * answer streams is typeset once.
 * @packageDocumentation
 */
import katex from 'katex';
import type { ReactElement, ReactNode } from 'react';
import { kitClass, useKit } from '../components/kit.js';

/** KaTeX settings of one `math()` instance. */
export interface MathSettings {
  /** `htmlAndMathml` needs KaTeX's stylesheet; `mathml` is drawn by the browser alone. */
  output: 'htmlAndMathml' | 'html' | 'mathml';
  macros: Readonly<Record<string, string>>;
}

type Typeset = { html: string } | { error: string };

const CACHE_SIZE = 500;

/** Make the `<wiro-math>` component of one settings object. */
export function createMathComponent(settings: MathSettings): (props: MathNodeProps) => ReactElement {
  const cache = new Map<string, Typeset>();

  const typeset = (tex: string, display: boolean): Typeset => {
    const key = `${display ? 'D' : 'I'}${tex}`;
    let result = cache.get(key);
    if (!result) {
      try {
        const html = katex.renderToString(tex, {
          displayMode: display,
          output: settings.output,
          throwOnError: true,
          trust: false,
          strict: 'ignore',
          maxExpand: 1000,
          maxSize: 50,
          // A copy: `\gdef` would otherwise change the macros of every later formula.
          macros: { ...settings.macros },
        });
        result = { html };
      } catch (error) {
        result = { error: error instanceof Error ? error.message : String(error) };
      }
      if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
      cache.set(key, result);
    }
    return result;
  };

  return function MathNode(props: MathNodeProps): ReactElement {
    const { unstyled } = useKit();
    const tex = textOf(props.children);
    const display = props['data-display'] === 'block';
    const result = typeset(tex, display);
    if ('error' in result) {
      return (
        <code className={kitClass(unstyled, 'wiro-math-error')} data-math-error="" title={result.error}>
          {tex}
        </code>
      );
    }
    return (
      <span
        className={kitClass(unstyled, 'wiro-math', display && 'wiro-math-display')}
        data-display={display ? 'block' : 'inline'}
        // KaTeX's own output (it escapes the TeX), never the model's text as HTML.
        dangerouslySetInnerHTML={{ __html: result.html }}
      />
    );
  };
}

/** What react-markdown passes to the `<wiro-math>` component. */
export interface MathNodeProps {
  children?: ReactNode;
  'data-display'?: string;
}

function textOf(node: ReactNode): string {
  if (typeof node === 'string' || typeof node === 'number') return String(node);
  if (Array.isArray(node)) return node.map(textOf).join('');
  return '';
}
