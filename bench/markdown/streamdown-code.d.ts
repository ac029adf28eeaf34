/**
 * The bench page's view of streamdown's code plugin: `@streamdown/code` when it is installed, else a
 * stand-in exporting `undefined` (bench/markdown.ts picks one when it bundles the page).
 */
declare module '@wiro-bench/streamdown-code' {
  import type { CodeHighlighterPlugin } from 'streamdown';

  export const code: CodeHighlighterPlugin | undefined;
}
