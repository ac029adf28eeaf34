/**
 * Concurrent rendering: a store update that lands while React is part-way through a transition render
 * must not commit a screen where some components show the old text and others the new one (tearing).
 * The update is injected from inside the render itself, the deterministic stand-in for a frame arriving
 * between two time slices.
 */
import { act, render } from '@testing-library/react';
import { startTransition, useLayoutEffect, useState } from 'react';
import { describe, expect, it } from 'vitest';
import { createAgentSocket, type AgentSocket, type WebSocketLike, splitThinking } from 'wiro-agent-react/core';
import { AgentSocketProvider, useAgentStream } from 'wiro-agent-react';

const TOKEN = 'concurrent-token-00000000000000';

/** A socket that never opens: the test feeds the store through `ingest`, no network involved. */
class NeverOpens implements WebSocketLike {
  readyState = 0;
  onopen = null;
  onclose = null;
  onerror = null;
  onmessage = null;
  send(): void {}
  close(): void {}
}

function output(socket: AgentSocket, raw: string): void {
  socket.ingest({
    type: 'agent_output',
    agenttoken: TOKEN,
    result: true,
    message: {
      raw,
      ...splitThinking(raw),
      metrics: { speed: null, speedType: null, elapsedMs: null, tokenCount: null, wordCount: null },
    },
  });
}

describe('concurrent rendering', () => {
  it('an update in the middle of a transition render never commits a torn screen', async () => {
    // 'sync': ingest reaches the store at once, so the update really lands mid-render.
    const socket = createAgentSocket({ WebSocket: NeverOpens as unknown as never, schedule: 'sync' });
    output(socket, 'old text');
    const committed: string[][] = [];
    let injected = false;

    function Item({ i }: { i: number }) {
      const answer = useAgentStream(TOKEN, (s) => s.answer);
      if (i === 20 && !injected) {
        injected = true;
        output(socket, 'new text');
      }
      return <li data-i={i}>{answer}</li>;
    }
    function Snapshot() {
      // Runs in every commit, after the list's DOM was written: records what the user would see.
      useLayoutEffect(() => {
        committed.push([...document.querySelectorAll('li')].map((li) => li.textContent ?? ''));
      });
      return null;
    }
    let show: () => void = () => {};
    function App() {
      const [visible, setVisible] = useState(false);
      show = () => startTransition(() => setVisible(true));
      return (
        <AgentSocketProvider socket={socket}>
          {visible && (
            <ul>
              {Array.from({ length: 40 }, (_, i) => (
                <Item key={i} i={i} />
              ))}
            </ul>
          )}
          <Snapshot />
        </AgentSocketProvider>
      );
    }

    render(<App />);
    await act(async () => show());
    expect(injected).toBe(true);

    const withList = committed.filter((screen) => screen.length > 0);
    expect(withList.length).toBeGreaterThan(0);
    for (const screen of withList) expect(new Set(screen).size, `torn commit: ${JSON.stringify(screen)}`).toBe(1);
    expect(withList.at(-1)?.[0]).toBe('new text');
    socket.close();
  });
});
