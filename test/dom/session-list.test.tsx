import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { StrictMode, useState, type ReactElement } from 'react';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  AgentSessionList,
  createAgentApi,
  defaultSessionListLabels,
  useAgentSessions,
  type AgentSessionListItem,
  type AgentSessionListProps,
} from 'wiro-agent-react';
import { createMockAgentBackend } from 'wiro-agent-react/testing';
import { agentApiHandlers } from 'wiro-agent-react/testing/msw';

const nowSeconds = (): number => Math.floor(Date.now() / 1000);

function sessions(): AgentSessionListItem[] {
  return [
    { sessionkey: 'c', messagecount: 3, updatedat: nowSeconds() - 5 * 60, lastmessage: 'What are the latest\ntrends?' },
    {
      sessionkey: 'b',
      messagecount: 1,
      updatedat: nowSeconds() - 26 * 3600,
      lastmessage: 'How do I reset my password?',
    },
    { sessionkey: 'a', messagecount: 8, updatedat: null, lastmessage: '' },
  ];
}

/** The list with selection and deletion kept in state, as an app would. */
function Harness({
  initial,
  onSelect,
  onDelete,
  ...rest
}: Partial<AgentSessionListProps> & { initial?: AgentSessionListItem[] }): ReactElement {
  const [list, setList] = useState(initial ?? sessions());
  const [selected, setSelected] = useState<string | null>('b');
  return (
    <AgentSessionList
      onCreate={() => undefined}
      {...rest}
      sessions={list}
      selected={selected}
      onSelect={(key) => {
        setSelected(key);
        onSelect?.(key);
      }}
      onDelete={(key) => {
        setList((current) => current.filter((s) => s.sessionkey !== key));
        onDelete?.(key);
      }}
    />
  );
}

