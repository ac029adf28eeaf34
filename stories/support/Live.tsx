/** Small pieces the stories share: a provider on the story's mocked socket and a stream follower. */
import type { ReactElement, ReactNode } from 'react';
import { AgentSocketProvider, useAgentConnection, useAgentStream } from 'wiro-agent-react';
import type { AgentStream } from 'wiro-agent-react/core';
import { agentOf, STORY_SOCKET_OPTIONS, type AgentMock } from './mocks';

/**
 * An `AgentSocketProvider` on the story's mocked socket. It closes its socket when the story unmounts.
 *
 * Keyed by the socket URL: Storybook runs loaders again on every args change (the Controls panel), which
 * gives the story a new mocked agent at a new URL, and a provider reads its URL only once.
 */
export function MockProvider({ agent, children }: { agent: AgentMock; children: ReactNode }): ReactElement {
  return (
    <AgentSocketProvider key={agent.socketUrl} url={agent.socketUrl} options={STORY_SOCKET_OPTIONS}>
      {children}
    </AgentSocketProvider>
  );
}

/** Follows one token and hands its live stream to `children` (for components that take a `stream`). */
export function Follow({
  token,
  children,
}: {
  token: string;
  children: (stream: AgentStream) => ReactNode;
}): ReactNode {
  const stream = useAgentStream(token);
  return children(stream);
}

/**
 * A one-line caption under a component that shows only part of a reply: the wire status and the
 * socket's state, so a story says which state it shows (e.g. "socket: reconnecting").
 */
export function StatusCaption({ stream }: { stream: AgentStream }): ReactElement {
  const connection = useAgentConnection();
  return (
    <p
      data-testid="wire-status"
      style={{ font: '12px/1.4 var(--wiro-font-mono)', color: 'var(--wiro-fg-muted)', marginTop: 12 }}
    >
      status: {stream.status}
      {stream.isThinking ? ' · thinking' : ''}
      {stream.error ? ` · error: ${stream.error.kind}` : ''}
      {` · socket: ${connection.status}`}
    </p>
  );
}

/**
 * The whole live set-up of a story for a component that takes a `stream`: the story's mocked provider,
 * the stream of its token handed to `children`, and the status caption under it.
 */
export function CaptionedStream({
  loaded,
  children,
}: {
  loaded: Record<string, unknown>;
  children: (stream: AgentStream) => ReactNode;
}): ReactElement {
  const agent = agentOf(loaded);
  return (
    <MockProvider agent={agent}>
      <Follow token={agent.token}>
        {(stream) => (
          <>
            {children(stream)}
            <StatusCaption stream={stream} />
          </>
        )}
      </Follow>
    </MockProvider>
  );
}
