import type { Meta, StoryObj } from '@storybook/react-vite';
import { useMemo, type ReactElement } from 'react';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { createAgentApi } from 'wiro-agent-react/core';
import {
  AgentChat,
  type AgentChatProps,
  defaultAttachmentLabels,
  defaultChatLabels,
  defaultLabels,
  defaultSessionListLabels,
} from 'wiro-agent-react';
import { gradientPng, SANITIZED_AGENT_ERROR } from 'wiro-agent-react/testing';
import { agentOf, STORY_SOCKET_OPTIONS, type AgentMock, type AgentMockParameters } from './support/mocks';
import { SHORT_ANSWER, THINKING } from './support/scenarios';
import { stateStory } from './support/states';
import { seededTurn } from '../demo/long-thread';

/** What a story sets; the API, agent and socket come from the story's mocked Wiro. */
type ChatArgs = Omit<AgentChatProps, 'api' | 'useragentguid' | 'sessionkey' | 'socketUrl' | 'socket' | 'storage'>;

/**
 * `<AgentChat>` against the story's mocked REST API and socket (no reload resume: each visit starts fresh).
 * Keyed by the socket URL: every args change reruns the loader, which gives a new mocked agent, and the
 * chat's socket reads its URL only once.
 */
function MockChat({ agent, session, ...props }: ChatArgs & { agent: AgentMock; session?: string }): ReactElement {
  const api = useMemo(() => createAgentApi({ baseUrl: agent.apiBaseUrl }), [agent.apiBaseUrl]);
  return (
    <AgentChat
      key={agent.socketUrl}
      socketOptions={STORY_SOCKET_OPTIONS}
      {...props}
      api={api}
      useragentguid={agent.useragentguid}
      sessionkey={session ?? agent.sessionkey}
      socketUrl={agent.socketUrl}
      storage={null}
      feedbackStorage={null}
    />
  );
}

/**
 * The drop-in chat: history, live replies, Stop and Retry, attachments, connection status. In each
 * state story the play function sends a message and the mocked agent answers with that state's reply;
 * on the docs page, click a suggestion to see it.
 */
const meta = {
  title: 'Components/AgentChat',
  component: AgentChat as unknown as (props: ChatArgs) => ReactElement,
  args: {
    title: 'Support',
    suggestions: ['How do I stream a reply?'],
    showThinking: true,
    showMetrics: false,
    allowAttachments: true,
    unstyled: false,
  },
  parameters: { frame: { height: 560 } },
  render: (args, { loaded }) => <MockChat {...args} agent={agentOf(loaded)} />,
} satisfies Meta<ChatArgs>;

export default meta;
type Story = StoryObj<typeof meta>;

const LONG = { timeout: 20_000 };
const chat = { chat: true, height: 560 };
const QUESTION = 'How do I stream a reply?';

/** Type a message and press Enter, as a user would; resolves with the canvas. */
async function ask(canvasElement: HTMLElement, text = QUESTION) {
  const canvas = within(canvasElement);
  const box = await canvas.findByRole('textbox', { name: defaultChatLabels.placeholder }, LONG);
  await userEvent.type(box, text);
  await userEvent.keyboard('{Enter}');
  await canvas.findByText(text, {}, LONG);
  return canvas;
}

/** The latest reply's root (it exposes its view state as `data-status`). */
function lastReply(canvasElement: HTMLElement): HTMLElement {
  const replies = canvasElement.querySelectorAll<HTMLElement>('.wiro-chat-agent [data-status]');
  const last = replies[replies.length - 1];
  if (!last) throw new Error('no reply yet');
  return last;
}

async function replyEnds(canvasElement: HTMLElement, status: string): Promise<void> {
  await waitFor(() => expect(lastReply(canvasElement)).toHaveAttribute('data-status', status), LONG);
}

/** The empty state with suggestions; pick one to send it. */
export const Empty: Story = {
  parameters: { agent: { reply: () => ({ thinking: THINKING, text: SHORT_ANSWER }) } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByText(defaultChatLabels.emptyTitle, {}, LONG)).toBeVisible();
    await userEvent.click(canvas.getByRole('button', { name: QUESTION }));
    await replyEnds(canvasElement, 'done');
    await expect(canvas.getByText(/as the agent writes it/)).toBeVisible();
  },
};

