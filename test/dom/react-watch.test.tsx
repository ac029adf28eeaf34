/**
 * The React bindings follow per-token subscriptions (issue 12): `useAgentStream` listens through
 * `watchStream` (only its token wakes it), `useAgentConnection` through `watchConnection` (no stream
 * frame wakes it), and neither subscribes to the whole store. Tokens named like `Object.prototype`
 * members render like any other (issue 11, item 9). Real mock server, `ws` client.
 */
import { render, screen, waitFor } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AgentMessage,
  AgentSocketProvider,
  createAgentSocket,
  useAgentConnection,
  useAgentStream,
  type AgentSocket,
} from 'wiro-agent-react';
import { startMockAgentServer, type MockAgentServer } from 'wiro-agent-react/testing/node';
import { outputFrame, RecordingBoundary, serverOptions, until, WAIT } from './react-harness';

let server: MockAgentServer;
beforeAll(async () => {
  server = await startMockAgentServer();
});
afterAll(() => server.close());

/** A socket whose listeners are counted: per watched token, for the connection, and whole-store ones. */
function countingSocket(socket: AgentSocket) {
  const streamCalls = new Map<string, number>();
  const counts = { connectionCalls: 0, storeSubscribes: 0 };
  const wrapped: AgentSocket = {
    ...socket,
    get connection() {
      return socket.connection;
    },
    subscribe: (token) => socket.subscribe(token),
    getStream: (token) => socket.getStream(token),
    watchStream: (token, listener) =>
      socket.watchStream(token, (stream) => {
        streamCalls.set(token, (streamCalls.get(token) ?? 0) + 1);
        listener(stream);
      }),
    watchConnection: (listener) =>
      socket.watchConnection((connection) => {
        counts.connectionCalls++;
        listener(connection);
      }),
    store: {
      getState: () => socket.store.getState(),
      subscribe: (listener) => {
        counts.storeSubscribes++;
        return socket.store.subscribe(listener);
      },
    },
  };
  return { socket: wrapped, streamCalls, counts };
}

function Reply({ token }: { token: string }) {
  return <p data-testid={token}>{useAgentStream(token, (s) => s.answer)}</p>;
}

function Connection() {
  return <span data-testid="connection">{useAgentConnection().status}</span>;
}

describe('bindings on per-token subscriptions', () => {
  it('a frame wakes only its own consumer; no hook subscribes to the whole store', async () => {
    const tokens = Array.from(
      { length: 50 },
      () => server.createMessage({ text: 'never played', queueMs: 600_000 }).agenttoken,
    );
    const real = createAgentSocket(serverOptions(server));
    const { socket, streamCalls, counts } = countingSocket(real);
    render(
      <AgentSocketProvider socket={socket}>
        <Connection />
        {tokens.map((token) => (
          <Reply key={token} token={token} />
        ))}
      </AgentSocketProvider>,
    );
    await until(() => tokens.every((t) => real.getStream(t).status === 'agent_queue'), 'every snapshot');
    await waitFor(() => expect(screen.getByTestId('connection').textContent).toBe('open'), WAIT);
    streamCalls.clear();
    const connectionCallsBefore = counts.connectionCalls;

    const target = tokens[7] as string;
    server.broadcastRaw(outputFrame(target, 'only this one'));
    await waitFor(() => expect(screen.getByTestId(target).textContent).toBe('only this one'), WAIT);
    expect([...streamCalls.entries()]).toEqual([[target, 1]]);
    expect(counts.connectionCalls).toBe(connectionCallsBefore);
    expect(counts.storeSubscribes).toBe(0);
    real.close();
  });
});

describe('tokens named like Object.prototype members', () => {
  it('<AgentMessage agenttoken="constructor"> and friends render their streams, nothing throws', async () => {
    const names = ['constructor', 'toString', '__proto__'];
    // Plain words: `__proto__` in the text itself would render as bold markdown.
    names.forEach((name, i) => {
      server.createMessage(
        { text: `answer number ${i}`, intervalMs: 2, queueMs: 2, chunkChars: 5 },
        { agenttoken: name },
      );
    });
    const caught: unknown[] = [];
    const socket = createAgentSocket(serverOptions(server));
    render(
      <RecordingBoundary caught={caught}>
        <AgentSocketProvider socket={socket}>
          {names.map((name) => (
            <div key={name} data-testid={`msg-${name}`}>
              <AgentMessage agenttoken={name} />
            </div>
          ))}
          <p data-testid="idle">{useAgentStreamStatus('valueOf')}</p>
        </AgentSocketProvider>
      </RecordingBoundary>,
    );
    for (const [i, name] of names.entries()) {
      await waitFor(() => expect(screen.getByTestId(`msg-${name}`).textContent).toContain(`answer number ${i}`), WAIT);
    }
    // An ordinary token the server does not know, not Object.prototype.valueOf.
    await waitFor(() => expect(screen.getByTestId('idle').textContent).toBe('unknown'), WAIT);
    expect(caught).toEqual([]);
    socket.close();
  });
});

/** Reads a status in a child so the hook runs inside the provider. */
function useAgentStreamStatus(token: string) {
  return <StatusOf token={token} />;
}

function StatusOf({ token }: { token: string }) {
  return <>{useAgentStream(token, (s) => s.status)}</>;
}
