/**
 * Fenced code read straight from its lines, so it can be drawn without a markdown parse: the
 * language and the code exactly as react-markdown would hand them to the `pre`/`code` slots.
 * @packageDocumentation
 */
import type { MarkdownBlock } from './blocks.js';

/** The parts of a fenced code block. */
export interface FencedCode {
  /** The info string's first word, or `''` (also while the opening line is still arriving). */
  lang: string;
  /** The code, with a trailing line break once non-empty (as react-markdown gives it to `code`). */
  code: string;
  /** The fence characters that close it. */
  marker: string;
}

/** The block fields this module reads. */
export type FencedBlock = Pick<MarkdownBlock, 'kind' | 'text' | 'terminated' | 'fence' | 'openFence'>;

/**
 * Language and code of a fenced code block, or `null` when the block is not one, or when its info
 * string has entities or escapes (which only a parser decodes). In an unclosed block, a last line
 * that may be the closing fence arriving is left out, and so is a cut info string.
 */
export function fencedCode(block: FencedBlock): FencedCode | null {
  const fence = block.fence;
  if (block.kind !== 'code' || !fence || /[&\\]/.test(fence.info)) return null;
  const marker = fence.char.repeat(fence.length);
  const open = block.openFence !== false;
  const text = block.text;
  const opening = text.indexOf('\n');
  if (opening === -1) {
    // Only the opening line so far: while it is arriving its info string may be cut (`py` of `python`).
    return { lang: !open || block.terminated ? firstWord(fence.info) : '', code: '', marker };
  }
  // Cut by position rather than split into lines: a long block is read on every update while it streams.
  let end = text.length;
  const lastBreak = text.lastIndexOf('\n');
  if (!open || (!block.terminated && isPartialCloser(text.slice(lastBreak + 1), fence.char))) end = lastBreak;
  let code = end > opening ? text.slice(opening + 1, end) : '';
  if (fence.indent > 0)
    code = code
      .split('\n')
      .map((line) => stripIndent(line, fence.indent))
      .join('\n');
  return { lang: firstWord(fence.info), code: code === '' ? '' : `${code}\n`, marker };
}

function firstWord(info: string): string {
  return info.split(/[ \t]/, 1)[0] ?? '';
}

/** A line of only fence characters may be the closing fence arriving. */
function isPartialCloser(line: string, char: string): boolean {
  const m = /^ {0,3}(`+|~+)[ \t]*$/.exec(line);
  return m !== null && m[1]?.[0] === char;
}

/** CommonMark removes up to the fence's own indentation from each content line. */
function stripIndent(line: string, indent: number): string {
  let k = 0;
  while (k < indent && line[k] === ' ') k++;
  return line.slice(k);
}
