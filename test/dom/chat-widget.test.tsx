import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { renderToString } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import { createAgentSocket } from 'wiro-agent-react/core';
import { type ChatStorage, AgentChat, type AgentChatProps, AgentSocketProvider, LinkPreviews } from 'wiro-agent-react';
import type { AgentScenarioInput } from 'wiro-agent-react/testing';
import type { MockAgentServer } from 'wiro-agent-react/testing/node';
import { AGENT, API_BASE, scriptedChatPerTest, type ApiCall } from './chat-harness';
import { chatApi, chatSocketOptions, renderWidget } from './chat-widget-harness';

const WAIT = { timeout: 8000, interval: 10 };
const scripts = new Map<string, AgentScenarioInput>();
let server: MockAgentServer;
const calls: ApiCall[] = [];
const msw = scriptedChatPerTest(scripts, calls, (started) => (server = started));
const api = chatApi;
const socketOptions = chatSocketOptions;

function renderChat(props: Partial<AgentChatProps> = {}) {
  return renderWidget(server, { sessionkey: 'w1', width: 360 }, props);
}

describe('<AgentChat>', () => {
  it('sends with Enter, streams the reply in, and gives focus back to the composer', async () => {
    scripts.set('Hello widget', {
      text: 'Hello **human**, nice to meet you.',
      chunkChars: 3,
      intervalMs: 3,
      queueMs: 5,
    });
    const { user, box } = renderChat({ title: 'Support' });
    await screen.findByText('How can I help?'); // rejects when it never shows
    expect(screen.queryByRole('region', { name: 'Support' })).not.toBeNull();

    await user.click(box());
    await user.keyboard('Hello widget{Enter}');
    const log = screen.getByRole('log');
    expect(within(log).queryByText('Hello widget')).not.toBeNull();
    expect(document.activeElement).toBe(box());

    // The reply announces itself: a polite live region, busy while it streams.
    const region = await waitFor(() => {
      const found = log.querySelector<HTMLElement>('.wiro-message-body[aria-live="polite"]');
      expect(found).not.toBeNull();
      return found as HTMLElement;
    }, WAIT);
    await waitFor(() => expect(region.textContent).toContain('Hello human, nice to meet you.'), WAIT);
    await waitFor(() => expect(region.getAttribute('aria-busy')).toBe('false'), WAIT);
    expect(within(log).getByText('human').tagName).toBe('STRONG');
    expect(screen.queryByText('How can I help?')).toBeNull();
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Stop' })).toBeNull(), WAIT);
  });

  it('previews the files a reply links to when given linkPreviews, and leaves them links without it', async () => {
    const image = 'https://cdn1.wiro.ai/6a6f2e3c/534574/0.png';
    scripts.set('Draw a cat', { text: `Here it is: ${image}`, chunkChars: 20, intervalMs: 5 });
    const { user, box, view } = renderChat({ linkPreviews: LinkPreviews });
    await screen.findByText('How can I help?');
    await user.type(box(), 'Draw a cat{Enter}');
    const previews = await screen.findByRole('group', { name: 'Linked files' }, WAIT);
    await waitFor(
      () =>
        expect(
          within(previews)
            .getAllByRole('img')
            .map((img) => img.getAttribute('src')),
        ).toEqual([image]),
      WAIT,
    );
    view.unmount();

    scripts.set('Draw a dog', { text: `Here it is: ${image}`, chunkChars: 20, intervalMs: 5 });
    // Another conversation, so it starts empty.
    const plain = renderChat({ sessionkey: 'w-plain' });
    await screen.findByText('How can I help?');
    await plain.user.type(plain.box(), 'Draw a dog{Enter}');
    await waitFor(() => expect(screen.getByRole('link', { name: image })).not.toBeNull(), WAIT);
    expect(screen.queryByRole('group', { name: 'Linked files' })).toBeNull();
  });

  it('offers Stop while a reply runs; stopping marks it cancelled and offers Retry', async () => {
    scripts.set('Long one', { text: 'x '.repeat(200), chunkChars: 2, intervalMs: 15, queueMs: 5 });
    const { user, box } = renderChat();
    await screen.findByText('How can I help?');
    await user.type(box(), 'Long one{Enter}');
    const stop = await screen.findByRole('button', { name: 'Stop' }, WAIT);
    await waitFor(
      () => expect(screen.getByRole('log').querySelector('[data-status="streaming"]')).not.toBeNull(),
      WAIT,
    );
    await user.click(stop);
    await screen.findByText('Cancelled', {}, WAIT); // rejects when it never shows
    expect(screen.queryByRole('button', { name: 'Retry' })).not.toBeNull();
    expect(screen.queryByRole('button', { name: 'Stop' })).toBeNull();
    expect(calls.map((c) => c.endpoint)).toContain('Cancel');
  });

  it('a failed send shows on its turn with Retry, which sends it again', async () => {
    msw.use(
      http.post(
        `${API_BASE}/UserAgent/Message/Send`,
        () => HttpResponse.json({ result: false, errors: [{ message: 'Agent is not running' }] }),
        {
          once: true,
        },
      ),
    );
    const { user, box } = renderChat();
    await screen.findByText('How can I help?');
    await user.type(box(), 'Are you up?{Enter}');
    expect((await screen.findByRole('alert', {}, WAIT)).textContent).toBe(
      'The message could not be sent. Agent is not running.',
    );
    // The turn says it; no banner repeats it.
    expect(screen.getAllByRole('alert')).toHaveLength(1);
    await user.click(screen.getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(screen.getByRole('log').textContent).toContain('Echo: Are you up?'), WAIT);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('shows history, loads older turns, and sends a suggestion in one click', async () => {
    const made = [1, 2, 3].map((i) =>
      server.createMessage(
        { text: `old answer ${i}`, queueMs: 0, intervalMs: 0, chunkChars: 50 },
        { useragentguid: AGENT, sessionkey: 'w1', content: `old question ${i}` },
      ),
    );
    await waitFor(() => {
      for (const m of made) expect(server.backend.getMessage(m)?.status).toBe('agent_end');
    }, WAIT);
    const { user } = renderChat({ historyPageSize: 2, suggestions: ['Tell me a joke'] });
    await screen.findByText('old answer 3', {}, WAIT); // rejects when it never shows
    expect(screen.queryByText('old question 1')).toBeNull();
    // With history there is no empty state (and no suggestions).
    expect(screen.queryByRole('button', { name: 'Tell me a joke' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Load older messages' }));
    await screen.findByText('old question 1', {}, WAIT); // rejects when it never shows
    expect(screen.queryByRole('button', { name: 'Load older messages' })).toBeNull();
  });

  it('sends a suggestion from the empty state', async () => {
    const { user } = renderChat({ suggestions: ['Tell me a joke'] });
    await user.click(await screen.findByRole('button', { name: 'Tell me a joke' }, WAIT));
    await waitFor(() => expect(screen.getByRole('log').textContent).toContain('Echo: Tell me a joke'), WAIT);
  });

  it('shows a dismissible banner when the conversation cannot be loaded', async () => {
    msw.use(
      http.post(`${API_BASE}/UserAgent/Message/History`, () => HttpResponse.json({ error: 'down' }, { status: 503 })),
    );
    const { user } = renderChat();
    const banner = await screen.findByRole('alert', {}, WAIT);
    expect(banner.textContent).toContain('The conversation could not be loaded.');
    await user.click(within(banner).getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('shares the socket of a provider above it instead of opening its own', async () => {
    const socket = createAgentSocket({ url: server.url, ...socketOptions });
    const user = userEvent.setup();
    const view = render(
      <AgentSocketProvider socket={socket}>
        <div style={{ height: 600 }}>
          <AgentChat
            api={api}
            useragentguid={AGENT}
            sessionkey="w1"
            storage={null}
            socketUrl="ws://127.0.0.1:9/never"
          />
        </div>
      </AgentSocketProvider>,
    );
    await screen.findByText('How can I help?');
    await user.type(screen.getByRole('textbox', { name: 'Write a message…' }), 'Shared{Enter}');
    await waitFor(() => expect(screen.getByRole('log').textContent).toContain('Echo: Shared'), WAIT);
    expect(Object.values(socket.store.getState().streams).map((s) => s.answer)).toContain('Echo: Shared');
    expect(server.connectionCount()).toBe(1);
    view.unmount();
    socket.close();
  });

  it('shows the connection state while a reply streams', async () => {
    scripts.set('Status?', { text: 'y '.repeat(100), chunkChars: 2, intervalMs: 10, queueMs: 5 });
    const { user, box, view } = renderChat();
    await screen.findByText('How can I help?');
    await user.type(box(), 'Status?{Enter}');
    await waitFor(
      () => expect(view.container.querySelector('[data-state="connected"]')?.textContent).toBe('Connected'),
      WAIT,
    );
  });

  it('takes translated labels', async () => {
    renderChat({ labels: { emptyTitle: 'Wie kann ich helfen?', placeholder: 'Nachricht…', send: 'Senden' } });
    await screen.findByText('Wie kann ich helfen?'); // rejects when it never shows
    expect(screen.queryByRole('textbox', { name: 'Nachricht…' })).not.toBeNull();
    expect(screen.queryByRole('button', { name: 'Senden' })).not.toBeNull();
  });

  it("unstyled renders no kit class names at all, and keeps the app's className", async () => {
    const { view, user, box } = renderChat({ unstyled: true, className: 'my-chat', suggestions: ['Hi'] });
    await screen.findByText('How can I help?');
    await user.type(box(), 'Plain{Enter}');
    await waitFor(() => expect(screen.getByRole('log').textContent).toContain('Echo: Plain'), WAIT);
    expect(view.container.querySelector('[class*="wiro-"]')).toBeNull();
    expect(view.container.querySelector('section.my-chat')).not.toBeNull();
  });

  it('renders on the server without loading anything or touching storage', () => {
    const load = vi.fn(() => null);
    const storage: ChatStorage = { load, save: vi.fn() };
    const html = renderToString(
      <AgentChat api={api} useragentguid={AGENT} storage={storage} socketUrl="ws://127.0.0.1:9/v1" />,
    );
    expect(html).toContain('textarea');
    expect(html).toContain('Loading the conversation');
    expect(load).not.toHaveBeenCalled();
    expect(calls).toEqual([]);
  });
});
