import type { Meta, StoryObj } from '@storybook/react-vite';
import { useMemo, useState, type ReactElement } from 'react';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import {
  AgentSessionList,
  ChatLayout,
  createAgentApi,
  defaultSessionListLabels,
  useAgentSessions,
  WiroApiError,
  type AgentSessionListItem,
  type AgentSessionListProps,
  type SessionsApi,
} from 'wiro-agent-react';
import { agentOf, type AgentMock, type AgentMockParameters } from './support/mocks';

const now = (): number => Math.floor(Date.now() / 1000);

/** A sidebar's worth of conversations, times relative to when the story renders. */
function sampleSessions(): AgentSessionListItem[] {
  return [
    { sessionkey: 'user-42:new', messagecount: 0, updatedat: now(), lastmessage: '', isNew: true },
    {
      sessionkey: 'user-42:trip',
      messagecount: 6,
      updatedat: now() - 4 * 60,
      lastmessage: 'Plan a 3-day trip to Lisbon',
    },
    {
      sessionkey: 'user-42:stream',
      messagecount: 14,
      updatedat: now() - 3 * 3600,
      lastmessage: 'How do I stream a reply into my React app without re-rendering the whole page?',
    },
    { sessionkey: 'user-42:sql', messagecount: 2, updatedat: now() - 27 * 3600, lastmessage: 'Explain this SQL join' },
    { sessionkey: 'user-42:files', messagecount: 1, updatedat: now() - 9 * 86400, lastmessage: '' },
    { sessionkey: 'user-42:old', messagecount: 40, updatedat: now() - 400 * 86400, lastmessage: 'Year in review' },
  ];
}

/** The list with its selection and deletions kept in state, as an app keeps them. */
function StatefulList(props: AgentSessionListProps): ReactElement {
  const [sessions, setSessions] = useState(props.sessions);
  const [selected, setSelected] = useState(props.selected ?? null);
  return (
    <AgentSessionList
      {...props}
      sessions={sessions}
      selected={selected}
      onSelect={(key) => {
        setSelected(key);
        props.onSelect?.(key);
      }}
      onDelete={
        props.onDelete &&
        ((key) => {
          setSessions((current) => current.filter((s) => s.sessionkey !== key));
          props.onDelete?.(key);
        })
      }
    />
  );
}

/**
 * An agent's conversations for a sidebar (pair it with `useAgentSessions`): the title is the last
 * message, then how long ago (the exact time on hover) and the message count; the current one is
 * marked with `aria-current`. Keyboard: one Tab stop, Up/Down/Home/End move, Enter opens, Delete asks
 * to delete (Escape cancels). Every string comes from `labels`.
 */
const meta = {
  title: 'Conversations/AgentSessionList',
  component: AgentSessionList,
  args: {
    sessions: sampleSessions(),
    selected: 'user-42:stream',
    isLoading: false,
    error: null,
    unstyled: false,
    onSelect: fn(),
    onCreate: fn(),
    onDelete: fn(),
    onRetry: fn(),
    onDismissError: fn(),
  },
  argTypes: { sessions: { control: false } },
  parameters: { frame: { width: 300, height: 520 } },
  render: (args) => <StatefulList key={JSON.stringify(args.sessions.map((s) => s.sessionkey))} {...args} />,
} satisfies Meta<typeof AgentSessionList>;

export default meta;
type Story = StoryObj<typeof meta>;

const LONG = { timeout: 20_000 };

/** Conversations, the current one marked. Use the arrow keys in the list, Enter to open one. */
export const WithSessions: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    const current = canvas.getByRole('button', {
      name: /^How do I stream a reply into my React app without re-rendering the whole page\? /,
    });
    await expect(current).toHaveAttribute('aria-current', 'true');
    await expect(canvas.getByText(/^\d+ minutes ago$/)).toBeVisible();
    current.focus();
    await userEvent.keyboard('{ArrowDown}{Enter}');
    await expect(args.onSelect).toHaveBeenCalledWith('user-42:sql');
    await expect(canvas.getByRole('button', { name: /^Explain this SQL join / })).toHaveAttribute(
      'aria-current',
      'true',
    );
  },
};

