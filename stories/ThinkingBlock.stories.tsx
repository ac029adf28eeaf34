import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { ThinkingBlock } from 'wiro-agent-react';
import { CaptionedStream } from './support/Live';
import { THINKING } from './support/scenarios';
import { stateStory } from './support/states';

/**
 * The model's reasoning, collapsible: "Thinking…" with a live timer while it thinks, then "Thought for
 * N s", collapsed unless the user opened it. Each story follows a live stream (`stream` prop) from a
 * scripted reply; the caption under it shows the wire status.
 */
const meta = {
  title: 'Components/ThinkingBlock',
  component: ThinkingBlock,
  args: { defaultOpen: false, unstyled: false },
  render: (args, { loaded }) => (
    <CaptionedStream loaded={loaded}>{(stream) => <ThinkingBlock {...args} stream={stream} />}</CaptionedStream>
  ),
} satisfies Meta<typeof ThinkingBlock>;

export default meta;
type Story = StoryObj<typeof meta>;

const LONG = { timeout: 20_000 };
const thinking = { withThinking: true };

/** Until the reply ends, as the caption says. */
async function finished(canvasElement: HTMLElement, status = 'agent_end'): Promise<void> {
  await waitFor(
    () => expect(within(canvasElement).getByTestId('wire-status')).toHaveTextContent(`status: ${status}`),
    LONG,
  );
}

export const Queued: Story = { ...stateStory('queued', thinking) };

export const Thinking: Story = {
  ...stateStory('thinking', thinking),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await waitFor(() => expect(canvas.getByRole('button', { name: /Thinking…/ })).toBeVisible(), LONG);
    await waitFor(() => expect(canvas.getByRole('button', { name: /Thought for \d+ s/ })).toBeVisible(), LONG);
    const toggle = canvas.getByRole('button', { name: /Thought for/ });
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await userEvent.click(toggle);
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
    await expect(canvas.getByText(/The user wants to know how to stream/)).toBeVisible();
  },
};

export const InterleavedThinkingAndAnswer: Story = { ...stateStory('interleaved', thinking) };
export const LongMarkdown: Story = { ...stateStory('longMarkdown', thinking) };
export const StringError: Story = { ...stateStory('stringError', thinking) };
export const ObjectError: Story = { ...stateStory('objectError', thinking) };

export const Cancelled: Story = {
  ...stateStory('cancelled', thinking),
  play: async ({ canvasElement }) => {
    await finished(canvasElement, 'agent_cancel');
    await expect(within(canvasElement).getByRole('button', { name: /Thought for/ })).toBeVisible();
  },
};

export const UnknownToken: Story = { ...stateStory('unknownToken', thinking) };
export const Reconnecting: Story = { ...stateStory('reconnecting', thinking) };
export const DarkTheme: Story = { ...stateStory('dark', thinking) };
export const NarrowContainer: Story = { ...stateStory('narrow', thinking) };

/** Open while the model thinks (`defaultOpen`): the reasoning streams in view, then the block collapses. */
export const OpenWhileThinking: Story = {
  ...stateStory('thinking', thinking),
  name: 'Open while thinking',
  args: { defaultOpen: true },
};

/** Used on its own with a `thinking` string: no socket involved. */
export const StaticText: Story = {
  name: 'Static text',
  args: { thinking: THINKING },
  parameters: { docs: { description: { story: 'Standalone, with a `thinking` string and no stream.' } } },
  render: (args) => <ThinkingBlock {...args} />,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Thoughts' }));
    await expect(canvas.getByText(/The user wants to know/)).toBeVisible();
  },
};
