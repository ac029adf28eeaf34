/**
 * Render counting: how many times components using `useAgentStream` re-render when frames arrive.
 * One provider, one socket, real mock server; single frames are injected with `broadcastRaw` so the
 * test knows exactly which token changed.
 */
import { render, screen, waitFor } from '@testing-library/react';
import { memo } from 'react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AgentSocketProvider, useAgentStream } from 'wiro-agent-react';
import type { AgentStatus } from 'wiro-agent-react/core';
import { startMockAgentServer, type MockAgentServer } from 'wiro-agent-react/testing/node';
import { agentInfos, outputFrame, serverOptions, WAIT } from './react-harness';

let server: MockAgentServer;
beforeAll(async () => {
  server = await startMockAgentServer();
});
afterAll(() => server.close());

const renders = new Map<string, number>();
const bump = (key: string): void => {
  renders.set(key, (renders.get(key) ?? 0) + 1);
};
afterEach(() => renders.clear());

/** Renders since `before`, only for keys that changed. */
function delta(before: Map<string, number>): Record<string, number> {
  const changed: Record<string, number> = {};
  for (const [key, n] of renders) {
    const d = n - (before.get(key) ?? 0);
    if (d !== 0) changed[key] = d;
  }
  return changed;
}

const Whole = memo(function Whole({ token, i }: { token: string; i: number }) {
  const stream = useAgentStream(token);
  bump(`whole:${i}`);
  return <p data-testid={`whole-${i}`}>{stream.answer}</p>;
});

const Status = memo(function Status({ token, i }: { token: string; i: number }) {
  const status = useAgentStream(token, (s) => s.status);
  bump(`status:${i}`);
  return <span data-testid={`status-${i}`}>{status}</span>;
});

