/**
 * Subscriptions follow the component: a token switch mid-stream releases the old token and shows only
 * the new one's text; a view unmounted mid-stream and mounted again shows the exact reply, recovered
 * from the server's `debugoutput` snapshot when the socket had to reconnect.
 */
import { render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createAgentSocket, type AgentSocket } from 'wiro-agent-react/core';
import { AgentSocketProvider, useAgentStream } from 'wiro-agent-react';
import type { MockAgentServer } from 'wiro-agent-react/testing/node';
import {
  agentInfos,
  heldTokens,
  loggingSocket,
  serverOptions,
  WAIT,
  type SubscriptionLog,
  mockServerPerTest,
} from './react-harness';

let server: MockAgentServer;
mockServerPerTest((started) => (server = started));

/** Every `(token prop, answer)` pair the component rendered. */
type Seen = { token: string | null; answer: string; status: string }[];

function Reply({ token, seen }: { token: string | null; seen: Seen }) {
  const stream = useAgentStream(token);
  seen.push({ token, answer: stream.answer, status: stream.status });
  return (
    <p data-testid="reply" data-status={stream.status}>
      {stream.answer}
    </p>
  );
}

const reply = () => screen.getByTestId('reply');

/** One `<Reply>` for `token` under a provider on the given socket. */
const replyOn = (socket: AgentSocket, token: string | null, seen: Seen) => (
  <AgentSocketProvider socket={socket}>
    <Reply token={token} seen={seen} />
  </AgentSocketProvider>
);

describe('token switch', () => {
  it('mid-stream: releases the old token, subscribes the new one, never mixes their text', async () => {
    const alpha = 'alpha '.repeat(40).trim();
    const bravo = 'BRAVO '.repeat(12).trim();
    const a = server.createMessage({ text: alpha, chunkChars: 3, intervalMs: 4, queueMs: 5 }).agenttoken;
    const b = server.createMessage({ text: bravo, chunkChars: 3, intervalMs: 4, queueMs: 5 }).agenttoken;
    const log: SubscriptionLog = [];
    const socket = loggingSocket(createAgentSocket(serverOptions(server)), log);
    const seen: Seen = [];

    try {
      const view = render(replyOn(socket, a, seen));
      await waitFor(() => expect((reply().textContent ?? '').length).toBeGreaterThan(10), WAIT);
      expect(reply().dataset.status).toBe('agent_output');
      const shownA = reply().textContent ?? '';
      expect(shownA.length).toBeLessThan(alpha.length);

      view.rerender(replyOn(socket, b, seen));
      // The switch is visible at once: the first render for b shows b's (empty) stream, not a's text.
      expect(reply().textContent).toBe('');
      expect(log).toEqual([`+${a}`, `-${a}`, `+${b}`]);
      expect([...heldTokens(log).keys()]).toEqual([b]);

      await waitFor(() => expect(reply().dataset.status).toBe('agent_end'), WAIT);
      expect(reply().textContent).toBe(bravo);

      for (const { token, answer } of seen) {
        const full = token === a ? alpha : bravo;
        expect(full.startsWith(answer), `${token === a ? 'a' : 'b'} rendered ${JSON.stringify(answer)}`).toBe(true);
      }
      expect(seen.some((s) => s.token === b && s.answer.includes('alpha'))).toBe(false);
      expect(agentInfos(server).map(([, t]) => t)).toEqual([a, b]);
    } finally {
      socket.close();
    }
  });

  it('to null: releases the token and shows the idle stream without opening anything new', async () => {
    const a = server.createMessage({ text: 'x'.repeat(200), chunkChars: 2, intervalMs: 4, queueMs: 5 }).agenttoken;
    const log: SubscriptionLog = [];
    const socket = loggingSocket(createAgentSocket(serverOptions(server)), log);
    const seen: Seen = [];
    try {
      const view = render(replyOn(socket, a, seen));
      await waitFor(() => expect(reply().textContent).not.toBe(''), WAIT);
      view.rerender(replyOn(socket, null, seen));
      expect(reply().textContent).toBe('');
      expect(reply().dataset.status).toBe('idle');
      expect(log).toEqual([`+${a}`, `-${a}`]);
    } finally {
      socket.close();
    }
  });
});

