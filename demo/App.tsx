import { useEffect, useMemo, useState, type ReactElement } from 'react';
import { createAgentApi, type AgentApi } from 'wiro-agent-react/core';
import { AgentChat, AgentSocketProvider } from 'wiro-agent-react';
import { codeHighlight } from 'wiro-agent-react/highlight';
import { math } from 'wiro-agent-react/math';
import type { DemoConfig } from './config';
import { DEMO_PROMPTS } from './replies';
import { isRunModelPage, RunModelPage } from './RunModel';
import { wholeHistory } from './whole-history';

type Theme = 'light' | 'dark';

/** Highlighted code (Shiki, loaded with the first code block) and math (KaTeX) in every reply. */
const PLUGINS = [codeHighlight(), math()];
const THEME_KEY = 'wiro-demo-theme';

/** What the page's query asks for. */
interface DemoQuery {
  /** `?streams=20` (or the older `?chats=20`): that many chats, all streaming over one socket. */
  chats: number;
  /** `?turns=5000`: open a conversation the mock agent holds that many turns of (mock mode only). */
  turns: number;
  /** `?session=name`: the conversation (the demo user's `name`); `null` opens a new one. */
  session: string | null;
}

function readQuery(): DemoQuery {
  const query = new URLSearchParams(window.location.search);
  const count = (name: string, max: number): number =>
    Math.min(max, Math.max(0, Number.parseInt(query.get(name) ?? '0', 10) || 0));
  const chats = Math.max(1, count('streams', 200) || count('chats', 200));
  const turns = count('turns', 20_000);
  return { chats, turns, session: query.get('session') || (turns > 0 ? `turns-${turns}` : null) };
}

/** Keep the conversation shown in the address, so a reload opens it again. */
function rememberSession(name: string): void {
  const url = new URL(window.location.href);
  url.searchParams.set('session', name);
  window.history.replaceState(null, '', url);
}

function initialTheme(): Theme {
  const saved = window.localStorage.getItem(THEME_KEY);
  if (saved === 'light' || saved === 'dark') return saved;
  return window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

function ThemeToggle({ theme, onChange }: { theme: Theme; onChange: (theme: Theme) => void }): ReactElement {
  const dark = theme === 'dark';
  return (
    <button type="button" className="demo-toggle" aria-pressed={dark} onClick={() => onChange(dark ? 'light' : 'dark')}>
      <span aria-hidden="true">{dark ? '☾' : '☀'}</span> Dark theme
    </button>
  );
}

/** The demo: one chat (or a grid of chats sharing one socket) against the proxy and the agent socket. */
export function App({ config }: { config: DemoConfig }): ReactElement {
  const [{ chats, turns, session }] = useState(readQuery);
  const [runModel] = useState(isRunModelPage);
  const [theme, setTheme] = useState<Theme>(initialTheme);
  // The browser only knows the proxy's URL: the API key lives in the Node process behind it.
  const api = useMemo(() => createAgentApi({ baseUrl: config.apiBaseUrl }), [config.apiBaseUrl]);
  const suggestions =
    config.mode === 'mock'
      ? Object.values(DEMO_PROMPTS).filter((prompt) => prompt !== DEMO_PROMPTS.grid)
      : ['What can you do?'];

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
    window.localStorage.setItem(THEME_KEY, theme);
  }, [theme]);

  return (
    <div className="demo-app">
      <header className="demo-header">
        <strong className="demo-title">wiro-agent-react</strong>
        <span className="demo-badge" data-mode={config.mode}>
          {config.mode === 'mock' ? 'mock agent' : 'live Wiro agent'}
        </span>
        <nav className="demo-nav" aria-label="Demo pages">
          <a href="?" aria-current={chats === 1 && !runModel ? 'page' : undefined}>
            One chat
          </a>
          <a href="?run" aria-current={runModel ? 'page' : undefined}>
            Run a model
          </a>
          <a href="?streams=20" aria-current={chats > 1 ? 'page' : undefined}>
            20 chats, one socket
          </a>
          {config.mode === 'mock' ? (
            <a href="?turns=10000" aria-current={turns > 0 ? 'page' : undefined}>
              10,000 turns
            </a>
          ) : null}
        </nav>
        <ThemeToggle theme={theme} onChange={setTheme} />
      </header>
      <main className="demo-main">
        {chats > 1 ? (
          <ChatGrid count={chats} config={config} api={api} />
        ) : runModel ? (
          <RunModelPage config={config} api={api}>
            <AgentChat
              api={api}
              useragentguid={config.useragentguid}
              sessionkey={config.sessionPrefix + (session ?? 'demo')}
              title="Agent"
              suggestions={suggestions}
              plugins={PLUGINS}
            />
          </RunModelPage>
        ) : turns > 0 && config.mode === 'mock' ? (
          <LongThread
            turns={turns}
            session={session ?? `turns-${turns}`}
            config={config}
            api={api}
            suggestions={suggestions}
          />
        ) : (
          <div className="demo-single demo-conversations">
            {/* The demo user's conversations in the sidebar; every call is bound to their namespace by the proxy. */}
            <AgentChat
              api={api}
              useragentguid={config.useragentguid}
              sessions
              sessionKeyPrefix={config.sessionPrefix}
              sessionkey={session === null ? undefined : config.sessionPrefix + session}
              onSessionChange={(sessionkey) => rememberSession(sessionkey.slice(config.sessionPrefix.length))}
              socketUrl={config.socketUrl}
              title="Agent"
              suggestions={suggestions}
              plugins={PLUGINS}
              accept="image/*,.pdf,.txt,.md,.csv,.json"
              maxFileBytes={10_000_000}
              maxFiles={4}
              onFeedback={(event) => console.info('feedback', event.messageguid, event.value, event.comment ?? '')}
              showMetrics
              autoFocus
            />
          </div>
        )}
      </main>
    </div>
  );
}

