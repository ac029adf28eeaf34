/**
 * Socket and protocol problems are state, never render errors: a user's error boundary around the
 * hooks catches nothing, and the problem is readable from `stream.error` / `useAgentConnection()`.
 */
import { render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AgentSocketOptions, ProtocolError } from 'wiro-agent-react/core';
import { AgentSocketProvider, useAgentConnection, useAgentStream } from 'wiro-agent-react';
import type { MockAgentServer } from 'wiro-agent-react/testing/node';
import { closedPort } from './chat-harness';
import { outputFrame, RecordingBoundary, serverOptions, WAIT, mockServerPerTest } from './react-harness';

let server: MockAgentServer;
mockServerPerTest((started) => (server = started));
afterEach(() => {
  vi.unstubAllGlobals();
});

function Reply({ token }: { token: string }) {
  const stream = useAgentStream(token);
  const connection = useAgentConnection();
  return (
    <p
      data-testid="reply"
      data-status={stream.status}
      data-error={stream.error?.kind ?? ''}
      data-connection={connection.status}
      data-last-error={connection.lastError ?? ''}
    >
      {stream.error ? `error: ${stream.error.message}` : stream.answer}
    </p>
  );
}

function renderGuarded(token: string, options: AgentSocketOptions) {
  const caught: unknown[] = [];
  render(
    <RecordingBoundary caught={caught}>
      <AgentSocketProvider options={options}>
        <Reply token={token} />
      </AgentSocketProvider>
    </RecordingBoundary>,
  );
  return caught;
}

const reply = () => screen.getByTestId('reply');

describe('errors are state, not thrown', () => {
  it('(the boundary itself works: it does catch a component that throws)', async () => {
    const caught: unknown[] = [];
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => {});
    function Broken(): never {
      throw new Error('user bug');
    }
    render(
      <RecordingBoundary caught={caught}>
        <Broken />
      </RecordingBoundary>,
    );
    expect(screen.getByRole('alert').textContent).toBe('boundary caught an error');
    expect(caught).toHaveLength(1);
    consoleError.mockRestore();
  });

  it('malformed and stray frames mid-stream: reported, skipped, the reply still ends exact', async () => {
    const text = 'Garbage on the wire does not reach the screen.';
    const { agenttoken } = server.createMessage({ text, chunkChars: 3, intervalMs: 8, queueMs: 5 });
    const reported: ProtocolError[] = [];
    const caught = renderGuarded(agenttoken, serverOptions(server, { onProtocolError: (e) => reported.push(e) }));
    await waitFor(() => expect(reply().dataset.status).toBe('agent_output'), WAIT);

    const garbage: (string | Uint8Array)[] = [
      'not json',
      '{"type":',
      'null',
      '[1,2,3]',
      new Uint8Array([0xff, 0x00, 0x7b]),
      JSON.stringify({ type: 'agent_output', agenttoken, message: 42, result: true }),
      JSON.stringify({ type: 'agent_end', agenttoken, message: { raw: 17 }, result: true }),
      JSON.stringify({ type: 'error', message: 'agenttoken-required', result: false }),
      outputFrame('a-token-this-socket-never-subscribed', 'someone else’s text'),
    ];
    for (const data of garbage) server.broadcastRaw(data);

    await waitFor(() => expect(reply().dataset.status).toBe('agent_end'), WAIT);
    expect(reply().textContent).toBe(text);
    expect(reply().dataset.error).toBe('');
    expect(caught).toEqual([]);
    // Each bad frame was reported (the malformed output may be superseded by a newer one before it is read).
    expect(reported.length).toBeGreaterThanOrEqual(garbage.length - 1);
  });

  it('a user callback that throws does not escape either', async () => {
    const text = 'The callback throws; the stream does not care.';
    const { agenttoken } = server.createMessage({ text, chunkChars: 6, intervalMs: 3, queueMs: 5 });
    const caught = renderGuarded(
      agenttoken,
      serverOptions(server, {
        onProtocolError: () => {
          throw new Error('user callback bug');
        },
      }),
    );
    await waitFor(() => expect(reply().dataset.status).toBe('agent_output'), WAIT);
    server.broadcastRaw('not json');
    await waitFor(() => expect(reply().dataset.status).toBe('agent_end'), WAIT);
    expect(reply().textContent).toBe(text);
    expect(caught).toEqual([]);
  });

  it('an unknown token: status unknown with an unknown-token error', async () => {
    const caught = renderGuarded('nobody-knows-this-token-000000', serverOptions(server));
    await waitFor(() => expect(reply().dataset.status).toBe('unknown'), WAIT);
    expect(reply().dataset.error).toBe('unknown-token');
    expect(reply().textContent).toMatch(/^error: .*does not know this agent token/);
    expect(caught).toEqual([]);
  });

  it('a server that cannot be reached: reconnects, then a connection error on the stream', async () => {
    const port = await closedPort();
    const caught = renderGuarded(
      'token-for-a-dead-server-000000',
      serverOptions(server, {
        url: `ws://127.0.0.1:${port}/v1`,
        reconnect: { initialDelayMs: 5, maxDelayMs: 10, jitter: false, maxAttempts: 2 },
      }),
    );
    await waitFor(() => expect(reply().dataset.error).toBe('connection'), WAIT);
    expect(reply().textContent).toMatch(/^error: The connection to the agent socket was lost: could not connect/);
    expect(reply().dataset.connection).toBe('closed');
    expect(reply().dataset.lastError).toMatch(/could not connect/);
    expect(caught).toEqual([]);
  });

  it('a runtime without WebSocket: a connection error naming the fix', async () => {
    vi.stubGlobal('WebSocket', undefined);
    const options = serverOptions(server);
    delete options.WebSocket;
    const caught = renderGuarded('token-without-a-websocket-000', options);
    await waitFor(() => expect(reply().dataset.error).toBe('connection'), WAIT);
    expect(reply().textContent).toMatch(/no global WebSocket/);
    expect(reply().textContent).toMatch(/createAgentSocket\(\{ WebSocket \}\)/);
    expect(caught).toEqual([]);
  });

  it('a blank token (whitespace) is idle like an empty one: no socket, no crash', async () => {
    const caught = renderGuarded('   ', serverOptions(server));
    // A subscribe would have moved the connection to `connecting` within the render's effects.
    expect(reply().dataset.status).toBe('idle');
    expect(reply().dataset.error).toBe('');
    expect(reply().dataset.connection).toBe('idle');
    expect(server.connectionCount()).toBe(0);
    expect(caught).toEqual([]);
  });
});