describe('unmount mid-stream, then remount', () => {
  it('within the same connection: the remounted view shows the text at once and ends exact', async () => {
    const text = 'Come back later and the text is still here, complete.';
    const token = server.createMessage({ text, chunkChars: 2, intervalMs: 5, queueMs: 5 }).agenttoken;
    const seen: Seen = [];
    const view = render(
      <AgentSocketProvider options={serverOptions(server)}>
        <Reply token={token} seen={seen} />
      </AgentSocketProvider>,
    );
    await waitFor(() => expect((reply().textContent ?? '').length).toBeGreaterThan(6), WAIT);
    const shownBefore = reply().textContent ?? '';

    view.rerender(<AgentSocketProvider options={serverOptions(server)}>{null}</AgentSocketProvider>);
    expect(screen.queryByTestId('reply')).toBeNull();
    const rendersBefore = seen.length;

    view.rerender(
      <AgentSocketProvider options={serverOptions(server)}>
        <Reply token={token} seen={seen} />
      </AgentSocketProvider>,
    );
    // The first render after the remount already has at least what was on screen.
    expect(seen[rendersBefore]?.answer.startsWith(shownBefore)).toBe(true);
    await waitFor(() => expect(reply().dataset.status).toBe('agent_end'), WAIT);
    expect(reply().textContent).toBe(text);
  });

  it('after the socket went idle and closed: recovers the finished reply from the snapshot, exact', async () => {
    // Long enough (about 40 frames, 15 ms apart) that the idle close lands well before the reply ends.
    const text =
      'Recovered from the debugoutput snapshot after the socket had gone idle and closed, word for word, exact.';
    const token = server.createMessage({
      text,
      thinking: 'Hidden plan.',
      chunkChars: 3,
      intervalMs: 15,
      queueMs: 5,
    }).agenttoken;
    const socket = createAgentSocket(serverOptions(server, { idleTimeoutMs: 10 }));
    const seen: Seen = [];
    try {
      const view = render(replyOn(socket, token, seen));
      await waitFor(() => expect((reply().textContent ?? '').length).toBeGreaterThan(3), WAIT);
      const shownBefore = reply().textContent ?? '';
      view.rerender(<AgentSocketProvider socket={socket}>{null}</AgentSocketProvider>);

      // Nothing is live: the socket closes; meanwhile the agent finishes on the server.
      await waitFor(() => expect(socket.connection.status).toBe('closed'), WAIT);
      await waitFor(() => expect(server.backend.getMessage({ agenttoken: token })?.status).toBe('agent_end'), WAIT);
      const partial = socket.getStream(token).answer;
      expect(partial.length).toBeLessThan(text.length);

      const rendersBefore = seen.length;
      view.rerender(replyOn(socket, token, seen));
      expect(seen[rendersBefore]?.answer.startsWith(shownBefore)).toBe(true);
      await waitFor(() => expect(reply().dataset.status).toBe('agent_end'), WAIT);
      expect(reply().textContent).toBe(text);
      // It came from the snapshot: a second agent_info on a new connection, and no output frames after it.
      const infos = agentInfos(server, token);
      expect(infos).toHaveLength(2);
      expect(infos[1]?.[0]).not.toBe(infos[0]?.[0]);
      // Text never went backwards across the remount.
      const answers = seen.map((s) => s.answer);
      for (let i = 1; i < answers.length; i++) expect(answers[i]!.startsWith(answers[i - 1]!)).toBe(true);
    } finally {
      socket.close();
    }
  });

  it('after the provider itself remounted mid-stream: the new socket resumes from the snapshot, exact', async () => {
    const text = 'A new provider picks the reply up where the snapshot says and streams the rest.';
    const token = server.createMessage({ text, chunkChars: 2, intervalMs: 8, queueMs: 5 }).agenttoken;
    const seen: Seen = [];
    const view = render(
      <AgentSocketProvider key="first" options={serverOptions(server)}>
        <Reply token={token} seen={seen} />
      </AgentSocketProvider>,
    );
    await waitFor(() => expect((reply().textContent ?? '').length).toBeGreaterThan(6), WAIT);
    view.rerender(<div />);
    // The owned socket closes; wait for the server to see it gone while the agent keeps going.
    await waitFor(() => expect(server.connectionCount()).toBe(0), WAIT);
    const serverText = () => server.backend.getMessage({ agenttoken: token })?.debugoutput ?? '';
    const progressed = serverText().length;
    await waitFor(() => expect(serverText().length).toBeGreaterThan(progressed + 4), WAIT);

    const rendersBefore = seen.length;
    view.rerender(
      <AgentSocketProvider key="second" options={serverOptions(server)}>
        <Reply token={token} seen={seen} />
      </AgentSocketProvider>,
    );
    await waitFor(() => expect(reply().dataset.status).toBe('agent_end'), WAIT);
    expect(reply().textContent).toBe(text);
    // The new socket's store starts empty: its first non-empty text came from the snapshot, which was
    // already past what the old view showed, and the text never shrank or repeated afterwards.
    const after = seen
      .slice(rendersBefore)
      .map((s) => s.answer)
      .filter((a) => a !== '');
    expect(after[0]!.length).toBeGreaterThanOrEqual(progressed + 5);
    for (let i = 1; i < after.length; i++) expect(after[i]!.startsWith(after[i - 1]!)).toBe(true);
    expect(agentInfos(server, token).map(([c]) => c)).toEqual([1, 2]);
  });
});
