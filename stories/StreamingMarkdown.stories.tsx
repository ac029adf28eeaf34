import type { Meta, StoryObj } from '@storybook/react-vite';
import type { ReactElement } from 'react';
import { expect, waitFor, within } from 'storybook/test';
import { StreamingMarkdown } from 'wiro-agent-react';
import { Follow, MockProvider, StatusCaption } from './support/Live';
import { agentOf } from './support/mocks';
import { LONG_MARKDOWN } from './support/scenarios';

/**
 * The Markdown engine under `AgentMessage`, for custom layouts: give it the answer as it grows
 * (`streaming` while it does). Finished blocks never render again; the unfinished tail is healed (open
 * code fences, half tables, unclosed emphasis) so it looks now as it will when complete.
 */
const meta = {
  title: 'Components/StreamingMarkdown',
  component: StreamingMarkdown,
  args: { children: LONG_MARKDOWN, streaming: false, unstyled: false },
  argTypes: { children: { control: 'text', description: 'The Markdown, replaced (not appended) as it streams.' } },
} satisfies Meta<typeof StreamingMarkdown>;

export default meta;
type Story = StoryObj<typeof meta>;

const LONG = { timeout: 20_000 };

/** A stream's answer, rendered as it arrives from a scripted reply. */
function LiveAnswer({ token, unstyled }: { token: string; unstyled?: boolean }): ReactElement {
  return (
    <Follow token={token}>
      {(stream) => (
        <>
          <StreamingMarkdown streaming={stream.isStreaming} unstyled={unstyled}>
            {stream.answer}
          </StreamingMarkdown>
          <StatusCaption stream={stream} />
        </>
      )}
    </Follow>
  );
}

/** Live: the answer of a scripted reply, chunk by chunk, with the caret at its end. */
export const Streaming: Story = {
  parameters: {
    agent: { scenario: { text: LONG_MARKDOWN, chunkChars: 10, intervalMs: 30 } },
    docs: {
      description: {
        story:
          'Follows a live stream: `<StreamingMarkdown streaming={stream.isStreaming}>{stream.answer}</StreamingMarkdown>`.',
      },
    },
  },
  render: (args, { loaded }) => {
    const agent = agentOf(loaded);
    return (
      <MockProvider agent={agent}>
        <LiveAnswer token={agent.token} unstyled={args.unstyled} />
      </MockProvider>
    );
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await waitFor(() => expect(canvas.getByTestId('wire-status')).toHaveTextContent('status: agent_end'), LONG);
    await expect(canvas.getByRole('table')).toBeVisible();
    await expect(canvas.getByRole('heading', { name: 'Streaming replies in React' })).toBeVisible();
    await expect(canvasElement.querySelector('.wiro-caret')).toBeNull();
  },
};

/** The complete answer (`streaming={false}`): headings, lists, code with a copy button, a table, a quote. */
export const Finished: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByRole('table')).toBeVisible();
    await expect(canvas.getByRole('link', { name: 'Wiro docs' })).toHaveAttribute('href', 'https://wiro.ai/docs');
  },
};

/** Cut off inside a code block: the open fence is drawn as the code block it will be. */
export const HealedCodeFence: Story = {
  name: 'Incomplete code block, healed',
  args: { streaming: true, children: 'Create the client once:\n\n```ts\nconst api = createAgentApi({' },
  play: async ({ canvasElement }) => {
    await expect(canvasElement.querySelector('pre code')).toHaveTextContent('const api = createAgentApi({');
    await expect(canvasElement).not.toHaveTextContent('```');
  },
};

/** Cut off inside bold text: it is bold already, with no stray asterisks. */
export const HealedEmphasis: Story = {
  name: 'Incomplete emphasis, healed',
  args: { streaming: true, children: 'The answer is **almost there' },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByText('almost there').tagName).toBe('STRONG');
    await expect(canvasElement).not.toHaveTextContent('**');
  },
};

/** Your own renderers for some elements (here links), merged over the kit's. */
export const CustomComponents: Story = {
  name: 'Custom components',
  args: {
    children: 'Read the [Wiro docs](https://wiro.ai/docs) or the [kit README](https://github.com/).',
    components: {
      a: ({ href, children }) => (
        <a href={href} target="_blank" rel="noreferrer" style={{ color: 'var(--wiro-accent)', fontWeight: 600 }}>
          {children} ↗
        </a>
      ),
    },
  },
  play: async ({ canvasElement }) => {
    const link = within(canvasElement).getByRole('link', { name: /Wiro docs/ });
    await expect(link).toHaveTextContent('Wiro docs ↗');
    await expect(link).toHaveAttribute('target', '_blank');
  },
};