/** Nothing yet: the empty state under the New chat button. */
export const Empty: Story = {
  args: { sessions: [] },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByText(defaultSessionListLabels.empty)).toBeVisible();
    await expect(canvas.getByRole('button', { name: defaultSessionListLabels.newChat })).toBeVisible();
  },
};

/** The first load in flight. */
export const Loading: Story = {
  args: { sessions: [], isLoading: true },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByText(defaultSessionListLabels.loading)).toBeVisible();
  },
};

/** The first load failed: the reason, and Try again. */
export const LoadError: Story = {
  args: {
    sessions: [],
    error: { kind: 'load', message: 'The conversations could not be loaded. Check your connection.' },
  },
  play: async ({ canvasElement, args }) => {
    const alert = within(canvasElement).getByRole('alert');
    await expect(alert).toHaveTextContent('Check your connection.');
    await userEvent.click(within(alert).getByRole('button', { name: defaultSessionListLabels.retry }));
    await expect(args.onRetry).toHaveBeenCalled();
  },
};

/** Delete asks first (an inline confirm step, focus on Cancel); confirming removes the row. */
export const ConfirmDelete: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    canvas.getByRole('button', { name: /^Plan a 3-day trip to Lisbon / }).focus();
    await userEvent.keyboard('{Delete}');
    const question = canvas.getByRole('group', { name: /^Delete “Plan a 3-day trip to Lisbon”\?/ });
    await expect(within(question).getByRole('button', { name: 'Cancel' })).toHaveFocus();
    await userEvent.click(within(question).getByRole('button', { name: 'Delete' }));
    await expect(args.onDelete).toHaveBeenCalledWith('user-42:trip');
    await expect(canvas.queryByRole('button', { name: /^Plan a 3-day trip to Lisbon / })).toBeNull();
  },
};

/** In the reader's language: French labels and times. */
export const Translated: Story = {
  args: {
    locale: 'fr',
    labels: {
      list: 'Discussions',
      newChat: 'Nouvelle discussion',
      untitled: 'Discussion sans titre',
      messageCount: (count) => (count === 1 ? '1 message' : `${count} messages`),
      keyboardHint: 'Flèches pour se déplacer, Entrée pour ouvrir, Suppr pour supprimer.',
      delete: (title) => `Supprimer « ${title} »`,
      confirmDelete: (title) => `Supprimer « ${title} » ? C’est définitif.`,
      confirm: 'Supprimer',
      cancel: 'Annuler',
      deleted: (title) => `« ${title} » supprimée.`,
    },
  },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByText(/^il y a \d+ minutes$/)).toBeVisible();
  },
};

export const DarkTheme: Story = { globals: { theme: 'dark' } };

// ---- Against the story's mocked Wiro (Message/Sessions and DeleteSession over msw) ----

const SEEDED: [string, string][] = [
  ['user-42:trip', 'Plan a 3-day trip to Lisbon'],
  ['user-42:sql', 'Explain this SQL join'],
  ['user-42:stream', 'How do I stream a reply?'],
];

const seeded: AgentMockParameters = {
  seed: (backend, ids) => {
    for (const [sessionkey, content] of SEEDED) {
      backend.createMessage(
        { text: 'Done.', queueMs: 0, intervalMs: 0, chunkChars: 100 },
        { useragentguid: ids.useragentguid, sessionkey, content },
      );
    }
  },
};

