/**
 * `<AgentChat>`'s conversation features, as a user meets them: the sessions sidebar, the action bar
 * (regenerate and versions, thumbs up and down, edit), the keyboard (Escape stops, Up edits),
 * attachments (paste, drop, limits), timestamps and "Copy conversation as Markdown". Against the real
 * mock agent server (socket) and msw (REST).
 */
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import { AgentChat, type AgentChatProps, type ChatFeedbackEvent } from 'wiro-agent-react';
import type { AgentScenarioInput } from 'wiro-agent-react/testing';
import type { MockAgentServer } from 'wiro-agent-react/testing/node';
import { AGENT, scriptedChatPerTest, type ApiCall } from './chat-harness';
import { chatApi, renderWidget } from './chat-widget-harness';

const WAIT = { timeout: 8000, interval: 10 };
const scripts = new Map<string, AgentScenarioInput>();
let server: MockAgentServer;
const calls: ApiCall[] = [];
scriptedChatPerTest(scripts, calls, (started) => (server = started));
const api = chatApi;

function renderChat(props: Partial<AgentChatProps> = {}) {
  return renderWidget(server, { sessionkey: 'c1', width: 900 }, props);
}

const log = () => screen.getByRole('log');
const lastReply = () => {
  const replies = log().querySelectorAll<HTMLElement>('.wiro-chat-agent .wiro-message');
  return replies[replies.length - 1] as HTMLElement;
};
const replyDone = () => waitFor(() => expect(lastReply()?.getAttribute('data-status')).toBe('done'), WAIT);
const sent = (endpoint: string) => calls.filter((c) => c.endpoint === endpoint);

async function seed(sessionkey: string, content: string, text = `About ${content}.`) {
  const made = server.createMessage(
    { text, queueMs: 0, intervalMs: 0, chunkChars: 1000 },
    { useragentguid: AGENT, sessionkey, content },
  );
  await waitFor(() => expect(server.backend.getMessage(made)?.status).toBe('agent_end'), WAIT);
}

describe('<AgentChat sessions>', () => {
  it('lists the conversations beside the thread; picking one shows it; a new one is titled by its first message', async () => {
    await seed('u1:trip', 'Plan a trip to Lisbon');
    await seed('u1:sql', 'Explain this SQL join');
    const onSessionChange = vi.fn<(sessionkey: string) => void>();
    const { user, box } = renderChat({
      sessions: true,
      sessionkey: 'u1:trip',
      sessionKeyPrefix: 'u1:',
      onSessionChange,
    });
    const list = await screen.findByRole('navigation', { name: 'Conversations' }, WAIT);
    await within(list).findByRole('button', { name: /^Explain this SQL join / }, WAIT);
    expect(
      within(list)
        .getByRole('button', { name: /^Plan a trip to Lisbon / })
        .getAttribute('aria-current'),
    ).toBe('true');
    await screen.findByText('About Plan a trip to Lisbon.', {}, WAIT);

    await user.click(within(list).getByRole('button', { name: /^Explain this SQL join / }));
    await screen.findByText('About Explain this SQL join.', {}, WAIT);
    expect(screen.queryByText('About Plan a trip to Lisbon.')).toBeNull();
    expect(onSessionChange).toHaveBeenLastCalledWith('u1:sql');

    await user.click(within(list).getByRole('button', { name: 'New chat' }));
    await screen.findByText('How can I help?', {}, WAIT);
    const created = onSessionChange.mock.lastCall?.[0] ?? '';
    expect(created).toMatch(/^u1:[a-z2-9]{16}$/);
    expect(
      within(list)
        .getByRole('button', { name: /^New chat now/ })
        .getAttribute('aria-current'),
    ).toBe('true');
    await user.type(box(), 'Hello from a new chat{Enter}');
    await within(list).findByRole('button', { name: /^Hello from a new chat / }, WAIT);
    expect(sent('Send').at(-1)?.body).toMatchObject({ sessionkey: created, message: 'Hello from a new chat' });
  });

  it('deletes a conversation after a confirm step, through DeleteSession, and moves to another', async () => {
    await seed('u1:a', 'First topic');
    await seed('u1:b', 'Second topic');
    const onSessionChange = vi.fn();
    const { user } = renderChat({ sessions: true, sessionkey: 'u1:b', sessionKeyPrefix: 'u1:', onSessionChange });
    const list = await screen.findByRole('navigation', { name: 'Conversations' }, WAIT);
    await within(list).findByRole('button', { name: /^Second topic / }, WAIT);
    await user.click(within(list).getByRole('button', { name: 'Delete “Second topic”' }));
    const question = within(list).getByRole('group', { name: /^Delete “Second topic”\?/ });
    await user.click(within(question).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(within(list).queryByRole('button', { name: /^Second topic / })).toBeNull(), WAIT);
    expect(sent('DeleteSession').map((c) => c.body.sessionkey)).toEqual(['u1:b']);
    expect(onSessionChange).toHaveBeenLastCalledWith('u1:a');
    await screen.findByText('About First topic.', {}, WAIT);
  });

  it('without a session key, opens a new conversation; renders on the server without the sidebar code', async () => {
    const html = renderToString(
      <AgentChat api={api} useragentguid={AGENT} sessions socketUrl="ws://127.0.0.1:9/" storage={null} />,
    );
    expect(html).toContain('Loading the conversation…');
    const onSessionChange = vi.fn();
    renderChat({ sessions: true, sessionkey: undefined, sessionKeyPrefix: 'u9:', onSessionChange });
    await screen.findByText('How can I help?', {}, WAIT);
    await waitFor(() => expect(onSessionChange).toHaveBeenCalledWith(expect.stringMatching(/^u9:/)), WAIT);
  });
});