/** The accessible description: the text of the elements `aria-describedby` names. */
function description(element: HTMLElement): string {
  return (element.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A conversation's button, by its title (its name goes on with the time and count). */
const titled = (title: string): RegExp => new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( |$)`);
const selectButton = (title: string) => screen.getByRole('button', { name: titled(title) });

describe('AgentSessionList: states', () => {
  it('shows a loading state while the first load runs', () => {
    render(<AgentSessionList sessions={[]} isLoading />);
    expect(screen.getByText('Loading conversations…').getAttribute('role')).toBe('status');
    expect(screen.queryByRole('list')).toBeNull();
  });

  it('shows an empty state', async () => {
    const onCreate = vi.fn();
    render(<AgentSessionList sessions={[]} onCreate={onCreate} />);
    const nav = screen.getByRole('navigation', { name: 'Conversations' });
    const empty = within(nav).getByText('No conversations yet');
    expect(empty.nextElementSibling).toBe(within(nav).getByText('Start a new chat and it will appear here.'));
    expect(within(nav).queryByRole('list')).toBeNull();
    await userEvent.click(within(nav).getByRole('button', { name: 'New chat' }));
    expect(onCreate).toHaveBeenCalledTimes(1);
  });

  it('shows a failed first load as an alert with Try again', async () => {
    const onRetry = vi.fn();
    render(
      <AgentSessionList
        sessions={[]}
        error={{ kind: 'load', message: 'The conversations could not be loaded. Check your connection.' }}
        onRetry={onRetry}
        onDismissError={() => undefined}
      />,
    );
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('The conversations could not be loaded. Check your connection.');
    // Nothing to dismiss to: only retrying helps.
    expect(within(alert).queryByRole('button', { name: 'Dismiss' })).toBeNull();
    await userEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(onRetry).toHaveBeenCalledTimes(1);
    expect(screen.queryByText('No conversations yet')).toBeNull();
  });

  it('lists conversations: title, relative time with the exact time on hover, count, the current one marked', () => {
    render(<Harness />);
    const nav = screen.getByRole('navigation', { name: 'Conversations' });
    const items = within(nav).getAllByRole('listitem');
    expect(items).toHaveLength(3);
    const current = selectButton('How do I reset my password?');
    expect(current.getAttribute('aria-current')).toBe('true');
    expect(selectButton('What are the latest trends?').getAttribute('aria-current')).toBeNull();
    // The name is all the visible text (title, time, count); the keyboard hint is the description.
    expect(screen.getByRole('button', { name: 'How do I reset my password? yesterday · 1 message' })).toBe(current);
    expect(description(current)).toBe('Arrow keys move between conversations, Enter opens one, Delete deletes it.');
    const time = within(items[0] as HTMLElement).getByText('5 minutes ago');
    expect(time.tagName).toBe('TIME');
    expect(time.getAttribute('dateTime')).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(time.getAttribute('title')).toMatch(/\d{4}/);
    // No text: the untitled fallback; no time: only the count.
    const untitled = screen.getByRole('button', { name: 'Untitled conversation 8 messages' });
    expect(untitled.closest('li')).toBe(items[2]);
    expect(untitled.querySelector('time')).toBeNull();
    const remove = screen.getByRole('button', { name: 'Delete “What are the latest trends?”' });
    expect(remove.closest('li')).toBe(items[0]);
    expect(remove.getAttribute('title')).toBe('Delete “What are the latest trends?”');
  });

  it('titles a new conversation "New chat" and uses getTitle when given', () => {
    render(
      <AgentSessionList
        sessions={[
          { sessionkey: 'n', messagecount: 0, updatedat: nowSeconds(), lastmessage: '', isNew: true },
          { sessionkey: 'x', messagecount: 2, updatedat: nowSeconds(), lastmessage: 'ignored' },
        ]}
        getTitle={(s) => (s.sessionkey === 'x' ? 'Renamed by the app' : '')}
      />,
    );
    const created = screen.getByRole('button', { name: 'New chat now' });
    // A new conversation shows no message count, only when it was made.
    expect(created.querySelector('time')?.textContent).toBe('now');
    expect(created.closest('li')?.getAttribute('data-new')).toBe('true');
    expect(selectButton('Renamed by the app')).toBe(
      screen.getByRole('button', { name: 'Renamed by the app now · 2 messages' }),
    );
    expect(screen.queryByText('ignored')).toBeNull();
  });

  it('marks a reload over an existing list as busy, without hiding the list', () => {
    render(<AgentSessionList sessions={sessions()} isLoading />);
    expect(screen.getByRole('navigation').getAttribute('aria-busy')).toBe('true');
    expect(screen.getAllByRole('listitem')).toHaveLength(3);
  });

  it('translates every string through labels, and renders no kit class when unstyled', () => {
    const { container } = render(
      <AgentSessionList
        sessions={sessions().slice(0, 1)}
        onCreate={() => undefined}
        onDelete={() => undefined}
        locale="fr"
        unstyled
        labels={{
          list: 'Discussions',
          newChat: 'Nouvelle discussion',
          messageCount: (n) => `${n} messages`,
          delete: (title) => `Supprimer « ${title} »`,
        }}
      />,
    );
    expect(screen.getByRole('navigation').getAttribute('aria-label')).toBe('Discussions');
    expect(screen.getByRole('button', { name: 'Nouvelle discussion' }).textContent).toBe('Nouvelle discussion');
    const time = screen.getByText('il y a 5 minutes');
    expect(time.tagName).toBe('TIME');
    expect(time.closest('button')).toBe(selectButton('What are the latest trends?'));
    expect(
      screen.getByRole('button', { name: 'Supprimer « What are the latest trends? »' }).getAttribute('title'),
    ).toBe('Supprimer « What are the latest trends? »');
    expect(container.querySelector('[class*="wiro-"]')).toBeNull();
  });
});

describe('AgentSessionList: keyboard', () => {
  it('is one Tab stop; arrows, Home and End move; Enter and Space open', async () => {
    const user = userEvent.setup();
    const onSelect = vi.fn();
    render(<Harness onSelect={onSelect} />);
    const [c, b, a] = ['What are the latest trends?', 'How do I reset my password?', 'Untitled conversation'].map(
      (name) => selectButton(name),
    );
    // The current conversation is the list's Tab stop.
    expect([c, b, a].map((button) => button?.tabIndex)).toEqual([-1, 0, -1]);
    await user.click(screen.getByRole('button', { name: 'New chat' }));
    await user.tab();
    expect(document.activeElement).toBe(b);
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(a);
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(a);
    await user.keyboard('{Home}');
    expect(document.activeElement).toBe(c);
    await user.keyboard('{ArrowUp}');
    expect(document.activeElement).toBe(c);
    await user.keyboard('{End}');
    expect(document.activeElement).toBe(a);
    // The Tab stop follows focus.
    expect(a?.tabIndex).toBe(0);
    await user.keyboard('{Enter}');
    expect(onSelect).toHaveBeenLastCalledWith('a');
    expect(a?.getAttribute('aria-current')).toBe('true');
    await user.keyboard('{ArrowUp}{ }');
    expect(onSelect).toHaveBeenLastCalledWith('b');
  });

  it('Delete asks first: focus goes to Cancel, Escape cancels and returns focus, confirming deletes', async () => {
    const user = userEvent.setup();
    const onDelete = vi.fn();
    render(<Harness onDelete={onDelete} />);
    const target = selectButton('What are the latest trends?');
    act(() => target.focus());
    await user.keyboard('{Delete}');
    const question = screen.getByRole('group', {
      name: 'Delete “What are the latest trends?”? This cannot be undone.',
    });
    expect(document.activeElement).toBe(within(question).getByRole('button', { name: 'Cancel' }));
    expect(onDelete).not.toHaveBeenCalled();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('group')).toBeNull();
    expect(document.activeElement).toBe(selectButton('What are the latest trends?'));

    await user.keyboard('{Backspace}');
    await user.click(screen.getByRole('button', { name: 'Delete' }));
    expect(onDelete).toHaveBeenCalledWith('c');
    expect(screen.queryByRole('button', { name: titled('What are the latest trends?') })).toBeNull();
    // Focus moves to the conversation now in its place, and the removal is announced.
    expect(document.activeElement).toBe(selectButton('How do I reset my password?'));
    expect(screen.getByText('“What are the latest trends?” deleted.').getAttribute('role')).toBe('status');
  });

  it('the delete button asks too, and deleting the last conversation leaves focus on New chat', async () => {
    const user = userEvent.setup();
    render(<Harness initial={sessions().slice(0, 1)} />);
    await user.click(screen.getByRole('button', { name: 'Delete “What are the latest trends?”' }));
    await user.click(screen.getByRole('button', { name: 'Delete' }));
    expect(screen.getByText('No conversations yet').closest('nav')).toBe(
      screen.getByRole('navigation', { name: 'Conversations' }),
    );
    expect(screen.queryAllByRole('listitem')).toHaveLength(0);
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'New chat' }));
  });

  it('without onDelete there is no delete button and Delete does nothing', async () => {
    const user = userEvent.setup();
    render(<AgentSessionList sessions={sessions()} selected="c" />);
    expect(screen.queryByRole('button', { name: /^Delete/ })).toBeNull();
    act(() => selectButton('What are the latest trends?').focus());
    await user.keyboard('{Delete}');
    expect(screen.queryByRole('group')).toBeNull();
  });
});

describe('AgentSessionList with useAgentSessions', () => {
  const API = 'https://wiro.test/v1';
  const AGENT = 'agent-guid-0001';
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());

  function Sidebar(): ReactElement {
    const api = useState(() => createAgentApi({ baseUrl: API }))[0];
    const list = useAgentSessions({ api, useragentguid: AGENT, sessionKeyPrefix: 'user-42:' });
    const [current, setCurrent] = useState<string | null>(null);
    return (
      <AgentSessionList
        sessions={list.sessions}
        isLoading={list.isLoading}
        error={list.error}
        onRetry={() => void list.refresh()}
        onDismissError={list.clearError}
        onDelete={list.remove}
        selected={current}
        onSelect={setCurrent}
        onCreate={() => setCurrent(list.create())}
      />
    );
  }

  it('a refused delete brings the row back in place, says why, and can be dismissed', async () => {
    const backend = createMockAgentBackend();
    for (const [sessionkey, content] of [
      ['user-42:a', 'Older question'],
      ['user-42:b', 'Newer question'],
    ] as const) {
      backend.createMessage({ text: 'ok', queueMs: 0, intervalMs: 0 }, { useragentguid: AGENT, sessionkey, content });
    }
    let refuse = (): void => {};
    const refused = new Promise<void>((resolve) => (refuse = resolve));
    server.use(
      http.post(`${API}/UserAgent/Message/DeleteSession`, async () => {
        await refused;
        return HttpResponse.json({ result: false, errors: [{ code: 500, message: 'Database unavailable' }] });
      }),
      ...agentApiHandlers({ baseUrl: API, backend }),
    );
    const user = userEvent.setup();
    render(
      <StrictMode>
        <Sidebar />
      </StrictMode>,
    );
    await screen.findByRole('button', { name: titled('Older question') });
    const titles = (): string[] => screen.getAllByRole('listitem').map((li) => li.textContent ?? '');
    expect(titles()[0]).toMatch(/^Newer question/);

    await user.click(screen.getByRole('button', { name: 'Delete “Newer question”' }));
    await user.click(screen.getByRole('button', { name: 'Delete' }));
    expect(screen.queryByRole('button', { name: titled('Newer question') })).toBeNull();
    await act(async () => refuse());
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The conversation could not be deleted. Database unavailable.');
    expect(titles()[0]).toMatch(/^Newer question/);
    expect(titles()).toHaveLength(2);
    await user.click(within(alert).getByRole('button', { name: 'Dismiss' }));
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
    backend.dispose();
  });

  it('New chat lists a new conversation and makes it current', async () => {
    server.use(...agentApiHandlers({ baseUrl: API, backend: createMockAgentBackend() }));
    const user = userEvent.setup();
    render(<Sidebar />);
    await screen.findByText(defaultSessionListLabels.empty);
    await user.click(screen.getByRole('button', { name: 'New chat' }));
    const created = screen.getByRole('button', { name: 'New chat now' });
    expect(created.getAttribute('aria-current')).toBe('true');
  });
});
