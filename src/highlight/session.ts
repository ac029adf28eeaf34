/**
 * Incremental highlighting of one code block: complete lines are tokenized once, in order, each
 * batch continuing from the grammar state the previous one ended in, so a block that grows by a line
 * costs that line, not the whole block again. The result for finished code is also kept in a small
 * shared cache, so a block mounted again (history, a second view) is not tokenized again.
 * @packageDocumentation
 */
import type { CSSProperties } from 'react';
import type { GrammarState, ThemedToken } from 'shiki/core';
import type { Tokenizer } from './loader.js';

/** One token as drawn: its text and its colour (shared style objects, one per distinct colour). */
export interface Token {
  content: string;
  style: CSSProperties | undefined;
}

/** The tokens of one line. */
export type TokenLine = readonly Token[];

/** Lines are tokenized in batches of this many; a render stops after the batch that used up its time. */
const BATCH = 16;

/** Finished blocks kept (by language, themes and code) for remounts. */
const CACHE_SIZE = 64;
const finished = new Map<string, TokenLine[]>();

/** A line whose tokenizer failed is drawn as one plain token. */
const plainLine = (text: string): TokenLine => (text === '' ? [] : [{ content: text, style: undefined }]);

/** The incremental state of one block (one instance per rendered block). */
export class HighlightSession {
  private key = '';
  private source = '';
  /** The source lines of `lines`, to tell whether they still begin the block. */
  private texts: readonly string[] = [];
  private lines: TokenLine[] = [];
  private state: GrammarState | undefined = undefined;

  /**
   * Bring the session up to date with `lines` (the block's lines; the first `stable` are final), using
   * at most about `budgetMs`. Returns the tokenized lines (a prefix of `lines`); an unchanged prefix
   * keeps its line arrays, so memoized line components do not re-render.
   */
  update(tokenizer: Tokenizer, key: string, lines: readonly string[], stable: number, budgetMs: number): TokenLine[] {
    if (key !== this.key || !this.matches(lines)) this.reset(key, lines, stable);
    const started = now();
    while (this.lines.length < stable && now() - started < budgetMs) {
      const from = this.lines.length;
      const to = Math.min(stable, from + BATCH);
      const chunk = lines.slice(from, to);
      let tokens: ThemedToken[][];
      try {
        const result = tokenizer.tokenize(chunk.join('\n'), this.state);
        tokens = result.tokens;
        this.state = result.state;
      } catch {
        tokens = [];
        this.state = undefined;
      }
      // Keep one token line per source line, whatever the tokenizer returned.
      this.lines = [...this.lines, ...chunk.map((text, k) => toLine(tokens[k], text))];
      this.texts = this.texts.concat(chunk);
      this.source += chunk.map((line) => `${line}\n`).join('');
    }
    if (this.lines.length === lines.length && stable === lines.length) remember(this.key, this.source, this.lines);
    return this.lines;
  }

  /**
   * The tokenized lines that still begin the block (none when it changed), without tokenizing: a
   * finished block tokenized before (by this session or another) comes from the cache.
   */
  peek(key: string, lines: readonly string[], stable: number): TokenLine[] {
    if (key === this.key && this.matches(lines)) {
      if (this.lines.length === 0 && stable === lines.length) this.reset(key, lines, stable);
      return this.lines;
    }
    this.reset(key, lines, stable);
    return this.lines;
  }

  /**
   * The lines tokenized so far are still the first lines of the block. Compared line by line, as this
   * runs on every render of a block that streams (its kept lines are mostly the same strings).
   */
  private matches(lines: readonly string[]): boolean {
    const texts = this.texts;
    if (lines.length < texts.length) return false;
    for (let k = 0; k < texts.length; k++) if (lines[k] !== texts[k]) return false;
    return true;
  }

  private reset(key: string, lines: readonly string[], stable: number): void {
    this.key = key;
    this.state = undefined;
    const whole = stable === lines.length ? lines.map((line) => `${line}\n`).join('') : '';
    const cached = whole === '' ? undefined : finished.get(cacheKey(key, whole));
    this.lines = cached ?? [];
    this.texts = cached ? lines : [];
    this.source = cached ? whole : '';
  }
}

function cacheKey(key: string, source: string): string {
  return `${key}\u0000${source}`;
}

function remember(key: string, source: string, lines: TokenLine[]): void {
  const id = cacheKey(key, source);
  if (finished.has(id)) finished.delete(id);
  finished.set(id, lines);
  if (finished.size > CACHE_SIZE) finished.delete(finished.keys().next().value as string);
}

const styles = new Map<string, CSSProperties>();

function toLine(tokens: ThemedToken[] | undefined, text: string): TokenLine {
  if (!tokens) return plainLine(text);
  // The tokens must spell the line exactly; anything else is drawn plain.
  if (tokens.map((token) => token.content).join('') !== text) return plainLine(text);
  return tokens.map((token) => ({ content: token.content, style: styleOf(token) }));
}

/** One shared style object per distinct colour and font style. */
function styleOf(token: ThemedToken): CSSProperties | undefined {
  const css: Record<string, string> = {};
  if (token.htmlStyle) {
    for (const [name, value] of Object.entries(token.htmlStyle)) css[name] = value;
  } else {
    if (token.color) css.color = token.color;
    const font = token.fontStyle ?? 0;
    if (font > 0) {
      if (font & 1) css.fontStyle = 'italic';
      if (font & 2) css.fontWeight = 'bold';
      const decorations = [font & 4 ? 'underline' : '', font & 8 ? 'line-through' : ''].filter(Boolean);
      if (decorations.length > 0) css.textDecoration = decorations.join(' ');
    }
  }
  const id = JSON.stringify(css);
  if (id === '{}') return undefined;
  let style = styles.get(id);
  if (!style) {
    style = css;
    styles.set(id, style);
  }
  return style;
}

function now(): number {
  return typeof performance === 'undefined' ? Date.now() : performance.now();
}