describe('<AgentChat> action bar', () => {
  it('Regenerate on the last finished reply makes version 2 / 2; the switcher goes back to the first', async () => {
    const { user, box } = renderChat();
    await screen.findByText('How can I help?');
    await user.type(box(), 'Roll a die{Enter}');
    await replyDone();
    expect(screen.getAllByRole('button', { name: 'Regenerate' })).toHaveLength(1);

    scripts.set('Roll a die', { text: 'Six, this time.', chunkChars: 4, intervalMs: 2, queueMs: 5 });
    await user.click(screen.getByRole('button', { name: 'Regenerate' }));
    await waitFor(() => expect(lastReply().textContent).toContain('Six, this time.'), WAIT);
    await replyDone();
    expect(log().querySelectorAll('.wiro-chat-turn')).toHaveLength(1);
    expect(screen.getByText('2 / 2')).not.toBeNull();
    expect(screen.getByText('Version 2 of 2')).not.toBeNull();

    const previous = screen.getByRole('button', { name: 'Previous version' });
    await user.click(previous);
    expect(screen.getByText('1 / 2')).not.toBeNull();
    expect(lastReply().textContent).toContain('Echo: Roll a die');
    // Focus stays on the switcher (the row is updated in place), which says it is at the first version.
    expect(document.activeElement).toBe(previous);
    expect(previous.getAttribute('aria-disabled')).toBe('true');
    // The version shown is the last turn: it can be regenerated too.
    expect(screen.getAllByRole('button', { name: 'Regenerate' })).toHaveLength(1);
  });

  it('Retry on a failed last reply makes a new version of it', async () => {
    scripts.set('Fail once', { text: 'Partial', fail: 'string', chunkChars: 3, intervalMs: 2, queueMs: 5 });
    const { user, box } = renderChat();
    await screen.findByText('How can I help?');
    await user.type(box(), 'Fail once{Enter}');
    await screen.findByRole('button', { name: 'Retry' }, WAIT);
    scripts.set('Fail once', { text: 'Fine now.', chunkChars: 3, intervalMs: 2, queueMs: 5 });
    await user.click(screen.getByRole('button', { name: 'Retry' }));
    await replyDone();
    expect(lastReply().textContent).toContain('Fine now.');
    expect(screen.getByText('2 / 2')).not.toBeNull();
  });

  it('thumbs up and down: pressed state, onFeedback with the comment, per reply', async () => {
    const onFeedback = vi.fn<(event: ChatFeedbackEvent) => void>();
    const { user, box } = renderChat({ onFeedback, sessionkey: 'fb' });
    await screen.findByText('How can I help?');
    await user.type(box(), 'Rate me{Enter}');
    await replyDone();
    const up = screen.getByRole('button', { name: 'Good reply' });
    const down = screen.getByRole('button', { name: 'Bad reply' });
    expect(up.getAttribute('aria-pressed')).toBe('false');
    await user.click(down);
    expect(down.getAttribute('aria-pressed')).toBe('true');
    expect(up.getAttribute('aria-pressed')).toBe('false');
    expect(screen.getByText('Thanks for your feedback')).not.toBeNull();
    await user.type(screen.getByRole('textbox', { name: 'Tell us more (optional)' }), 'Too vague{Enter}');
    expect(screen.queryByRole('textbox', { name: 'Tell us more (optional)' })).toBeNull();
    // The comment box took the focus with it: it is back on the chosen thumb.
    expect(document.activeElement).toBe(down);
    const guid = server.backend.history({ useragentguid: AGENT, sessionkey: 'fb' });
    const messageguid = guid.result ? guid.data.messages[0]?.guid : undefined;
    expect(onFeedback.mock.calls.map(([e]) => [e.messageguid, e.sessionkey, e.value, e.comment])).toEqual([
      [messageguid, 'fb', 'down', undefined],
      [messageguid, 'fb', 'down', 'Too vague'],
    ]);
  });

  it('Edit (or Up in the empty composer) opens the last message; Enter sends the change in its place, Escape leaves it', async () => {
    const { user, box } = renderChat();
    await screen.findByText('How can I help?');
    await user.type(box(), 'Frist question{Enter}');
    await replyDone();

    await user.click(screen.getByRole('button', { name: 'Edit' }));
    const editor = screen.getByRole('textbox', { name: 'Edit your message' });
    expect(document.activeElement).toBe(editor);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('textbox', { name: 'Edit your message' })).toBeNull();
    expect(document.activeElement).toBe(box());
    expect(sent('Cancel')).toHaveLength(0);

    await user.keyboard('{ArrowUp}');
    const again = screen.getByRole('textbox', { name: 'Edit your message' });
    await user.clear(again);
    await user.type(again, 'First question{Enter}');
    await waitFor(() => expect(lastReply().textContent).toContain('Echo: First question'), WAIT);
    await replyDone();
    expect([...log().querySelectorAll('.wiro-chat-bubble')].map((b) => b.textContent)).toEqual(['First question']);
    expect(sent('Send').map((c) => c.body.message)).toEqual(['Frist question', 'First question']);
  });

  it('Escape stops a streaming reply', async () => {
    scripts.set('Go slowly', { text: 'z '.repeat(300), chunkChars: 2, intervalMs: 15, queueMs: 5 });
    const { user, box } = renderChat();
    await screen.findByText('How can I help?');
    await user.type(box(), 'Go slowly{Enter}');
    await waitFor(() => expect(lastReply().getAttribute('data-status')).toBe('streaming'), WAIT);
    await user.keyboard('{Escape}');
    await waitFor(() => expect(lastReply().getAttribute('data-status')).toBe('cancelled'), WAIT);
    expect(sent('Cancel')).toHaveLength(1);
  });

  it('each message shows when it was sent, the exact time on hover', async () => {
    await seed('c1', 'An old question');
    renderChat();
    await screen.findByText('About An old question.', {}, WAIT);
    const time = log().querySelector('.wiro-chat-user time');
    expect(time?.textContent).toBe('now');
    expect(time?.getAttribute('title')).toMatch(/\d{4}/);
    expect(Number.isNaN(Date.parse(time?.getAttribute('dateTime') ?? ''))).toBe(false);
  });

  it('copies the conversation as Markdown', async () => {
    const { user, box } = renderChat({ title: 'Support' });
    await screen.findByText('How can I help?');
    await user.type(box(), 'What is **new**?{Enter}');
    await replyDone();
    const button = screen.getByRole('button', { name: 'Copy conversation as Markdown' });
    await user.click(button);
    await waitFor(() => expect(button.textContent).toBe('Conversation copied'), WAIT);
    // user-event's clipboard stands in for the browser's.
    expect(await navigator.clipboard.readText()).toBe(
      '# Support\n\n## You\n\nWhat is **new**?\n\n## Agent\n\nEcho: What is **new**?\n',
    );
  });
});

