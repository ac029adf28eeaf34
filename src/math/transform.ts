/**
 * The math plugin's rewrite of a block before it is parsed: LaTeX's own delimiters `\(…\)` and
 * `\[…\]` become remark-math's (`$$…$$` inline, `$$$…$$$` for display, which the remark step reads
 * back as display math), and, in the unfinished tail of a streaming answer, a `$$` block or a `\[`
 * whose end has not arrived is shown as the text it is so far instead of a formula failing to parse.
 * Code (fences, indented lines after a fence's start, inline code spans) is never touched.
 * @packageDocumentation
 */

/** Container markers (quotes, list items) before a line's content. */
const CONTAINER = /^(?:[ \t]*(?:>|[-+*](?=[ \t])|\d{1,9}[.)](?=[ \t])))*[ \t]*/;
const CODE_FENCE = /^(`{3,}|~{3,})/;
const MATH_OPEN = /^(\${2,})[^$]*$/;

/** Rewrite `markdown` for remark-math; `live` for the healed last block of a text still streaming. */
export function transformMath(markdown: string, live: boolean): string {
  if (!markdown.includes('\\(') && !markdown.includes('\\[') && !(live && markdown.includes('$$'))) return markdown;
  const lines = markdown.split('\n');
  const out: string[] = [];
  let prose: string[] = [];
  let fence: string | null = null;
  /** Index in `out` of a `$$` line that opened display math not closed yet, and its run. */
  let mathOpen: { index: number; run: string } | null = null;

  const flush = (): void => {
    if (prose.length === 0) return;
    out.push(...convertDelimiters(prose.join('\n'), live).split('\n'));
    prose = [];
  };

  for (const line of lines) {
    const content = line.replace(CONTAINER, '');
    if (fence) {
      out.push(line);
      if (content.startsWith(fence) && content.slice(fence.length).trim() === '') fence = null;
      continue;
    }
    const codeFence = CODE_FENCE.exec(content)?.[1];
    if (codeFence && !mathOpen) {
      flush();
      fence = codeFence;
      out.push(line);
      continue;
    }
    const dollars = MATH_OPEN.exec(content.trimEnd());
    if (dollars?.[1]) {
      flush();
      if (!mathOpen) mathOpen = { index: out.length, run: dollars[1] };
      else if (content.trim() === content.trim().replace(/[^$]/g, '') && dollars[1].length >= mathOpen.run.length) {
        mathOpen = null;
      }
      out.push(line);
      continue;
    }
    if (mathOpen) out.push(line);
    else prose.push(line);
  }
  flush();
  if (live && mathOpen) {
    // Display math whose closing `$$` is still to come: its source, as text, until it arrives.
    const opener = out[mathOpen.index] ?? '';
    out[mathOpen.index] = opener.replace(/\$/g, '\\$');
  }
  return out.join('\n');
}

/** `\(…\)` and `\[…\]` outside inline code, in prose lines. */
function convertDelimiters(text: string, live: boolean): string {
  if (!text.includes('\\(') && !text.includes('\\[')) return text;
  let result = '';
  let k = 0;
  while (k < text.length) {
    const tick = text.indexOf('`', k);
    const end = tick === -1 ? text.length : tick;
    result += convertSpan(text.slice(k, end), live);
    if (tick === -1) break;
    // An inline code span: copied as it is, up to its closing run (or the end).
    let run = 1;
    while (text[tick + run] === '`') run++;
    const close = text.indexOf('`'.repeat(run), tick + run);
    const stop = close === -1 ? text.length : close + run;
    result += text.slice(tick, stop);
    k = stop;
  }
  return result;
}

function convertSpan(text: string, live: boolean): string {
  let s = text
    .replace(/\\\[([\s\S]+?)\\\]/g, (_match, tex: string) => `$$$${tex}$$$`)
    .replace(/\\\(([\s\S]+?)\\\)/g, (_match, tex: string) => `$$${tex}$$`);
  // An opener whose closer has not arrived: shown as written (an escaped backslash), not as `[` or `(`.
  if (live) s = s.replace(/\\([[(])/g, '\\\\$1');
  return s;
}
