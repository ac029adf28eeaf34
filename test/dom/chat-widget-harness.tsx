/**
 * `<AgentChat>` rendered the way the widget tests use it: against the mock agent server's socket and
 * msw's REST (see chat-harness), in a box of a given width, with its composer at hand.
 */
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import WebSocket from 'ws';
import { createAgentApi, type AgentSocketOptions } from 'wiro-agent-react/core';
import { AgentChat, memoryChatStorage, type AgentChatProps } from 'wiro-agent-react';
import type { MockAgentServer } from 'wiro-agent-react/testing/node';
import { AGENT, API_BASE } from './chat-harness';

export const chatApi = createAgentApi({ baseUrl: API_BASE });
export const chatSocketOptions: AgentSocketOptions = { WebSocket, schedule: 'microtask' };

/** Render a chat of session `sessionkey` on `server`, `width` pixels wide; `props` override the defaults. */
export function renderWidget(
  server: MockAgentServer,
  { sessionkey, width }: { sessionkey: string; width: number },
  props: Partial<AgentChatProps> = {},
) {
  const user = userEvent.setup();
  const view = render(
    <div style={{ height: 600, width }}>
      <AgentChat
        api={chatApi}
        useragentguid={AGENT}
        sessionkey={sessionkey}
        socketUrl={server.url}
        socketOptions={chatSocketOptions}
        storage={memoryChatStorage()}
        {...props}
      />
    </div>,
  );
  const box = () => screen.getByRole('textbox', { name: 'Write a message…' });
  return { user, view, box };
}