describe('<AgentChat> attachments', () => {
  const png = (name: string, bytes = 10) => new File([new Uint8Array(bytes)], name, { type: 'image/png' });

  it('a pasted image and a dropped file wait in the composer, can be removed, and are sent with the message', async () => {
    const { user, box, view } = renderChat();
    await screen.findByText('How can I help?');
    fireEvent.paste(box(), { clipboardData: { getData: () => '', files: [png('image.png')], items: [] } });
    const thread = view.container.querySelector('.wiro-chat-thread') as HTMLElement;
    const transfer = { dataTransfer: { types: ['Files'], files: [png('drop.png', 20)], dropEffect: 'none' } };
    fireEvent.dragEnter(thread, transfer);
    expect(thread.getAttribute('data-drag-over')).toBe('true');
    expect(screen.getByText('Drop files to attach them')).not.toBeNull();
    fireEvent.drop(thread, transfer);
    expect(thread.getAttribute('data-drag-over')).toBeNull();
    const waiting = within(screen.getByRole('list', { name: 'Files to send' })).getAllByRole('listitem');
    expect(waiting).toHaveLength(2);
    expect(waiting.every((item) => item.getAttribute('data-kind') === 'image')).toBe(true);

    await user.click(screen.getByRole('button', { name: /^Remove pasted-image-/ }));
    await user.type(box(), 'Look{Enter}');
    await waitFor(() => expect(sent('Send')).toHaveLength(1), WAIT);
    expect(sent('Send')[0]?.body.attachments).toEqual([expect.objectContaining({ type: 'image/png', size: 20 })]);
    expect(screen.queryByRole('list', { name: 'Files to send' })).toBeNull();
  });

  it('refuses files past accept, maxFileBytes and maxFiles, saying why, inline', async () => {
    const { view } = renderChat({ accept: 'image/*', maxFileBytes: 100, maxFiles: 1 });
    await screen.findByText('How can I help?');
    const thread = view.container.querySelector('.wiro-chat-thread') as HTMLElement;
    const files = [
      new File(['x'], 'notes.txt', { type: 'text/plain' }),
      png('huge.png', 500),
      png('ok.png'),
      png('second.png'),
    ];
    fireEvent.drop(thread, { dataTransfer: { types: ['Files'], files, dropEffect: 'none' } });
    const alert = screen.getByRole('alert');
    expect([...alert.querySelectorAll('li')].map((li) => li.textContent)).toEqual([
      '“notes.txt” can’t be attached: only image/* files are accepted.',
      '“huge.png” is too large (500 bytes). Files can be up to 100 bytes.',
      'You can attach up to 1 file, so “second.png” was not added.',
    ]);
    expect(within(screen.getByRole('list', { name: 'Files to send' })).getAllByRole('listitem')).toHaveLength(1);
  });

  it('history shows sent images inline and other files as links', async () => {
    const made = server.createMessage(
      { text: 'Got them.', queueMs: 0, intervalMs: 0, chunkChars: 100 },
      {
        useragentguid: AGENT,
        sessionkey: 'c1',
        content: 'Two files',
        attachments: [
          { url: 'https://cdn.example/a.png', name: 'a.png', type: 'image/png', size: 10 },
          { url: 'https://cdn.example/b.pdf', name: 'b.pdf', type: 'application/pdf', size: 20 },
        ],
      },
    );
    await waitFor(() => expect(server.backend.getMessage(made)?.status).toBe('agent_end'), WAIT);
    renderChat();
    const image = await screen.findByRole('img', { name: 'Attached image: a.png' }, WAIT);
    expect(image.getAttribute('src')).toBe('https://cdn.example/a.png');
    expect(screen.getByRole('link', { name: /^b\.pdf/ }).getAttribute('href')).toBe('https://cdn.example/b.pdf');
  });
});

describe('<AgentChat> labels', () => {
  it('translates the new controls', async () => {
    const { user, box } = renderChat({
      labels: {
        regenerate: 'Neu erzeugen',
        goodReply: 'Gute Antwort',
        edit: 'Bearbeiten',
        copyConversation: 'Kopieren',
      },
      attachmentLabels: { dropFiles: 'Dateien hier ablegen' },
    });
    await screen.findByText('How can I help?');
    await user.type(box(), 'Hallo{Enter}');
    await replyDone();
    for (const name of ['Neu erzeugen', 'Gute Antwort', 'Bearbeiten', 'Kopieren']) {
      expect(screen.queryByRole('button', { name })).not.toBeNull();
    }
    act(() => {
      fireEvent.dragEnter(document.querySelector('.wiro-chat-thread') as HTMLElement, {
        dataTransfer: { types: ['Files'], files: [], dropEffect: 'none' },
      });
    });
    expect(screen.getByText('Dateien hier ablegen')).not.toBeNull();
  });
});
