/**
 * Hydration: HTML rendered on the server (idle streams, no socket) hydrates without a mismatch, and the
 * streams go live afterwards against the real mock server.
 */
import { act, waitFor } from '@testing-library/react';
import { StrictMode, type ReactNode } from 'react';
import { hydrateRoot, type Root } from 'react-dom/client';
import { renderToString } from 'react-dom/server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAgentSocket, type AgentSocket } from 'wiro-agent-react/core';
import { AgentSocketProvider, useAgentConnection, useAgentStream } from 'wiro-agent-react';
import { startMockAgentServer, type MockAgentServer } from 'wiro-agent-react/testing/node';
import { agentInfos, serverOptions, WAIT } from './react-harness';

let server: MockAgentServer;
let root: Root | null = null;
let container: HTMLElement;
beforeEach(async () => {
  server = await startMockAgentServer();
  container = document.createElement('div');
  document.body.appendChild(container);
});
afterEach(async () => {
  if (root) act(() => root?.unmount());
  root = null;
  container.remove();
  vi.restoreAllMocks();
  await server.close();
});

function Reply({ token }: { token: string }) {
  const stream = useAgentStream(token);
  const thinking = useAgentStream(token, (s) => s.thinking.join(' '));
  const connection = useAgentConnection();
  return (
    <article data-status={stream.status} data-connection={connection.status}>
      <p className="thinking">{thinking}</p>
      <p className="answer">{stream.answer}</p>
    </article>
  );
}

/** Render on the "server" (a throwaway socket that must stay unopened), then hydrate `client` over it. */
async function serverThenHydrate(serverTree: ReactNode, clientTree: ReactNode) {
  const html = renderToString(serverTree);
  container.innerHTML = html;
  const recoverable: unknown[] = [];
  const consoleErrors = vi.spyOn(console, 'error');
  await act(async () => {
    root = hydrateRoot(container, clientTree, { onRecoverableError: (error) => void recoverable.push(error) });
  });
  return { html, recoverable, consoleErrors };
}

const article = () => container.querySelector('article') as HTMLElement;

describe('hydration', () => {
  it('hydrates the idle server HTML without a mismatch, then the stream goes live', async () => {
    const text = 'Hydrated first, streamed after.';
    const { agenttoken } = server.createMessage({
      text,
      thinking: 'Think.',
      chunkChars: 4,
      intervalMs: 3,
      queueMs: 20,
    });
    const tree = (
      <AgentSocketProvider options={serverOptions(server)}>
        <Reply token={agenttoken} />
      </AgentSocketProvider>
    );
    const { html, recoverable, consoleErrors } = await serverThenHydrate(tree, tree);
    expect(html).toContain('data-status="idle"');
    expect(html).toContain('data-connection="idle"');
    expect(agentInfos(server)).toHaveLength(0); // the server render opened nothing

    await waitFor(() => expect(article().dataset.status).toBe('agent_end'), WAIT);
    expect(container.querySelector('.answer')?.textContent).toBe(text);
    expect(container.querySelector('.thinking')?.textContent).toBe('Think.');
    expect(article().dataset.connection).toBe('open');
    expect(recoverable).toEqual([]);
    expect(consoleErrors).not.toHaveBeenCalled();
    expect(agentInfos(server, agenttoken)).toHaveLength(1);
  });

  it('under StrictMode too', async () => {
    const text = 'StrictMode hydration.';
    const { agenttoken } = server.createMessage({ text, chunkChars: 4, intervalMs: 3, queueMs: 20 });
    const tree = (
      <StrictMode>
        <AgentSocketProvider options={serverOptions(server)}>
          <Reply token={agenttoken} />
        </AgentSocketProvider>
      </StrictMode>
    );
    const { recoverable, consoleErrors } = await serverThenHydrate(tree, tree);
    await waitFor(() => expect(article().dataset.status).toBe('agent_end'), WAIT);
    expect(container.querySelector('.answer')?.textContent).toBe(text);
    expect(recoverable).toEqual([]);
    expect(consoleErrors).not.toHaveBeenCalled();
    expect(agentInfos(server, agenttoken)).toHaveLength(1);
  });

  it('a shared socket that already streamed the token before hydration: no mismatch, then its text', async () => {
    // E.g. a socket created at module scope and subscribed by non-React code before the app hydrates.
    // The server knew nothing of it and rendered the idle stream; hydration must agree with that HTML.
    const text = 'Already known to the client before hydration.';
    const { agenttoken } = server.createMessage({ text, chunkChars: 8, intervalMs: 2, queueMs: 5 });
    let shared: AgentSocket | null = null;
    try {
      shared = createAgentSocket(serverOptions(server));
      const release = shared.subscribe(agenttoken);
      await waitFor(() => expect(shared?.getStream(agenttoken).status).toBe('agent_end'), WAIT);

      const serverSide = (
        <AgentSocketProvider socket={createAgentSocket(serverOptions(server))}>
          <Reply token={agenttoken} />
        </AgentSocketProvider>
      );
      const clientSide = (
        <AgentSocketProvider socket={shared}>
          <Reply token={agenttoken} />
        </AgentSocketProvider>
      );
      const { recoverable, consoleErrors } = await serverThenHydrate(serverSide, clientSide);
      await waitFor(() => expect(article().dataset.status).toBe('agent_end'), WAIT);
      expect(container.querySelector('.answer')?.textContent).toBe(text);
      expect(recoverable).toEqual([]);
      expect(consoleErrors).not.toHaveBeenCalled();
      release();
    } finally {
      // Unmount before closing: the close is a connection change the mounted view would render.
      if (root) act(() => root?.unmount());
      root = null;
      shared?.close();
    }
  });
});
