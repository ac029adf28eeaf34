/**
 * `wiro-agent-react/math`: TeX math with remark-math and KaTeX, as a markdown plugin.
 *
 * ```tsx
 * import { math } from 'wiro-agent-react/math';
 * import 'katex/dist/katex.min.css'; // KaTeX's fonts and layout
 * <AgentMessage agenttoken={token} plugins={[math()]} />
 * ```
 *
 * remark-math and katex are optional peer dependencies (`npm install remark-math katex`). Display
 * math is `$$…$$` (on its own lines, or alone in a paragraph) and `\[…\]`; inline math is `\(…\)` and
 * `$$…$$` inside text. Single-dollar `$…$` is off by default, so prices (`$20 and $30`) stay text;
 * turn it on with `math({ singleDollar: true })`. While an answer streams, a `$$` block or `\[` whose
 * end has not arrived shows as its text so far; a formula KaTeX cannot parse shows its source styled
 * as an error. KaTeX runs with `trust` off.
 * @packageDocumentation
 */
import remarkMath from 'remark-math';
import type { Components } from 'react-markdown';
import type { MarkdownPluggableList, MarkdownPlugin } from '../components/markdown/plugins.js';
import { createMathComponent } from './MathFormula.js';
import { MATH_TAG, remarkMathNodes } from './remark-math-nodes.js';
import { transformMath } from './transform.js';

/** Options of {@link math}. */
export interface MathOptions {
  /** Also read `$…$` as inline math (off by default: `$` is usually money in answers). */
  singleDollar?: boolean;
  /**
   * KaTeX output: `htmlAndMathml` (default; import `katex/dist/katex.min.css`), `html`, or `mathml`
   * (drawn by the browser itself, no stylesheet needed).
   */
  output?: 'htmlAndMathml' | 'html' | 'mathml';
  /** TeX macros, e.g. `{ '\\RR': '\\mathbb{R}' }`. */
  macros?: Readonly<Record<string, string>>;
}

/** The stylesheet KaTeX's HTML output needs. */
export const KATEX_CSS = 'katex/dist/katex.min.css';

const plugins = new Map<string, MarkdownPlugin>();

/**
 * The math plugin. Calls with equal options return the same plugin object, so `plugins={[math()]}`
 * written inline re-renders nothing.
 */
export function math(options: MathOptions = {}): MarkdownPlugin {
  const singleDollar = options.singleDollar === true;
  const output = options.output ?? 'htmlAndMathml';
  const macros = { ...options.macros };
  const id = JSON.stringify([singleDollar, output, Object.entries(macros).sort()]);
  let plugin = plugins.get(id);
  if (!plugin) {
    const components = { [MATH_TAG]: createMathComponent({ output, macros }) } as Components;
    const remarkPlugins: MarkdownPluggableList = [
      [remarkMath, { singleDollarTextMath: singleDollar }],
      remarkMathNodes,
    ];
    plugin = Object.freeze<MarkdownPlugin>({
      name: 'math',
      remarkPlugins,
      components,
      fences: ['$$'],
      transformBlock: transformMath,
      css: output === 'mathml' ? [] : [KATEX_CSS],
    });
    plugins.set(id, plugin);
  }
  return plugin;
}
