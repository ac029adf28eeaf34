import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, waitFor, within } from 'storybook/test';
import { AgentMessage, defaultLabels } from 'wiro-agent-react';
import { SANITIZED_AGENT_ERROR } from 'wiro-agent-react/testing';
import { MockProvider } from './support/Live';
import { agentOf } from './support/mocks';
import { stateStory } from './support/states';

/**
 * One agent reply, following its `agenttoken` over the provider's socket. Every story streams live
 * from a scripted reply on a mocked Wiro socket (msw), so what you see is what your users will see.
 */
const meta = {
  title: 'Components/AgentMessage',
  component: AgentMessage,
  args: { showThinking: true, showMetrics: false, caret: true, unstyled: false },
  render: (args, { loaded }) => {
    const agent = agentOf(loaded);
    return (
      <MockProvider agent={agent}>
        <AgentMessage {...args} agenttoken={agent.token} />
      </MockProvider>
    );
  },
} satisfies Meta<typeof AgentMessage>;

export default meta;
type Story = StoryObj<typeof meta>;

const LONG = { timeout: 20_000 };

/** The reply's root element, which exposes its view state as `data-status`. */
function root(canvasElement: HTMLElement): HTMLElement {
  const found = canvasElement.querySelector<HTMLElement>('.wiro-message, [data-status]');
  if (!found) throw new Error('no message rendered');
  return found;
}

async function ends(canvasElement: HTMLElement, status: string): Promise<void> {
  await waitFor(() => expect(root(canvasElement)).toHaveAttribute('data-status', status), LONG);
}

export const Queued: Story = {
  ...stateStory('queued'),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await waitFor(() => expect(root(canvasElement)).toHaveAttribute('data-status', 'waiting'), LONG);
    await expect(canvas.getByRole('status')).toHaveTextContent(defaultLabels.waiting);
  },
};

export const Thinking: Story = {
  ...stateStory('thinking'),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await waitFor(() => expect(root(canvasElement)).toHaveAttribute('data-status', 'thinking'), LONG);
    await ends(canvasElement, 'done');
    const toggle = canvas.getByRole('button', { name: /Thought for \d+ s/ });
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  },
};

export const InterleavedThinkingAndAnswer: Story = {
  ...stateStory('interleaved'),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await ends(canvasElement, 'done');
    await expect(canvas.getAllByRole('button', { name: /Thought for|Thoughts/ })).toHaveLength(3);
    const text = root(canvasElement).textContent ?? '';
    await expect(text.indexOf('First, the provider')).toBeLessThan(text.indexOf('Then each message'));
  },
};

export const LongMarkdown: Story = {
  ...stateStory('longMarkdown'),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await ends(canvasElement, 'done');
    await expect(canvas.getByRole('table')).toBeVisible();
    await expect(canvas.getByRole('heading', { name: 'Streaming replies in React' })).toBeVisible();
    await expect(canvas.getByRole('button', { name: defaultLabels.copyCode })).toBeVisible();
  },
};

export const StringError: Story = {
  ...stateStory('stringError'),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await waitFor(() => expect(canvas.getByRole('alert')).toHaveTextContent(SANITIZED_AGENT_ERROR), LONG);
    await expect(root(canvasElement)).toHaveTextContent('Wrap your app');
  },
};

export const ObjectError: Story = {
  ...stateStory('objectError'),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await waitFor(() => expect(canvas.getByRole('alert')).toHaveTextContent(defaultLabels.failed), LONG);
    await expect(root(canvasElement)).toHaveAttribute('data-status', 'failed');
  },
};

export const Cancelled: Story = {
  ...stateStory('cancelled'),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await ends(canvasElement, 'cancelled');
    await expect(canvas.getByText(defaultLabels.cancelled)).toBeVisible();
    await expect(root(canvasElement)).toHaveTextContent('Streaming replies in React');
  },
};

export const UnknownToken: Story = {
  ...stateStory('unknownToken'),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await waitFor(() => expect(canvas.getByRole('alert')).toHaveTextContent(defaultLabels.unknownToken), LONG);
  },
};

export const Reconnecting: Story = {
  ...stateStory('reconnecting'),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await waitFor(() => expect(canvas.getByText(defaultLabels.reconnecting)).toBeVisible(), LONG);
    await expect(root(canvasElement)).toHaveTextContent('Streaming replies in React');
    await ends(canvasElement, 'done');
    await expect(root(canvasElement)).toHaveTextContent('Read more in the Wiro docs.');
  },
};

export const DarkTheme: Story = {
  ...stateStory('dark'),
  play: async ({ canvasElement }) => {
    await ends(canvasElement, 'done');
    await expect(canvasElement.querySelector('[data-theme="dark"]')).not.toBeNull();
  },
};

export const NarrowContainer: Story = {
  ...stateStory('narrow'),
  play: async ({ canvasElement }) => {
    await ends(canvasElement, 'done');
    const message = root(canvasElement);
    // Wide content (code, the table) scrolls inside the reply instead of widening the page.
    await expect(message.getBoundingClientRect().width).toBeLessThanOrEqual(360);
    await expect(message.scrollWidth).toBeLessThanOrEqual(message.clientWidth + 1);
  },
};

/** The same reply with speed, tokens, words and elapsed time under it. */
export const WithMetrics: Story = {
  ...stateStory('longMarkdown'),
  name: 'With metrics',
  args: { showMetrics: true },
  play: async ({ canvasElement }) => {
    await ends(canvasElement, 'done');
    await expect(within(canvasElement).getByText('words/s', { exact: false })).toBeVisible();
  },
};

/** `unstyled`: no kit class names, so none of `styles.css` applies; bring your own CSS. */
export const Unstyled: Story = {
  ...stateStory('thinking'),
  name: 'Unstyled',
  args: { unstyled: true },
};
