/**
 * Shiki, loaded on demand: the highlighter core when the first code block asks for it, each grammar
 * when a fence names its language, each theme when a plugin names it. Nothing is imported before
 * then (dynamic `import()`), so Shiki is in no bundle's initial chunk, and nothing here runs at
 * module load or touches the DOM (server rendering imports this module too).
 *
 * Components read the state through {@link subscribe} / {@link loaderVersion}, which change
 * whenever something finished loading.
 * @packageDocumentation
 */
import type { GrammarState, HighlighterCore, LanguageInput, ThemedToken, ThemeInput } from 'shiki/core';

/** The kit's own theme: token colours are CSS variables (`--wiro-code-*`) that styles.css sets per theme. */
export const KIT_THEME = 'wiro-css-variables';

interface Shiki {
  highlighter: HighlighterCore;
  languages: Record<string, () => Promise<unknown>>;
  themes: Record<string, () => Promise<unknown>>;
}

type Status = 'loading' | 'ready' | 'failed';

let shiki: Shiki | null = null;
let shikiLoad: Promise<Shiki> | null = null;
const status = new Map<string, Status>();
const listeners = new Set<() => void>();
let version = 1;

/** Subscribe to "something finished loading". */
export function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Changes whenever a load settles (for `useSyncExternalStore`; the server's snapshot is `0`). */
export function loaderVersion(): number {
  return version;
}

function changed(): void {
  version++;
  for (const listener of [...listeners]) listener();
}

/** What {@link tokenizerFor} answers while it cannot tokenize. */
export type NotReady = 'loading' | 'unsupported';

/** Tokenizes lines of one language in one theme set, continuing from a grammar state. */
export interface Tokenizer {
  tokenize(code: string, state: GrammarState | undefined): { tokens: ThemedToken[][]; state: GrammarState | undefined };
}

/** Themes: the kit's CSS-variable theme, or a light and a dark Shiki theme by name. */
export type ThemeChoice = { light: string; dark: string } | null;

/** Plain text: no grammar to load. */
const PLAIN = /* @__PURE__ */ new Set(['', 'text', 'txt', 'plain', 'plaintext', 'plain-text']);

/**
 * Start loading what `lang` needs (the core, the grammar, the themes), unless it is loaded, loading,
 * failed or not a language Shiki knows. Call from effects, never during render.
 */
export function requestLanguage(lang: string, themes: ThemeChoice): void {
  if (PLAIN.has(lang)) return;
  if (!shiki) {
    void loadShiki().then(
      () => requestLanguage(lang, themes),
      () => undefined,
    );
    return;
  }
  const loaded = shiki;
  if (!has(loaded.languages, lang)) return;
  load(`lang:${lang}`, async () => {
    await loaded.highlighter.loadLanguage(loaded.languages[lang] as LanguageInput);
    // The engine compiles a grammar's patterns on first use, which can take a good part of a second:
    // do it here, in the loading task, rather than in the first render that highlights.
    loaded.highlighter.codeToTokens('a = f(1, "b") // c\n', { lang, theme: KIT_THEME, ...LIMITS });
  });
  if (themes) {
    for (const name of [themes.light, themes.dark]) {
      if (!has(loaded.themes, name)) {
        status.set(`theme:${name}`, 'failed');
        continue;
      }
      load(`theme:${name}`, async () => {
        await loaded.highlighter.loadTheme(loaded.themes[name] as ThemeInput);
      });
    }
  }
}

/**
 * A tokenizer for `lang` when everything it needs is loaded; else whether it is still coming or
 * will never be (unknown language, failed grammar or theme: the code stays plain).
 */
export function tokenizerFor(lang: string, themes: ThemeChoice): Tokenizer | NotReady {
  if (PLAIN.has(lang)) return 'unsupported';
  if (status.get('core') === 'failed') return 'unsupported';
  if (!shiki) return 'loading';
  if (!has(shiki.languages, lang)) return 'unsupported';
  const keys = [`lang:${lang}`, ...(themes ? [`theme:${themes.light}`, `theme:${themes.dark}`] : [])];
  for (const key of keys) {
    const state = status.get(key);
    if (state === 'failed') return 'unsupported';
    if (state !== 'ready') return 'loading';
  }
  const highlighter = shiki.highlighter;
  if (!themes) {
    return {
      tokenize(code, grammarState) {
        const result = highlighter.codeToTokens(code, { lang, theme: KIT_THEME, grammarState, ...LIMITS });
        return { tokens: result.tokens, state: result.grammarState };
      },
    };
  }
  return {
    tokenize(code, grammarState) {
      const result = highlighter.codeToTokens(code, {
        lang,
        themes: { light: themes.light, dark: themes.dark },
        defaultColor: false,
        cssVariablePrefix: '--wiro-hl-',
        grammarState,
        ...LIMITS,
      });
      return { tokens: result.tokens, state: result.grammarState };
    },
  };
}

/** A grammar that fails to load or tokenize leaves its code plain from then on. */
export function markFailed(lang: string): void {
  if (status.get(`lang:${lang}`) === 'failed') return;
  status.set(`lang:${lang}`, 'failed');
  changed();
}

/** Pathological lines are drawn plain rather than tokenized for long. */
const LIMITS = { tokenizeMaxLineLength: 5000, tokenizeTimeLimit: 500 } as const;

function has(record: Record<string, unknown>, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(record, key);
}

function load(key: string, run: () => Promise<void>): void {
  if (status.has(key)) return;
  status.set(key, 'loading');
  run().then(
    () => {
      status.set(key, 'ready');
      changed();
    },
    () => {
      status.set(key, 'failed');
      changed();
    },
  );
}

function loadShiki(): Promise<Shiki> {
  shikiLoad ??= (async () => {
    status.set('core', 'loading');
    try {
      const [core, engine, langs, themes] = await Promise.all([
        import('shiki/core'),
        import('shiki/engine/javascript'),
        import('shiki/langs'),
        import('shiki/themes'),
      ]);
      const highlighter = await core.createHighlighterCore({
        // The JavaScript regex engine: no WebAssembly to fetch, and it runs wherever the page does.
        // Not `forgiving`: a pattern it cannot translate fails the grammar (drawn plain) instead of
        // silently colouring whole lines wrong.
        engine: engine.createJavaScriptRegexEngine(),
        themes: [core.createCssVariablesTheme({ name: KIT_THEME, variablePrefix: '--wiro-code-', fontStyle: true })],
        langs: [],
      });
      shiki = {
        highlighter,
        languages: langs.bundledLanguages,
        themes: themes.bundledThemes,
      };
      status.set('core', 'ready');
      changed();
      return shiki;
    } catch (error) {
      status.set('core', 'failed');
      changed();
      throw error;
    }
  })();
  return shikiLoad;
}
