/**
 * React 19 StrictMode mounts, unmounts and mounts every effect again in development. The server must still
 * receive exactly one `agent_info` per token over exactly one connection (counted on the mock server).
 */
import { act, render, screen, waitFor } from '@testing-library/react';
import { StrictMode, useEffect, useState } from 'react';
import { describe, expect, it } from 'vitest';
import { createAgentSocket } from 'wiro-agent-react/core';
import { AgentSocketProvider, useAgentStream } from 'wiro-agent-react';
import type { MockAgentServer } from 'wiro-agent-react/testing/node';
import { agentInfos, countingWebSocket, serverOptions, WAIT, mockServerPerTest } from './react-harness';

let server: MockAgentServer;
mockServerPerTest((started) => (server = started));

function Answer({ token, id }: { token: string; id: string }) {
  const stream = useAgentStream(token);
  return (
    <p data-testid={id} data-status={stream.status}>
      {stream.answer}
    </p>
  );
}

/** Connections (by server id) that sent any frame since `from` frames had been received. */
function connectionsSince(from: number): number[] {
  return [
    ...new Set(
      server
        .received()
        .slice(from)
        .map((r) => r.connection),
    ),
  ];
}

describe('StrictMode', () => {
  it('sends one agent_info per token over one connection, even with two components on a token', async () => {
    const textA = 'StrictMode runs effects twice; the server hears once.';
    const textB = 'A second stream on the same socket.';
    const a = server.createMessage({ text: textA, chunkChars: 5, intervalMs: 2, queueMs: 5 }).agenttoken;
    const b = server.createMessage({ text: textB, chunkChars: 5, intervalMs: 2, queueMs: 5 }).agenttoken;
    const from = server.received().length;
    const ws = countingWebSocket();

    render(
      <StrictMode>
        <AgentSocketProvider options={serverOptions(server, { WebSocket: ws.WebSocket })}>
          <Answer token={a} id="a1" />
          <Answer token={a} id="a2" />
          <Answer token={b} id="b" />
        </AgentSocketProvider>
      </StrictMode>,
    );
    await waitFor(() => expect(screen.getByTestId('b').dataset.status).toBe('agent_end'), WAIT);
    await waitFor(() => expect(screen.getByTestId('a1').dataset.status).toBe('agent_end'), WAIT);
    expect(screen.getByTestId('a1').textContent).toBe(textA);
    expect(screen.getByTestId('a2').textContent).toBe(textA);
    expect(screen.getByTestId('b').textContent).toBe(textB);

    const connections = connectionsSince(from);
    expect(connections).toHaveLength(1);
    expect(agentInfos(server, a)).toEqual([[connections[0], a]]);
    expect(agentInfos(server, b)).toEqual([[connections[0], b]]);
    expect(server.connectionCount()).toBe(1);
    expect(ws.opened()).toBe(1);
  });

  it('a component mounted after the socket is open also subscribes once', async () => {
    // The first path (subscribe before the welcome) batches naturally; this one sends at once on each
    // subscribe, so only reference counting keeps the remount from sending a second agent_info.
    const first = server.createMessage({ text: 'First.', queueMs: 600_000 }).agenttoken;
    const text = 'Mounted into an open socket.';
    const later = server.createMessage({ text, chunkChars: 4, intervalMs: 2, queueMs: 20 }).agenttoken;
    const from = server.received().length;
    let show: (v: boolean) => void = () => {};
    const ws = countingWebSocket();

    function App() {
      const [visible, setVisible] = useState(false);
      useEffect(() => {
        show = setVisible;
      }, []);
      return (
        <AgentSocketProvider options={serverOptions(server, { WebSocket: ws.WebSocket })}>
          <Answer token={first} id="first" />
          {visible && <Answer token={later} id="later" />}
        </AgentSocketProvider>
      );
    }
    render(
      <StrictMode>
        <App />
      </StrictMode>,
    );
    await waitFor(() => expect(screen.getByTestId('first').dataset.status).toBe('agent_queue'), WAIT);
    act(() => show(true));
    await waitFor(() => expect(screen.getByTestId('later').dataset.status).toBe('agent_end'), WAIT);
    expect(screen.getByTestId('later').textContent).toBe(text);

    const connections = connectionsSince(from);
    expect(connections).toHaveLength(1);
    expect(agentInfos(server, first)).toEqual([[connections[0], first]]);
    expect(agentInfos(server, later)).toEqual([[connections[0], later]]);
    expect(ws.opened()).toBe(1);
  });

  it('a passed-in socket under StrictMode: one agent_info, and the provider does not close it', async () => {
    const text = 'Shared with code outside React.';
    const token = server.createMessage({ text, chunkChars: 4, intervalMs: 2, queueMs: 5 }).agenttoken;
    const control = server.createMessage({ text: 'Control.', queueMs: 600_000 }).agenttoken;
    const socket = createAgentSocket(serverOptions(server));
    try {
      const view = render(
        <StrictMode>
          <AgentSocketProvider socket={socket}>
            <Answer token={token} id="answer" />
          </AgentSocketProvider>
          <AgentSocketProvider options={serverOptions(server)}>
            <Answer token={control} id="control" />
          </AgentSocketProvider>
        </StrictMode>,
      );
      await waitFor(() => expect(screen.getByTestId('answer').textContent).toBe(text), WAIT);
      await waitFor(() => expect(screen.getByTestId('control').dataset.status).toBe('agent_queue'), WAIT);
      expect(agentInfos(server, token)).toHaveLength(1);
      expect(server.connectionCount()).toBe(2);

      view.unmount();
      // The owned socket beside it closes through the same deferred path: once it is gone, the
      // passed-in one has had every chance to be closed too.
      await waitFor(() => expect(server.connectionCount()).toBe(1), WAIT);
      expect(socket.connection.status).toBe('open');
    } finally {
      socket.close();
    }
  });

  it('the provider’s own socket survives the StrictMode remount and is closed on the real unmount', async () => {
    const token = server.createMessage({ text: 'Bye.', queueMs: 600_000 }).agenttoken;
    const ws = countingWebSocket();
    const view = render(
      <StrictMode>
        <AgentSocketProvider options={serverOptions(server, { WebSocket: ws.WebSocket })}>
          <Answer token={token} id="answer" />
        </AgentSocketProvider>
      </StrictMode>,
    );
    await waitFor(() => expect(screen.getByTestId('answer').dataset.status).toBe('agent_queue'), WAIT);
    expect(server.connectionCount()).toBe(1);
    expect(ws.opened()).toBe(1);
    view.unmount();
    await waitFor(() => expect(server.connectionCount()).toBe(0), WAIT);
  });
});
