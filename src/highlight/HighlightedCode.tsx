'use client';

/**
 * A fenced code block drawn with Shiki's tokens, as React text (never as HTML, so nothing in the
 * model's code can become markup). Plain lines are drawn until Shiki and the grammar are loaded,
 * always on the server and at hydration (so the server's HTML and the first client render agree),
 * and for the half-written last line of a block still streaming.
 * @packageDocumentation
 */
import { memo, useEffect, useReducer, useState, useSyncExternalStore, type ReactElement } from 'react';
import { kitClass, useKit } from '../components/kit.js';
import type { CodeBlockRendererProps } from '../components/markdown/plugins.js';
import { loaderVersion, markFailed, requestLanguage, subscribe, tokenizerFor, type ThemeChoice } from './loader.js';
import { HighlightSession, type TokenLine } from './session.js';

/** How long one task may spend tokenizing; the rest follows in the next task. */
const TASK_BUDGET_MS = 6;

/** What one `codeHighlight()` instance draws with. */
export interface HighlightSettings {
  themes: ThemeChoice;
  lineNumbers: boolean;
  maxLength: number;
  /** Key of the themes, for caches. */
  key: string;
}

/** Lower-cased language of an info string's first word (`TS` → `ts`). */
export function languageOf(lang: string): string {
  return lang.toLowerCase();
}

const serverVersion = (): number => 0;

/** Make the code renderer component of one settings object. */
export function createHighlightedCode(settings: HighlightSettings): (props: CodeBlockRendererProps) => ReactElement {
  return function HighlightedCode({ code, lang, complete, partialLine }: CodeBlockRendererProps): ReactElement {
    const { unstyled } = useKit();
    const language = languageOf(lang);
    // 0 on the server and during hydration: draw plain there, highlight right after.
    const version = useSyncExternalStore(subscribe, loaderVersion, serverVersion);
    const [session] = useState(() => new HighlightSession());
    const [, nudge] = useReducer((n: number) => n + 1, 0);
    const tooLong = code.length > settings.maxLength;

    useEffect(() => {
      if (!tooLong) requestLanguage(language, settings.themes);
    }, [language, tooLong]);

    const [lineCache] = useState<LineCache>(() => ({ body: '', lines: [] }));
    const lines = linesOf(lineCache, code.endsWith('\n') ? code.slice(0, -1) : code);
    const stable = complete || !partialLine ? lines.length : Math.max(0, lines.length - 1);
    const key = `${settings.key}:${language}`;
    const tokenizer = version === 0 || tooLong ? 'loading' : tokenizerFor(language, settings.themes);
    // Render draws what is tokenized already (a finished block seen before is, from the cache); new
    // lines are tokenized after the commit, in a task of their own, so an update never waits for Shiki.
    const tokens: TokenLine[] = typeof tokenizer === 'string' ? [] : session.peek(key, lines, stable);
    const behind = typeof tokenizer !== 'string' && tokens.length < stable;

    useEffect(() => {
      if (!behind || typeof tokenizer === 'string') return;
      const timer = setTimeout(() => {
        try {
          session.update(tokenizer, key, lines, stable, TASK_BUDGET_MS);
        } catch {
          markFailed(language);
        }
        nudge();
      }, 0);
      return () => clearTimeout(timer);
    });

    const lineClass = kitClass(unstyled, 'wiro-hl-line');
    return (
      <pre
        className={kitClass(unstyled, 'wiro-hl')}
        data-highlighted={tokens.length > 0 ? '' : undefined}
        data-line-numbers={settings.lineNumbers ? '' : undefined}
        data-themes={settings.themes ? '' : undefined}
      >
        <code className={lang ? `language-${lang}` : undefined}>{groups(lines, tokens, lineClass)}</code>
      </pre>
    );
  };
}

interface LineCache {
  body: string;
  lines: readonly string[];
}

/**
 * The lines of `body`. A block that streams grows at its end: its complete lines are kept from the
 * last call (the same strings, so line groups compare them by identity) and only the rest is split.
 */
function linesOf(cache: LineCache, body: string): readonly string[] {
  if (body === cache.body) return cache.lines;
  const complete = cache.lines.length - 1;
  // The kept text up to and including its last line break.
  const kept = cache.body.length - (cache.lines[complete]?.length ?? 0);
  const lines =
    complete > 0 && body.length >= kept && body.startsWith(cache.body.slice(0, kept))
      ? cache.lines.slice(0, complete).concat(body.slice(kept).split('\n'))
      : body === ''
        ? []
        : body.split('\n');
  cache.body = body;
  cache.lines = lines;
  return lines;
}

/** Lines per memoized group: a long block's finished groups are skipped whole on each update. */
const LINE_GROUP = 32;

function groups(lines: readonly string[], tokens: readonly TokenLine[], className: string | undefined): ReactElement[] {
  const out: ReactElement[] = [];
  for (let first = 0; first < lines.length; first += LINE_GROUP) {
    out.push(
      <LineGroup
        key={first}
        first={first}
        lines={lines.slice(first, first + LINE_GROUP)}
        tokens={tokens.slice(first, first + LINE_GROUP)}
        className={className}
      />,
    );
  }
  return out;
}

interface LineGroupProps {
  first: number;
  lines: readonly string[];
  /** Tokens of the group's lines tokenized so far. */
  tokens: readonly TokenLine[];
  className: string | undefined;
}

const LineGroup = /* @__PURE__ */ memo(
  function LineGroup({ first, lines, tokens, className }: LineGroupProps): ReactElement {
    return (
      <>
        {lines.map((line, k) => {
          const lineTokens = tokens[k];
          return lineTokens ? (
            <HighlightedLine key={first + k} tokens={lineTokens} className={className} />
          ) : (
            <PlainLine key={first + k} text={line} className={className} />
          );
        })}
      </>
    );
  },
  (a, b) =>
    a.first === b.first &&
    a.className === b.className &&
    a.lines.length === b.lines.length &&
    a.tokens.length === b.tokens.length &&
    a.lines.every((line, k) => line === b.lines[k]) &&
    a.tokens.every((line, k) => line === b.tokens[k]),
);

/** A tokenized line. Memoized by its tokens, which stay the same array once made. */
const HighlightedLine = /* @__PURE__ */ memo(function HighlightedLine({
  tokens,
  className,
}: {
  tokens: TokenLine;
  className: string | undefined;
}): ReactElement {
  return (
    <>
      <span className={className}>
        {tokens.map((token, k) => (
          <span key={k} style={token.style}>
            {token.content}
          </span>
        ))}
      </span>
      {'\n'}
    </>
  );
});

/** A line not (yet) tokenized. */
const PlainLine = /* @__PURE__ */ memo(function PlainLine({
  text,
  className,
}: {
  text: string;
  className: string | undefined;
}): ReactElement {
  return (
    <>
      <span className={className}>{text}</span>
      {'\n'}
    </>
  );
});
