/**
 * Storybook loader that gives each story a mocked Wiro: msw's browser worker is started once, and
 * each story that sets `parameters.agent` gets its own in-memory agent with WebSocket and REST handlers
 * on URLs of its own.
 *
 * Why our own loader rather than msw-storybook-addon: the addon types handlers as HTTP only and its
 * Storybook 9/10 issues were open; here we also need per-story URLs, because a docs page renders many
 * stories at once and resetting handlers for one would cut off the others.
 *
 * It also counts the mocked sockets the page holds open (`window.__wiroStorybookMocks`), so the
 * end-to-end tests can check that a story's sockets close when another story is shown.
 */
import type { ReactRenderer } from '@storybook/react-vite';
import type { LoaderFunction } from 'storybook/internal/types';
import { ws, type WebSocketHandler } from 'msw';
import { setupWorker, type SetupWorker } from 'msw/browser';
import { createMockAgentBackend, type MockAgentBackend } from 'wiro-agent-react/testing';
import { agentApiHandlers, agentSocketHandlers } from 'wiro-agent-react/testing/msw';
import type { AgentMock, AgentMockParameters } from '../stories/support/mocks';

let worker: Promise<SetupWorker> | null = null;
/** Backends of the stories on screen: stopped when another story is shown, so no script keeps running. */
const live = new Set<MockAgentBackend>();
let renders = 0;
/** Mocked sockets the page holds open, by URL, as the mocked server sees them. */
const openSockets = new Map<string, number>();
/** Connections ever opened, by URL (reconnections included). */
const socketsOpened = new Map<string, number>();

/**
 * What the end-to-end tests read to check that a story's sockets close when another story is shown
 * (`window.__wiroStorybookMocks.openSockets()`). Only URLs; no story state.
 */
export interface StorybookMockProbe {
  /** The URL of every mocked socket still open, once per open connection. */
  openSockets(): string[];
  /** How many connections were opened to the mocked socket at `url` (reconnections included). */
  socketsOpened(url: string): number;
}

function exposeProbe(): void {
  const probe: StorybookMockProbe = {
    openSockets: () => [...openSockets].flatMap(([url, count]) => Array.from({ length: count }, () => url)),
    socketsOpened: (url) => socketsOpened.get(url) ?? 0,
  };
  (window as unknown as { __wiroStorybookMocks?: StorybookMockProbe }).__wiroStorybookMocks = probe;
}

/** A handler that only counts the connections to `url` and their closing (every matching msw handler sees each). */
function socketCounter(url: string): WebSocketHandler {
  const change = (by: number): void => {
    const count = (openSockets.get(url) ?? 0) + by;
    if (count > 0) openSockets.set(url, count);
    else openSockets.delete(url);
  };
  return ws.link(url).addEventListener('connection', ({ client }) => {
    socketsOpened.set(url, (socketsOpened.get(url) ?? 0) + 1);
    change(1);
    client.addEventListener('close', () => change(-1));
  });
}

function startWorker(): Promise<SetupWorker> {
  worker ??= (async () => {
    exposeProbe();
    const created = setupWorker();
    await created.start({
      onUnhandledRequest: 'bypass',
      quiet: true,
      serviceWorker: { url: './mockServiceWorker.js' },
    });
    return created;
  })();
  return worker;
}

/** Loads `loaded.agent` for stories with `parameters.agent`. */
export const agentMockLoader: LoaderFunction<ReactRenderer> = async (context) => {
  const params = context.parameters.agent as AgentMockParameters | undefined;
  if (params === undefined) return {};
  const msw = await startWorker();

  const render = ++renders;
  // Distinct per render as well as per story: a previous visit's socket, closing, never meets the new mock.
  const scope = `${context.id}/${render}`;
  const backend = createMockAgentBackend(params.reply ? { reply: params.reply } : {});
  const agent: AgentMock = {
    socketUrl: `wss://socket.storybook.test/${scope}/v1`,
    apiBaseUrl: `${window.location.origin}/mock-api/${scope}/v1`,
    token: `story-${context.id}-${render}`,
    useragentguid: 'storybook-agent',
    sessionkey: `session-${render}`,
    backend,
  };
  const handlers = [
    // First, so it sees a connection before the mock (which may refuse it at once) handles it.
    socketCounter(agent.socketUrl),
    ...agentSocketHandlers(params.scenario, {
      url: agent.socketUrl,
      backend,
      ...(params.connections ? { acceptConnection: params.connections() } : {}),
    }),
    ...agentApiHandlers({ baseUrl: agent.apiBaseUrl, backend }),
  ];

  if (context.viewMode === 'docs') {
    // Many stories share a docs page: add ours beside theirs.
    msw.use(...handlers);
  } else {
    for (const old of live) old.dispose();
    live.clear();
    msw.resetHandlers(...handlers);
  }
  live.add(backend);

  if (params.seed) {
    params.seed(backend, { useragentguid: agent.useragentguid, sessionkey: agent.sessionkey });
    await settled(backend, agent.useragentguid, agent.sessionkey);
  }
  return { agent };
};

/** Wait (briefly) until every seeded message of the session has finished, so history renders complete. */
async function settled(backend: MockAgentBackend, useragentguid: string, sessionkey: string): Promise<void> {
  const deadline = Date.now() + 3000;
  while (Date.now() < deadline) {
    const page = backend.history({ useragentguid, sessionkey, limit: 200 });
    const running =
      page.result && page.data.messages.some((m) => !['agent_end', 'agent_error', 'agent_cancel'].includes(m.status));
    if (!running) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
