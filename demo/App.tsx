import { useEffect, useMemo, useState, type ReactElement } from 'react';
import { createAgentApi, type AgentApi } from 'wiro-agent-react/core';
import { AgentChat, AgentSocketProvider } from 'wiro-agent-react';
import type { DemoConfig } from './config';
import { DEMO_PROMPTS } from './replies';

type Theme = 'light' | 'dark';
const THEME_KEY = 'wiro-demo-theme';

/** The page's query: `?chats=20` shows 20 chats on one socket; `?session=name` picks the conversation. */
function readQuery(): { chats: number; session: string } {
  const query = new URLSearchParams(window.location.search);
  const chats = Math.min(50, Math.max(1, Number.parseInt(query.get('chats') ?? '1', 10) || 1));
  return { chats, session: query.get('session') || 'demo' };
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
  const [{ chats, session }] = useState(readQuery);
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
          <a href="?" aria-current={chats === 1 ? 'page' : undefined}>
            One chat
          </a>
          <a href="?chats=20" aria-current={chats > 1 ? 'page' : undefined}>
            20 chats, one socket
          </a>
        </nav>
        <ThemeToggle theme={theme} onChange={setTheme} />
      </header>
      <main className="demo-main">
        {chats > 1 ? (
          <ChatGrid count={chats} config={config} api={api} />
        ) : (
          <div className="demo-single">
            <AgentChat
              api={api}
              useragentguid={config.useragentguid}
              sessionkey={session}
              socketUrl={config.socketUrl}
              title="Agent"
              suggestions={suggestions}
              showMetrics
              autoFocus
            />
          </div>
        )}
      </main>
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
              sessionkey={`grid-${run}-${i + 1}`}
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