/** Earlier turns load from Message/History (newest first on the wire, oldest first on screen). */
export const WithHistory: Story = {
  name: 'With history',
  args: { historyPageSize: 3 },
  parameters: {
    agent: {
      reply: () => ({ text: SHORT_ANSWER }),
      seed: (backend, ids) => {
        for (let i = 1; i <= 5; i++) {
          backend.createMessage(
            { text: `Answer number ${i}.`, queueMs: 0, intervalMs: 0, chunkChars: 100 },
            { ...ids, content: `Question number ${i}` },
          );
        }
      },
    } satisfies AgentMockParameters,
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await canvas.findByText('Answer number 5.', {}, LONG);
    await expect(canvas.queryByText('Question number 2')).toBeNull();
    await userEvent.click(canvas.getByRole('button', { name: defaultChatLabels.loadOlder }));
    await canvas.findByText('Question number 2', {}, LONG);
  },
};

/**
 * A long conversation: 2,000 turns of mixed Markdown, 200 a page. The list is virtualised: only the
 * turns in view are mounted, it opens at the end, and "Load older" keeps the turn you read in place.
 */
export const LongThread: Story = {
  name: 'Long thread (virtualised)',
  args: { historyPageSize: 200 },
  parameters: {
    agent: {
      reply: () => ({ text: SHORT_ANSWER }),
      seed: (backend, ids) => {
        for (let i = 0; i < 2000; i++) {
          const turn = seededTurn(i);
          backend.createMessage(
            { text: turn.answer, thinking: turn.thinking, queueMs: 0, intervalMs: 0, chunkChars: 100_000 },
            { ...ids, content: turn.question },
          );
        }
      },
    } satisfies AgentMockParameters,
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await canvas.findByText(/^Turn 2000:/, {}, LONG);
    await expect(canvasElement.querySelectorAll('.wiro-chat-turn').length).toBeLessThan(40);
    await expect(canvas.queryByText(/^Turn 1801:/)).toBeNull();
  },
};

export const Queued: Story = {
  ...stateStory('queued', chat),
  play: async ({ canvasElement }) => {
    const canvas = await ask(canvasElement);
    await replyEnds(canvasElement, 'waiting');
    await expect(canvas.getByRole('button', { name: defaultChatLabels.stop })).toBeVisible();
  },
};

export const Thinking: Story = {
  ...stateStory('thinking', chat),
  play: async ({ canvasElement }) => {
    await ask(canvasElement);
    await replyEnds(canvasElement, 'thinking');
    await replyEnds(canvasElement, 'done');
  },
};

export const InterleavedThinkingAndAnswer: Story = {
  ...stateStory('interleaved', chat),
  play: async ({ canvasElement }) => {
    await ask(canvasElement);
    await replyEnds(canvasElement, 'done');
  },
};

export const LongMarkdown: Story = {
  ...stateStory('longMarkdown', chat),
  play: async ({ canvasElement }) => {
    const canvas = await ask(canvasElement);
    await replyEnds(canvasElement, 'done');
    await expect(canvas.getByRole('table')).toBeInTheDocument();
  },
};

export const StringError: Story = {
  ...stateStory('stringError', chat),
  play: async ({ canvasElement }) => {
    const canvas = await ask(canvasElement);
    await waitFor(() => expect(canvas.getByRole('alert')).toHaveTextContent(SANITIZED_AGENT_ERROR), LONG);
    await expect(canvas.getByRole('button', { name: defaultChatLabels.retry })).toBeVisible();
  },
};

export const ObjectError: Story = {
  ...stateStory('objectError', chat),
  play: async ({ canvasElement }) => {
    const canvas = await ask(canvasElement);
    await waitFor(() => expect(canvas.getByRole('alert')).toHaveTextContent(defaultLabels.failed), LONG);
  },
};

export const Cancelled: Story = {
  ...stateStory('cancelled', chat),
  play: async ({ canvasElement }) => {
    const canvas = await ask(canvasElement);
    await replyEnds(canvasElement, 'cancelled');
    await expect(canvas.getByText(defaultLabels.cancelled)).toBeVisible();
  },
};