describe('useAgentStream render counts', () => {
  it('100 consumers on 100 tokens over one socket: a frame re-renders only its own token’s consumers', async () => {
    // Queued for ten minutes: the server knows every token, but nothing streams unless the test says so.
    const tokens = Array.from(
      { length: 100 },
      () => server.createMessage({ text: 'never played', queueMs: 600_000 }).agenttoken,
    );
    const received = server.received().length;

    render(
      <AgentSocketProvider options={serverOptions(server)}>
        {tokens.map((token, i) => (
          <div key={token}>
            <Whole token={token} i={i} />
            <Status token={token} i={i} />
          </div>
        ))}
      </AgentSocketProvider>,
    );
    await waitFor(() => {
      for (let i = 0; i < tokens.length; i++) expect(screen.getByTestId(`status-${i}`).textContent).toBe('agent_queue');
    }, WAIT);

    // One connection, one agent_info per token.
    const infos = agentInfos(server).filter(([, t]) => tokens.includes(t));
    expect(infos).toHaveLength(100);
    expect(new Set(infos.map(([, t]) => t)).size).toBe(100);
    expect(new Set(infos.map(([c]) => c)).size).toBe(1);
    expect(server.received().length - received).toBe(100);

    // A first output for token 42: its two consumers re-render once each (text and status changed).
    let before = new Map(renders);
    server.broadcastRaw(outputFrame(tokens[42] as string, 'Hello'));
    await waitFor(() => expect(screen.getByTestId('whole-42').textContent).toBe('Hello'), WAIT);
    expect(delta(before)).toEqual({ 'whole:42': 1, 'status:42': 1 });

    // More text for token 42: the status consumer stays put.
    before = new Map(renders);
    server.broadcastRaw(outputFrame(tokens[42] as string, 'Hello world'));
    await waitFor(() => expect(screen.getByTestId('whole-42').textContent).toBe('Hello world'), WAIT);
    expect(delta(before)).toEqual({ 'whole:42': 1 });

    // A frame for token 7 arrives after both: once it is on screen, nothing else has re-rendered
    // late (no lagging re-render of 42, no wave across the other 98 tokens).
    server.broadcastRaw(outputFrame(tokens[7] as string, 'Seven'));
    await waitFor(() => expect(screen.getByTestId('whole-7').textContent).toBe('Seven'), WAIT);
    expect(delta(before)).toEqual({ 'whole:42': 1, 'whole:7': 1, 'status:7': 1 });
    expect(server.connectionCount()).toBe(1);
  });

  it('a status selector re-renders only when the status changes while text streams in', async () => {
    const text = 'Selectors keep components still while the answer grows chunk by chunk.';
    const { agenttoken } = server.createMessage({
      text,
      thinking: 'Plan first.',
      chunkChars: 3,
      intervalMs: 2,
      queueMs: 5,
    });
    const statuses: AgentStatus[] = [];
    const answers: string[] = [];

    function StatusOnly() {
      const status = useAgentStream(agenttoken, (s) => s.status);
      statuses.push(status);
      return <span data-testid="status">{status}</span>;
    }
    function Answer() {
      const answer = useAgentStream(agenttoken).answer;
      answers.push(answer);
      return <p data-testid="answer">{answer}</p>;
    }

    render(
      <AgentSocketProvider options={serverOptions(server)}>
        <StatusOnly />
        <Answer />
      </AgentSocketProvider>,
    );
    await waitFor(() => expect(screen.getByTestId('status').textContent).toBe('agent_end'), WAIT);
    expect(screen.getByTestId('answer').textContent).toBe(text);

    // Each status render shows a new status: no render repeated the one before it.
    for (let i = 1; i < statuses.length; i++) expect(statuses[i]).not.toBe(statuses[i - 1]);
    expect(statuses[0]).toBe('idle');
    expect(statuses.at(-1)).toBe('agent_end');
    // The text grew over many renders of the answer component, far more than the status changes.
    expect(new Set(answers).size).toBeGreaterThan(statuses.length + 5);
  });

  it('equalityFn decides when a selector that builds a new object re-renders', async () => {
    const text = 'An equality function lets a selector return a fresh object every time.';
    const { agenttoken } = server.createMessage({ text, chunkChars: 4, intervalMs: 2, queueMs: 5 });
    type Flags = { hasText: boolean; done: boolean };
    const select = (s: { answer: string; isDone: boolean }): Flags => ({ hasText: s.answer !== '', done: s.isDone });
    const sameFlags = (a: Flags, b: Flags): boolean => a.hasText === b.hasText && a.done === b.done;
    const withEquality: Flags[] = [];
    const withoutEquality: Flags[] = [];

    function Flagged() {
      const flags = useAgentStream(agenttoken, select, sameFlags);
      withEquality.push(flags);
      return <span data-testid="flags">{`${flags.hasText}/${flags.done}`}</span>;
    }
    function Unflagged() {
      // A new object per selection and no equalityFn: it re-renders on every stream change, but must
      // not loop (a fresh snapshot per read would make useSyncExternalStore throw "maximum update depth").
      const flags = useAgentStream(agenttoken, select);
      withoutEquality.push(flags);
      return <span data-testid="unflagged">{`${flags.hasText}/${flags.done}`}</span>;
    }

    render(
      <AgentSocketProvider options={serverOptions(server)}>
        <Flagged />
        <Unflagged />
      </AgentSocketProvider>,
    );
    await waitFor(() => expect(screen.getByTestId('flags').textContent).toBe('true/true'), WAIT);
    await waitFor(() => expect(screen.getByTestId('unflagged').textContent).toBe('true/true'), WAIT);

    // With equalityFn: exactly the three distinct values, each rendered once.
    expect(withEquality).toEqual([
      { hasText: false, done: false },
      { hasText: true, done: false },
      { hasText: true, done: true },
    ]);
    // Without it, every stream update re-rendered (the same flags many times over).
    expect(withoutEquality.length).toBeGreaterThan(withEquality.length + 5);
  });
});
