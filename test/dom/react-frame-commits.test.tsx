/**
 * One React commit per painted frame: while frames arrive faster than the screen paints, React must not
 * commit more often than frames are painted, however many streams changed in between, and the final
 * text must still be exact. The animation-frame clock is the socket's `schedule` seam, driven by hand
 * (the test decides when a frame is painted), and commits are counted with React's `<Profiler>`.
 */
import { act, render, screen } from '@testing-library/react';
import { Profiler } from 'react';
import { describe, expect, it } from 'vitest';
import { createAgentSocket } from 'wiro-agent-react/core';
import { AgentSocketProvider, useAgentStream } from 'wiro-agent-react';
import type { MockAgentServer } from 'wiro-agent-react/testing/node';
import { countingWebSocket, serverOptions, until, mockServerPerTest } from './react-harness';

let server: MockAgentServer;
mockServerPerTest((started) => (server = started));

function Reply({ token, i }: { token: string; i: number }) {
  const stream = useAgentStream(token);
  return (
    <p data-testid={`reply-${i}`} data-status={stream.status}>
      {stream.answer}
    </p>
  );
}

describe('commits per painted frame', () => {
  it('three fast streams: commits ≤ frames painted, and every text ends exact', async () => {
    const texts = [
      'First stream: every chunk arrives well before the next frame is painted. '.repeat(2).trim(),
      'Second stream, interleaved with the first on the same connection. '.repeat(2).trim(),
      'Third one, so a single frame carries changes of several streams. '.repeat(2).trim(),
    ];
    const tokens = texts.map(
      (text) => server.createMessage({ text, chunkChars: 2, intervalMs: 1, queueMs: 5 }).agenttoken,
    );

    // The frame clock: the socket asks for a frame, the test paints it when it chooses.
    const requested: (() => void)[] = [];
    const ws = countingWebSocket();
    const socket = createAgentSocket(
      serverOptions(server, { WebSocket: ws.WebSocket, schedule: (flush) => void requested.push(flush) }),
    );
    let commits = 0;
    let painted = 0;
    const paint = (): void => {
      const callbacks = requested.splice(0);
      act(() => {
        for (const callback of callbacks) callback();
      });
      painted += callbacks.length;
    };

    try {
      render(
        <Profiler id="replies" onRender={() => void commits++}>
          <AgentSocketProvider socket={socket}>
            {tokens.map((token, i) => (
              <Reply key={token} token={token} i={i} />
            ))}
          </AgentSocketProvider>
        </Profiler>,
      );
      commits = 0;
      const messagesAtStart = ws.messages();
      const serverDone = () =>
        tokens.every((t) => server.backend.getMessage({ agenttoken: t })?.status === 'agent_end');
      const allEnded = () => tokens.every((_, i) => screen.getByTestId(`reply-${i}`).dataset.status === 'agent_end');

      while (!allEnded()) {
        // Let several frames pile up before each paint, as a busy main thread would.
        const seen = ws.messages();
        await until(() => ws.messages() >= seen + 4 || (serverDone() && requested.length > 0), 'frames to arrive');
        paint();
      }

      texts.forEach((text, i) => expect(screen.getByTestId(`reply-${i}`).textContent).toBe(text));
      const messages = ws.messages() - messagesAtStart;
      // The premise held: many more frames arrived than were painted...
      expect(messages).toBeGreaterThan(painted * 2);
      // ...and React committed at most once per painted frame.
      expect(commits).toBeGreaterThan(0);
      expect(commits).toBeLessThanOrEqual(painted);
    } finally {
      socket.close();
    }
  });
});
