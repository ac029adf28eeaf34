/** Small pieces the stories share: a provider on the story's mocked socket and a stream follower. */
import type { ReactElement, ReactNode } from 'react';
import { AgentSocketProvider, useAgentStream } from '../../src/react';
import type { AgentStream } from '../../src/store/types';
import { STORY_SOCKET_OPTIONS, type AgentMock } from './mocks';

/** An `AgentSocketProvider` on the story's mocked socket. It closes its socket when the story unmounts. */
export function MockProvider({ agent, children }: { agent: AgentMock; children: ReactNode }): ReactElement {
  return (
    <AgentSocketProvider url={agent.socketUrl} options={STORY_SOCKET_OPTIONS}>
      {children}
    </AgentSocketProvider>
  );
}

/** Follows one token and hands its live stream to `children` (for components that take a `stream`). */
export function Follow({ token, children }: { token: string; children: (stream: AgentStream) => ReactNode }): ReactNode {
  const stream = useAgentStream(token);
  return children(stream);
}

/** A one-line caption of the wire status under a component, so a story says what state it shows. */
export function StatusCaption({ stream }: { stream: AgentStream }): ReactElement {
  return (
    <p data-testid="wire-status" style={{ font: '12px/1.4 var(--wiro-font-mono)', color: 'var(--wiro-fg-muted)', marginTop: 12 }}>
      status: {stream.status}
      {stream.isThinking ? ' · thinking' : ''}
      {stream.error ? ` · error: ${stream.error.kind}` : ''}
    </p>
  );
}
