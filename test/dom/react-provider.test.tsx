/**
 * `<AgentSocketProvider>` ownership and scoping, `useAgentSocket`, and `useAgentConnection`, against the
 * real mock server.
 */
import { cleanup, render, renderHook, screen, waitFor } from '@testing-library/react';
import { useEffect, type ReactNode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { createAgentSocket, type AgentSocket, type ConnectionState } from 'wiro-agent-react/core';
import { AgentSocketProvider, useAgentConnection, useAgentSocket, useAgentStream } from 'wiro-agent-react';
import { startMockAgentServer, type MockAgentServer } from 'wiro-agent-react/testing/node';
import {
  agentInfos,
  countingWebSocket,
  RecordingBoundary,
  serverOptions,
  WAIT,
  mockServerPerTest,
} from './react-harness';

let server: MockAgentServer;
mockServerPerTest((started) => (server = started));

function Reply({ token, id = 'reply' }: { token: string; id?: string }) {
  const stream = useAgentStream(token);
  return (
    <p data-testid={id} data-status={stream.status}>
      {stream.answer}
    </p>
  );
}

const queued = () => server.createMessage({ text: 'queued for the whole test', queueMs: 600_000 }).agenttoken;

describe('<AgentSocketProvider> ownership', () => {
  it('closes the socket it created on unmount, and never closes a socket passed in', async () => {
    const passed = createAgentSocket(serverOptions(server));
    const a = queued();
    const b = queued();
    try {
      const view = render(
        <>
          <AgentSocketProvider socket={passed}>
            <Reply token={a} id="passed" />
          </AgentSocketProvider>
          <AgentSocketProvider options={serverOptions(server)}>
            <Reply token={b} id="owned" />
          </AgentSocketProvider>
        </>,
      );
      await waitFor(() => expect(screen.getByTestId('passed').dataset.status).toBe('agent_queue'), WAIT);
      await waitFor(() => expect(screen.getByTestId('owned').dataset.status).toBe('agent_queue'), WAIT);
      expect(server.connectionCount()).toBe(2);

      view.unmount();
      // Both providers unmounted together; once the owned socket is gone on the server side, the
      // deferred close has run for both, and the passed-in one is still open.
      await waitFor(() => expect(server.connectionCount()).toBe(1), WAIT);
      expect(passed.connection.status).toBe('open');

      // Still usable by its owner: a new subscription goes out on the same connection.
      const c = queued();
      const release = passed.subscribe(c);
      await waitFor(() => expect(agentInfos(server, c)).toHaveLength(1), WAIT);
      expect(agentInfos(server, c)[0]?.[0]).toBe(agentInfos(server, a)[0]?.[0]);
      release();
    } finally {
      passed.close();
    }
  });

  it('nested providers: the inner one wins for its subtree', async () => {
    const other = await startMockAgentServer();
    try {
      const outerToken = server.createMessage({
        text: 'From the outer server.',
        chunkChars: 6,
        intervalMs: 2,
        queueMs: 5,
      }).agenttoken;
      const innerToken = other.createMessage({
        text: 'From the inner server.',
        chunkChars: 6,
        intervalMs: 2,
        queueMs: 5,
      }).agenttoken;
      const sockets: Record<string, AgentSocket> = {};
      function Grab({ name }: { name: string }) {
        const socket = useAgentSocket();
        useEffect(() => {
          sockets[name] = socket;
        }, [name, socket]);
        return null;
      }
      render(
        <AgentSocketProvider options={serverOptions(server)}>
          <Grab name="outer" />
          <Reply token={outerToken} id="outer" />
          <AgentSocketProvider options={serverOptions(other)}>
            <Grab name="inner" />
            <Reply token={innerToken} id="inner" />
          </AgentSocketProvider>
        </AgentSocketProvider>,
      );
      await waitFor(() => expect(screen.getByTestId('inner').dataset.status).toBe('agent_end'), WAIT);
      await waitFor(() => expect(screen.getByTestId('outer').dataset.status).toBe('agent_end'), WAIT);
      expect(screen.getByTestId('inner').textContent).toBe('From the inner server.');
      expect(screen.getByTestId('outer').textContent).toBe('From the outer server.');
      expect(sockets.inner).not.toBe(sockets.outer);
      expect(agentInfos(other).map(([, t]) => t)).toEqual([innerToken]);
      expect(agentInfos(server).map(([, t]) => t)).toEqual([outerToken]);
    } finally {
      cleanup();
      await other.close();
    }
  });

  it('two providers on a page: two sockets, each subscribes once, both show the exact text', async () => {
    const text = 'Two providers, two connections, one reply each.';
    const token = server.createMessage({ text, chunkChars: 5, intervalMs: 2, queueMs: 5 }).agenttoken;
    const ws = countingWebSocket();
    render(
      <>
        <AgentSocketProvider options={serverOptions(server, { WebSocket: ws.WebSocket })}>
          <Reply token={token} id="left" />
        </AgentSocketProvider>
        <AgentSocketProvider options={serverOptions(server, { WebSocket: ws.WebSocket })}>
          <Reply token={token} id="right" />
        </AgentSocketProvider>
      </>,
    );
    await waitFor(() => expect(screen.getByTestId('left').dataset.status).toBe('agent_end'), WAIT);
    await waitFor(() => expect(screen.getByTestId('right').dataset.status).toBe('agent_end'), WAIT);
    expect(screen.getByTestId('left').textContent).toBe(text);
    expect(screen.getByTestId('right').textContent).toBe(text);
    expect(ws.opened()).toBe(2);
    const infos = agentInfos(server, token);
    expect(infos).toHaveLength(2);
    expect(new Set(infos.map(([c]) => c)).size).toBe(2);
  });

  it('a provider that remounts (new key) gets a fresh socket and the old one is closed', async () => {
    const text = 'Remounted provider, same reply, exact.';
    const token = server.createMessage({ text, chunkChars: 2, intervalMs: 6, queueMs: 5 }).agenttoken;
    const seen: AgentSocket[] = [];
    function Grab() {
      const socket = useAgentSocket();
      if (seen.at(-1) !== socket) seen.push(socket);
      return null;
    }
    const tree = (key: string) => (
      <AgentSocketProvider key={key} options={serverOptions(server)}>
        <Grab />
        <Reply token={token} />
      </AgentSocketProvider>
    );
    const view = render(tree('one'));
    await waitFor(() => expect(screen.getByTestId('reply').textContent).not.toBe(''), WAIT);
    view.rerender(tree('two'));
    await waitFor(() => expect(screen.getByTestId('reply').dataset.status).toBe('agent_end'), WAIT);
    expect(screen.getByTestId('reply').textContent).toBe(text);
    expect(seen).toHaveLength(2);
    expect(seen[0]?.connection.status).toBe('closed');
    expect(seen[1]?.connection.status).toBe('open');
    await waitFor(() => expect(server.connectionCount()).toBe(1), WAIT);
  });

  it('a new url prop moves the subtree to a socket on the new server and closes the old one', async () => {
    const other = await startMockAgentServer();
    try {
      const onA = server.createMessage({ text: 'still queued on A', queueMs: 600_000 }).agenttoken;
      const text = 'Answered by server B, exact.';
      const onB = other.createMessage({ text, chunkChars: 3, intervalMs: 4, queueMs: 5 }).agenttoken;
      const { url: _ignored, ...options } = serverOptions(server);
      const tree = (url: string, token: string) => (
        <AgentSocketProvider url={url} options={options}>
          <Reply token={token} />
        </AgentSocketProvider>
      );
      const view = render(tree(server.url, onA));
      await waitFor(() => expect(agentInfos(server).map(([, t]) => t)).toEqual([onA]), WAIT);

      view.rerender(tree(other.url, onB));
      await waitFor(() => expect(screen.getByTestId('reply').dataset.status).toBe('agent_end'), WAIT);
      expect(screen.getByTestId('reply').textContent).toBe(text);
      expect(agentInfos(other).map(([, t]) => t)).toEqual([onB]);
      // The socket made for the old URL is closed, not left connected beside the new one.
      await waitFor(() => expect(server.connectionCount()).toBe(0), WAIT);
      expect(other.connectionCount()).toBe(1);
      view.unmount();
    } finally {
      await other.close();
    }
  });

  it('a passed-in socket that changes: consumers move to the new socket and release the old one', async () => {
    const text = 'Moved to the second socket.';
    const token = server.createMessage({ text, chunkChars: 2, intervalMs: 6, queueMs: 5 }).agenttoken;
    const first = createAgentSocket(serverOptions(server, { idleTimeoutMs: 10 }));
    const second = createAgentSocket(serverOptions(server));
    try {
      const view = render(
        <AgentSocketProvider socket={first}>
          <Reply token={token} />
        </AgentSocketProvider>,
      );
      await waitFor(() => expect(screen.getByTestId('reply').textContent).not.toBe(''), WAIT);
      view.rerender(
        <AgentSocketProvider socket={second}>
          <Reply token={token} />
        </AgentSocketProvider>,
      );
      await waitFor(() => expect(screen.getByTestId('reply').dataset.status).toBe('agent_end'), WAIT);
      expect(screen.getByTestId('reply').textContent).toBe(text);
      // Released on the first socket: with nothing live it goes idle and closes by itself.
      await waitFor(() => expect(first.connection.status).toBe('closed'), WAIT);
      expect(agentInfos(server, token).map(([c]) => c)).toEqual([1, 2]);
    } finally {
      first.close();
      second.close();
    }
  });

  it('switching from a passed-in socket to none: the provider makes its own instead of leaving the tree without one', async () => {
    const text = 'Still streaming after the socket prop went away.';
    const token = server.createMessage({ text, chunkChars: 2, intervalMs: 6, queueMs: 5 }).agenttoken;
    const passed = createAgentSocket(serverOptions(server));
    const caught: unknown[] = [];
    try {
      const tree = (socket: AgentSocket | undefined) => (
        <RecordingBoundary caught={caught}>
          <AgentSocketProvider socket={socket} options={serverOptions(server)}>
            <Reply token={token} />
          </AgentSocketProvider>
        </RecordingBoundary>
      );
      const view = render(tree(passed));
      await waitFor(() => expect(screen.getByTestId('reply').textContent).not.toBe(''), WAIT);
      view.rerender(tree(undefined));
      await waitFor(() => expect(screen.getByTestId('reply').dataset.status).toBe('agent_end'), WAIT);
      expect(screen.getByTestId('reply').textContent).toBe(text);
      expect(caught).toEqual([]);
      view.unmount();
      // The socket it made for itself is closed on unmount; the passed one is not.
      await waitFor(() => expect(server.connectionCount()).toBe(1), WAIT);
      expect(passed.connection.status).toBe('open');
    } finally {
      passed.close();
    }
  });

  it('mounts again after a full unmount (e.g. a route change) and streams normally', async () => {
    const first = server.createMessage({ text: 'Before.', chunkChars: 3, intervalMs: 2, queueMs: 5 }).agenttoken;
    const second = server.createMessage({
      text: 'After the route came back.',
      chunkChars: 3,
      intervalMs: 2,
      queueMs: 5,
    }).agenttoken;
    const view = render(
      <AgentSocketProvider options={serverOptions(server)}>
        <Reply token={first} />
      </AgentSocketProvider>,
    );
    await waitFor(() => expect(screen.getByTestId('reply').textContent).toBe('Before.'), WAIT);
    view.unmount();
    await waitFor(() => expect(server.connectionCount()).toBe(0), WAIT);
    render(
      <AgentSocketProvider options={serverOptions(server)}>
        <Reply token={second} />
      </AgentSocketProvider>,
    );
    await waitFor(() => expect(screen.getByTestId('reply').dataset.status).toBe('agent_end'), WAIT);
    expect(screen.getByTestId('reply').textContent).toBe('After the route came back.');
  });
});

describe('useAgentSocket', () => {
  it('returns the provider’s socket', () => {
    const socket = createAgentSocket(serverOptions(server));
    const wrapper = ({ children }: { children: ReactNode }) => (
      <AgentSocketProvider socket={socket}>{children}</AgentSocketProvider>
    );
    const { result } = renderHook(() => useAgentSocket(), { wrapper });
    expect(result.current).toBe(socket);
  });

  it('throws a clear message without a provider', () => {
    const caught: unknown[] = [];
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => {});
    function Custom() {
      useAgentSocket();
      return null;
    }
    render(
      <RecordingBoundary caught={caught}>
        <Custom />
      </RecordingBoundary>,
    );
    consoleError.mockRestore();
    expect(caught).toHaveLength(1);
    expect((caught[0] as Error).message).toBe(
      'useAgentSocket: no <AgentSocketProvider> above this component. Wrap your app (or the chat) in one.',
    );
  });
});

