/**
 * `wiro-agent-react/highlight`: syntax highlighting for fenced code with Shiki, as a markdown plugin.
 *
 * ```tsx
 * import { codeHighlight } from 'wiro-agent-react/highlight';
 * <AgentMessage agenttoken={token} plugins={[codeHighlight()]} />
 * ```
 *
 * Shiki is an optional peer dependency (`npm install shiki`), imported only when the first code block
 * appears; each language's grammar is loaded when a fence first names it. Colours follow the kit's
 * light and dark theme through CSS variables, so switching themes repaints without re-highlighting.
 * While an answer streams, each complete line is highlighted once and the half-written last line is
 * drawn plain; a finished block is never highlighted again. Unknown languages, and grammars that fail
 * to load, stay plain text. The server renders plain code; highlighting starts after hydration.
 * @packageDocumentation
 */
import type { MarkdownPlugin } from '../components/markdown/plugins.js';
import { createHighlightedCode } from './HighlightedCode.js';

/** Options of {@link codeHighlight}. */
export interface CodeHighlightOptions {
  /**
   * Shiki themes (bundled theme names) for the light and the dark kit theme, e.g.
   * `{ light: 'github-light', dark: 'github-dark' }`. Default: the kit's own palette, set by the
   * `--wiro-code-*` CSS variables of styles.css (one tokenizing pass instead of two).
   */
  themes?: { light: string; dark: string };
  /** Number the lines (drawn by CSS, so copied or selected code has no numbers). Default `false`. */
  lineNumbers?: boolean;
  /**
   * Highlight only these languages (names or aliases as written after the fence, lower case); the
   * rest stay plain. Default: every language Shiki bundles.
   */
  languages?: readonly string[];
  /** Longer code blocks (characters) stay plain. Default 200 000. */
  maxLength?: number;
}

const plugins = new Map<string, MarkdownPlugin>();

/**
 * The code highlighting plugin. Calls with equal options return the same plugin object, so
 * `plugins={[codeHighlight()]}` written inline re-renders nothing.
 */
export function codeHighlight(options: CodeHighlightOptions = {}): MarkdownPlugin {
  const themes = options.themes ? { light: options.themes.light, dark: options.themes.dark } : null;
  const languages = options.languages ? new Set(options.languages.map((lang) => lang.toLowerCase())) : null;
  const settings = {
    themes,
    lineNumbers: options.lineNumbers === true,
    maxLength: options.maxLength ?? 200_000,
    key: themes ? `${themes.light}|${themes.dark}` : 'kit',
  };
  const id = JSON.stringify([settings, languages ? [...languages].sort() : null]);
  let plugin = plugins.get(id);
  if (!plugin) {
    plugin = Object.freeze<MarkdownPlugin>({
      name: 'code-highlight',
      codeBlock: Object.freeze({
        accepts: (lang: string) => lang !== '' && (languages === null || languages.has(lang)),
        component: createHighlightedCode(settings),
      }),
    });
    plugins.set(id, plugin);
  }
  return plugin;
}
