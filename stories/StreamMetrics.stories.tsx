import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, waitFor, within } from 'storybook/test';
import { StreamMetrics } from 'wiro-agent-react';
import { CaptionedStream } from './support/Live';
import { stateStory } from './support/states';

/**
 * Generation figures (speed, tokens, words, elapsed time) updating live with the stream. Renders
 * nothing until the stream has figures: the queued and unknown-token stories show only the caption.
 */
const meta = {
  title: 'Components/StreamMetrics',
  component: StreamMetrics,
  args: { unstyled: false },
  render: (args, { loaded }) => (
    <CaptionedStream loaded={loaded}>{(stream) => <StreamMetrics {...args} stream={stream} />}</CaptionedStream>
  ),
} satisfies Meta<typeof StreamMetrics>;

export default meta;
type Story = StoryObj<typeof meta>;

const LONG = { timeout: 20_000 };

export const Queued: Story = {
  ...stateStory('queued'),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await waitFor(() => expect(canvas.getByTestId('wire-status')).toHaveTextContent('status: agent_queue'), LONG);
    await expect(canvasElement.querySelector('dl')).toBeNull();
  },
};
export const Thinking: Story = { ...stateStory('thinking') };
export const InterleavedThinkingAndAnswer: Story = { ...stateStory('interleaved') };

export const LongMarkdown: Story = {
  ...stateStory('longMarkdown'),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await waitFor(() => expect(canvas.getByTestId('wire-status')).toHaveTextContent('status: agent_end'), LONG);
    await expect(canvas.getByText(/words\/s/)).toBeVisible();
    await expect(canvas.getByText('Tokens')).toBeInTheDocument();
  },
};

export const StringError: Story = { ...stateStory('stringError') };
export const ObjectError: Story = { ...stateStory('objectError') };
export const Cancelled: Story = { ...stateStory('cancelled') };
export const UnknownToken: Story = { ...stateStory('unknownToken') };
export const Reconnecting: Story = { ...stateStory('reconnecting') };
export const DarkTheme: Story = { ...stateStory('dark') };
export const NarrowContainer: Story = { ...stateStory('narrow') };