/** The user pressed Stop while the reply streamed: the partial text stays, marked as cancelled. */
export const StoppedByUser: Story = {
  ...stateStory('longMarkdown', chat),
  name: 'Stopped by the user',
  parameters: {
    ...stateStory('longMarkdown', chat).parameters,
    agent: { reply: () => ({ text: SHORT_ANSWER.repeat(6), chunkChars: 6, intervalMs: 60 }) },
  },
  play: async ({ canvasElement }) => {
    const canvas = await ask(canvasElement);
    await replyEnds(canvasElement, 'streaming');
    await userEvent.click(canvas.getByRole('button', { name: defaultChatLabels.stop }));
    await replyEnds(canvasElement, 'cancelled');
  },
};

export const UnknownToken: Story = {
  ...stateStory('unknownToken', chat),
  play: async ({ canvasElement }) => {
    const canvas = await ask(canvasElement);
    await waitFor(() => expect(canvas.getByRole('alert')).toHaveTextContent(defaultLabels.unknownToken), LONG);
  },
};

export const Reconnecting: Story = {
  ...stateStory('reconnecting', chat),
  play: async ({ canvasElement }) => {
    const canvas = await ask(canvasElement);
    await waitFor(
      () =>
        expect(
          canvasElement.querySelector(
            '.wiro-chat-connection[data-state="reconnecting"], .wiro-chat-connection[data-state="polling"]',
          ),
        ).not.toBeNull(),
      LONG,
    );
    await replyEnds(canvasElement, 'done');
    await expect(canvas.getByText(/Read more in the/)).toBeVisible();
  },
};

export const DarkTheme: Story = {
  ...stateStory('dark', chat),
  play: async ({ canvasElement }) => {
    await ask(canvasElement);
    await replyEnds(canvasElement, 'done');
  },
};

export const NarrowContainer: Story = {
  ...stateStory('narrow', chat),
  play: async ({ canvasElement }) => {
    await ask(canvasElement);
    await replyEnds(canvasElement, 'done');
    const widget = canvasElement.querySelector<HTMLElement>('.wiro-chat');
    await expect(widget?.getBoundingClientRect().width ?? Infinity).toBeLessThanOrEqual(360);
  },
};

// ---- Conversations: sessions sidebar, versions, feedback, attachments ----

/** Earlier conversations of the user, for the sidebar. */
const CONVERSATIONS: [string, string, string][] = [
  ['user-42:trip', 'Plan a 3-day trip to Lisbon', 'Day 1: Alfama and the castle. Day 2: Belém. Day 3: Sintra.'],
  ['user-42:sql', 'Explain this SQL join', 'An **inner join** keeps the rows that match in both tables.'],
  ['user-42:stream', 'How do I stream a reply?', SHORT_ANSWER],
];

/**
 * `sessions`: the user's conversations beside the thread (a drawer under 640 px), loaded from
 * Message/Sessions. Pick one, start a New chat, or delete one (after a confirm step). A reply still
 * streaming in a conversation you leave goes on, and is there, finished, when you come back.
 */
export const WithSessions: Story = {
  name: 'With sessions sidebar',
  args: { sessions: true, sessionKeyPrefix: 'user-42:', onSessionChange: fn() },
  parameters: {
    frame: { height: 560 },
    agent: {
      reply: (text) => ({ text: `You asked: “${text}”. ${SHORT_ANSWER}` }),
      seed: (backend, ids) => {
        for (const [sessionkey, content, text] of CONVERSATIONS) {
          backend.createMessage(
            { text, queueMs: 0, intervalMs: 0, chunkChars: 1000 },
            { useragentguid: ids.useragentguid, sessionkey, content },
          );
        }
      },
    } satisfies AgentMockParameters,
  },
  render: (args, { loaded }) => <MockChat {...args} agent={agentOf(loaded)} session="user-42:trip" />,
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    const list = await canvas.findByRole('navigation', { name: defaultSessionListLabels.list }, LONG);
    await within(list).findByRole('button', { name: /^Explain this SQL join / }, LONG);
    await canvas.findByText(/Alfama and the castle/, {}, LONG);
    await userEvent.click(within(list).getByRole('button', { name: /^Explain this SQL join / }));
    await canvas.findByText(/keeps the rows that match/, {}, LONG);
    await expect(args.onSessionChange).toHaveBeenCalledWith('user-42:sql');
  },
};

/** A reply per version: each names its message, so the versions can be told apart. */
const versionedReply: AgentMockParameters = {
  reply: (text, context) => ({
    text: `Answer ${context.messageguid.slice(0, 4)} to “${text}”: ${SHORT_ANSWER}`,
    thinking: THINKING,
  }),
};

