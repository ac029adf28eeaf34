import { render, screen, waitFor } from '@testing-library/react';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import { AgentMessage } from '../../src/components';
import { AgentSocketProvider } from '../../src/react';
import { agentSocketHandlers } from '../../src/testing/msw-entry';

// Every token the app subscribes to plays this scripted reply over a mocked wss://socket.wiro.ai/v1.
const server = setupServer(
  ...agentSocketHandlers({
    thinking: 'The user asks for a capital city.',
    text: 'The capital of France is **Paris**.',
    intervalMs: 5,
  }),
);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

test('shows the streamed answer once the agent is done', async () => {
  const { container } = render(
    <AgentSocketProvider>
      <AgentMessage agenttoken="token-from-your-send-call" />
    </AgentSocketProvider>,
  );

  await waitFor(() => expect(container.querySelector('[data-status="done"]')).not.toBeNull());
  expect(screen.getByText('Paris').tagName).toBe('STRONG');
  expect(container.textContent).toContain('The capital of France is Paris.');
});