describe('useAgentConnection', () => {
  it('is idle without a provider, and useAgentStream(null) is idle too', () => {
    const { result } = renderHook(() => ({ connection: useAgentConnection(), stream: useAgentStream(null) }));
    expect(result.current.connection).toEqual({ status: 'idle', attempt: 0, lastError: null, nextRetryAt: null });
    expect(result.current.stream.status).toBe('idle');
    expect(result.current.stream.answer).toBe('');
  });

  it('is idle under a provider until something subscribes (a null token opens nothing)', async () => {
    const ws = countingWebSocket();
    const wrapper = ({ children }: { children: ReactNode }) => (
      <AgentSocketProvider options={serverOptions(server, { WebSocket: ws.WebSocket })}>{children}</AgentSocketProvider>
    );
    const { result } = renderHook(() => ({ connection: useAgentConnection(), stream: useAgentStream(null) }), {
      wrapper,
    });
    expect(result.current.connection.status).toBe('idle');
    expect(ws.opened()).toBe(0);
  });

  it('reports reconnecting with the attempt number on a drop, then open again; the reply still ends exact', async () => {
    const text = 'The connection drops halfway and the reply still arrives whole.';
    const token = server.createMessage({ text, chunkChars: 3, intervalMs: 10, queueMs: 5 }).agenttoken;
    const states: ConnectionState[] = [];
    function Status() {
      const connection = useAgentConnection();
      if (states.at(-1) !== connection) states.push(connection);
      return <span data-testid="connection">{`${connection.status}#${connection.attempt}`}</span>;
    }
    render(
      <AgentSocketProvider
        options={serverOptions(server, { reconnect: { initialDelayMs: 150, maxDelayMs: 150, jitter: false } })}
      >
        <Status />
        <Reply token={token} />
      </AgentSocketProvider>,
    );
    await waitFor(() => expect((screen.getByTestId('reply').textContent ?? '').length).toBeGreaterThan(6), WAIT);
    server.dropAllConnections();
    await waitFor(() => expect(screen.getByTestId('connection').textContent).toBe('reconnecting#1'), WAIT);
    const reconnecting = states.find((s) => s.status === 'reconnecting');
    expect(reconnecting?.lastError).toMatch(/connection closed/);
    expect(reconnecting?.nextRetryAt).toEqual(expect.any(Number));

    await waitFor(() => expect(screen.getByTestId('connection').textContent).toBe('open#0'), WAIT);
    await waitFor(() => expect(screen.getByTestId('reply').dataset.status).toBe('agent_end'), WAIT);
    expect(screen.getByTestId('reply').textContent).toBe(text);
    const statuses = states.map((s) => s.status).filter((status, i, all) => status !== all[i - 1]);
    expect(statuses).toEqual(['idle', 'connecting', 'open', 'reconnecting', 'open']);
  });
});