/**
 * Regenerate on the last reply sends the message again; the new reply takes the old one's place as
 * version 2 / 2, and the arrows switch between them (Wiro's history keeps both, in order).
 */
export const VersionsSwitcher: Story = {
  name: 'Versions switcher',
  parameters: { frame: { height: 560 }, agent: versionedReply },
  play: async ({ canvasElement }) => {
    const canvas = await ask(canvasElement);
    await replyEnds(canvasElement, 'done');
    await userEvent.click(canvas.getByRole('button', { name: defaultChatLabels.regenerate }));
    await canvas.findByText(defaultChatLabels.versionCount(2, 2), {}, LONG);
    await replyEnds(canvasElement, 'done');
    await userEvent.click(canvas.getByRole('button', { name: defaultChatLabels.previousVersion }));
    await expect(canvas.getByText(defaultChatLabels.versionCount(1, 2))).toBeVisible();
  },
};

/** Thumbs up (or down) on a finished reply, with an optional comment: reported through `onFeedback`. */
export const FeedbackGiven: Story = {
  name: 'Feedback given',
  args: { onFeedback: fn() },
  parameters: { frame: { height: 560 }, agent: { reply: () => ({ text: SHORT_ANSWER }) } },
  play: async ({ canvasElement, args }) => {
    const canvas = await ask(canvasElement);
    await replyEnds(canvasElement, 'done');
    const good = canvas.getByRole('button', { name: defaultChatLabels.goodReply });
    await userEvent.click(good);
    await expect(good).toHaveAttribute('aria-pressed', 'true');
    await userEvent.type(
      canvas.getByRole('textbox', { name: defaultChatLabels.feedbackComment }),
      'Clear, thanks{Enter}',
    );
    await expect(args.onFeedback).toHaveBeenLastCalledWith(
      expect.objectContaining({ value: 'up', comment: 'Clear, thanks' }),
    );
  },
};

/** A real PNG (a generated gradient), as if picked from the disk. */
function png(name: string, width = 96, height = 64): File {
  return new File([gradientPng(width, height) as BlobPart], name, { type: 'image/png' });
}

/** Files dragged over the thread, as the browser reports a drag from the desktop. */
function dragFiles(target: Element, type: 'dragenter' | 'drop', files: File[]): void {
  const dataTransfer = new DataTransfer();
  for (const file of files) dataTransfer.items.add(file);
  target.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer }));
}

async function thread(canvasElement: HTMLElement): Promise<Element> {
  await within(canvasElement).findByRole('textbox', { name: defaultChatLabels.placeholder }, LONG);
  const found = canvasElement.querySelector('.wiro-chat-thread');
  if (!found) throw new Error('no thread');
  return found;
}

/** Files dragged over the thread: it says they can be dropped (a pasted image lands in the composer too). */
export const DragOver: Story = {
  name: 'Drag over',
  parameters: { frame: { height: 560 }, agent: { reply: () => ({ text: SHORT_ANSWER }) } },
  play: async ({ canvasElement }) => {
    dragFiles(await thread(canvasElement), 'dragenter', [png('diagram.png')]);
    await expect(await within(canvasElement).findByText(defaultAttachmentLabels.dropFiles)).toBeVisible();
  },
};

/**
 * `accept`, `maxFileBytes` and `maxFiles`: files beyond them are refused with a sentence each, inline,
 * and the rest wait in the composer as thumbnails, removable before sending.
 */
export const AttachmentErrors: Story = {
  name: 'Attachment errors',
  args: { accept: 'image/*', maxFileBytes: 20_000, maxFiles: 2 },
  parameters: { frame: { height: 560 }, agent: { reply: () => ({ text: SHORT_ANSWER }) } },
  play: async ({ canvasElement }) => {
    const target = await thread(canvasElement);
    const exe = new File([new Uint8Array(64)], 'setup.exe', { type: 'application/x-msdownload' });
    dragFiles(target, 'drop', [exe, png('huge.png', 400, 400), png('one.png'), png('two.png'), png('three.png')]);
    const alert = await within(canvasElement).findByRole('alert');
    await expect(alert).toHaveTextContent('“setup.exe” can’t be attached');
    await expect(alert).toHaveTextContent('“huge.png” is too large');
    await expect(alert).toHaveTextContent('You can attach up to 2 files, so “three.png” was not added.');
    await expect(canvasElement.querySelectorAll('.wiro-attachments img')).toHaveLength(2);
  },
};