/**
 * A conversation of `turns` turns, stored by the mock agent before the chat opens and loaded whole:
 * only the turns in view are mounted, so it scrolls, streams and sends like a short one.
 */
function LongThread(props: {
  turns: number;
  session: string;
  config: DemoConfig;
  api: AgentApi;
  suggestions: readonly string[];
}): ReactElement {
  const { turns, session, config } = props;
  const [ready, setReady] = useState<number | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const api = useMemo(() => wholeHistory(props.api), [props.api]);

  useEffect(() => {
    let live = true;
    fetch('/__demo/seed', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ sessionkey: session, turns }),
    })
      .then(async (response) => {
        if (!response.ok) throw new Error(`the mock agent refused (${response.status})`);
        return ((await response.json()) as { turns: number }).turns;
      })
      .then(
        (stored) => live && setReady(stored),
        (error: unknown) => live && setFailed(error instanceof Error ? error.message : String(error)),
      );
    return () => {
      live = false;
    };
  }, [session, turns]);

  if (failed !== null) return <p className="demo-note">Could not prepare the conversation: {failed}</p>;
  if (ready === null) {
    return (
      <p className="demo-note" role="status">
        The mock agent is storing {turns.toLocaleString('en')} turns…
      </p>
    );
  }
  return (
    <div className="demo-single">
      <AgentChat
        api={api}
        useragentguid={config.useragentguid}
        sessionkey={config.sessionPrefix + session}
        socketUrl={config.socketUrl}
        title={`Agent · ${ready.toLocaleString('en')} turns`}
        suggestions={props.suggestions}
        plugins={PLUGINS}
        autoFocus
      />
    </div>
  );
}

/** Many chats under ONE provider: every reply streams over the same WebSocket. */
function ChatGrid({ count, config, api }: { count: number; config: DemoConfig; api: AgentApi }): ReactElement {
  // Fresh sessions on each visit, so the grid starts empty.
  const [run] = useState(() => Math.random().toString(36).slice(2, 8));
  return (
    <AgentSocketProvider url={config.socketUrl}>
      <div className="demo-grid">
        {Array.from({ length: count }, (_, i) => (
          <div className="demo-cell" key={i}>
            <AgentChat
              api={api}
              useragentguid={config.useragentguid}
              sessionkey={`${config.sessionPrefix}grid-${run}-${i + 1}`}
              title={`Chat ${i + 1}`}
              suggestions={[config.mode === 'mock' ? DEMO_PROMPTS.grid : 'What can you do?']}
              storage={null}
              allowAttachments={false}
            />
          </div>
        ))}
      </div>
    </AgentSocketProvider>
  );
}
