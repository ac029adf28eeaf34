import { configure, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, expect, test } from '@jest/globals';
import { AgentChat, AgentMessage, AgentSocketProvider, createAgentApi } from 'wiro-agent-react';
import { createMockAgentBackend } from 'wiro-agent-react/testing';
import { agentApiHandlers, agentSocketHandlers } from 'wiro-agent-react/testing/msw';

// Replies stream in a few milliseconds; leave room for a busy CI machine.
configure({ asyncUtilTimeout: 5000 });

// Your server-side proxy's URL, where the browser's REST calls go (see createAgentProxy).
const API = 'https://app.test/api/wiro';

// One in-memory agent behind the REST endpoints and the socket, so a message sent through the API
// streams its scripted reply on the socket.
const backend = createMockAgentBackend({
  reply: (text) => ({ thinking: 'The user greets me.', text: `Hello! You said: ${text}`, intervalMs: 5 }),
});

const server = setupServer(
  ...agentApiHandlers({ baseUrl: API, backend }),
  // The socket is mocked at the kit's default URL, wss://socket.wiro.ai/v1.
  ...agentSocketHandlers(
    {
      // Tokens a test names itself play these scripted replies; any other token is unknown to the server.
      'token-paris': {
        thinking: 'A question about a capital city.',
        text: 'The capital of France is **Paris**.',
        intervalMs: 5,
      },
      'token-failing': { text: 'I started answering, but', fail: 'string', intervalMs: 5 },
    },
    { backend },
  ),
);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

test('a reply streams in, rendered as Markdown, with its reasoning collapsed', async () => {
  render(
    <AgentSocketProvider>
      <AgentMessage agenttoken="token-paris" />
    </AgentSocketProvider>,
  );

  // The copy button appears once the reply is complete.
  await screen.findByRole('button', { name: 'Copy answer' });
  expect(screen.getByText(/The capital of France is/).textContent).toBe('The capital of France is Paris.');
  expect(screen.getByText('Paris').tagName).toBe('STRONG');
  const thought = screen.getByRole('button', { name: /Thought for \d+ s/ });
  expect(thought.getAttribute('aria-expanded')).toBe('false');
});

test('an agent failure keeps the partial text and shows the error', async () => {
  render(
    <AgentSocketProvider>
      <AgentMessage agenttoken="token-failing" />
    </AgentSocketProvider>,
  );

  const alert = await screen.findByRole('alert');
  expect(alert.textContent).toContain('Agent is temporarily unavailable');
  expect(screen.queryByText('I started answering, but')).not.toBeNull();
});

test('the chat sends what the user types and streams the agent reply', async () => {
  const api = createAgentApi({ baseUrl: API });
  render(<AgentChat api={api} useragentguid="my-agent" sessionkey="user-42" />);

  await userEvent.type(screen.getByRole('textbox', { name: 'Write a message…' }), 'Hi there{Enter}');

  await screen.findByText('Hello! You said: Hi there'); // rejects if the reply never shows
  // The message went through the REST API, to the agent and session the chat was given.
  const history = backend.history({ useragentguid: 'my-agent', sessionkey: 'user-42' });
  expect(history.result && history.data.messages.map((m) => m.content)).toEqual(['Hi there']);
});