/** `useAgentSessions` and the list, as an app wires them; `refuseDeletes` makes DeleteSession fail. */
function LiveSidebar({ agent, refuseDeletes }: { agent: AgentMock; refuseDeletes?: boolean }): ReactElement {
  const api = useMemo<SessionsApi>(() => {
    const real = createAgentApi({ baseUrl: agent.apiBaseUrl });
    if (!refuseDeletes) return real;
    return {
      sessions: (params, options) => real.sessions(params, options),
      deleteSession: async () => {
        await new Promise((resolve) => setTimeout(resolve, 700));
        throw new WiroApiError('Wiro DeleteSession failed: Database unavailable', {
          code: 'api',
          endpoint: 'DeleteSession',
          status: 200,
          errors: [{ message: 'Database unavailable' }],
        });
      },
    };
  }, [agent.apiBaseUrl, refuseDeletes]);
  const list = useAgentSessions({ api, useragentguid: agent.useragentguid, sessionKeyPrefix: 'user-42:' });
  const [current, setCurrent] = useState<string | null>('user-42:sql');
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

/** Loaded from the mocked Message/Sessions; New chat adds a local conversation at the top. */
export const LiveMockedWiro: Story = {
  name: 'Live (mocked Wiro)',
  parameters: { agent: seeded },
  render: (_args, { loaded }) => <LiveSidebar key={agentOf(loaded).apiBaseUrl} agent={agentOf(loaded)} />,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await canvas.findByRole('button', { name: /^Explain this SQL join / }, LONG);
    await userEvent.click(canvas.getByRole('button', { name: defaultSessionListLabels.newChat }));
    const created = canvas.getByRole('button', { name: /^New chat now/ });
    await expect(created).toHaveAttribute('aria-current', 'true');
  },
};

/** The server refuses a delete: the row leaves at once, comes back in its place, and the reason shows. */
export const DeleteRefused: Story = {
  parameters: { agent: seeded },
  render: (_args, { loaded }) => <LiveSidebar key={agentOf(loaded).apiBaseUrl} agent={agentOf(loaded)} refuseDeletes />,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await canvas.findByRole('button', { name: /^Explain this SQL join / }, LONG);
    await userEvent.click(canvas.getByRole('button', { name: 'Delete “Explain this SQL join”' }));
    await userEvent.click(canvas.getByRole('button', { name: 'Delete' }));
    await expect(canvas.queryByRole('button', { name: /^Explain this SQL join / })).toBeNull();
    const alert = await canvas.findByRole('alert', {}, LONG);
    await expect(alert).toHaveTextContent('The conversation could not be deleted. Database unavailable.');
    await expect(canvas.getByRole('button', { name: /^Explain this SQL join / })).toBeVisible();
  },
};

// ---- In a layout: sidebar beside the thread, a drawer on narrow screens ----

function Thread({ title }: { title: string }): ReactElement {
  return (
    <div
      style={{
        display: 'grid',
        placeItems: 'center',
        border: '1px solid var(--wiro-border)',
        borderRadius: 12,
        color: 'var(--wiro-fg-muted)',
        fontFamily: 'var(--wiro-font)',
      }}
    >
      {title}
    </div>
  );
}

function LayoutDemo(): ReactElement {
  const [sessions] = useState(sampleSessions);
  const [current, setCurrent] = useState('user-42:stream');
  const title = sessions.find((s) => s.sessionkey === current)?.lastmessage || 'New chat';
  return (
    <ChatLayout
      sidebar={
        <AgentSessionList sessions={sessions} selected={current} onSelect={setCurrent} onCreate={() => undefined} />
      }
    >
      <Thread title={`Thread: ${title}`} />
    </ChatLayout>
  );
}

/** `<ChatLayout>`: the list beside the thread. */
export const InChatLayout: Story = {
  name: 'In a chat layout',
  parameters: { frame: { width: 900, height: 480 } },
  render: () => <LayoutDemo />,
};

/** Under 640 px the sidebar is a drawer: the toggle opens it, Escape closes it and focus returns. */
export const NarrowDrawer: Story = {
  parameters: { frame: { width: 360, height: 560 } },
  render: () => <LayoutDemo />,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const toggle = await canvas.findByRole('button', { name: 'Show conversations' }, LONG);
    await userEvent.click(toggle);
    const dialog = canvas.getByRole('dialog', { name: 'Conversations' });
    await waitFor(() => expect(dialog).toBeVisible());
    await expect(within(dialog).getByRole('button', { current: true })).toHaveFocus();
    await userEvent.keyboard('{Escape}');
    await expect(canvas.queryByRole('dialog')).toBeNull();
    await expect(canvas.getByRole('button', { name: 'Show conversations' })).toHaveFocus();
  },
};
