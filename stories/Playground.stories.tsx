import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState, type ReactElement } from 'react';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { AgentMessage, useAgentConnection } from 'wiro-agent-react';
import type { AgentScenarioInput } from 'wiro-agent-react/testing';
import { MockProvider } from './support/Live';
import { agentOf, type AgentMock } from './support/mocks';
import { LONG_MARKDOWN, THINKING } from './support/scenarios';

/** The Playground's controls. */
interface PlaygroundArgs {
  /** The reply text (Markdown). */
  text: string;
  /** Think before answering. */
  thinking: boolean;
  /** Milliseconds between updates (lower is faster). */
  intervalMs: number;
  /** Characters added per update. */
  chunkChars: number;
  /** How the reply fails, if it does. */
  failure: 'none' | 'string' | 'object';
  /** Cancel after this many characters (0: never). */
  cancelAt: number;
  /** Drop the connection after this many characters (0: never); the kit reconnects and resumes. */
  dropConnectionAt: number;
  /** Show speed and counts. */
  showMetrics: boolean;
}

/** Scripted replies by token: every change of the controls (or Replay) plays under a new token. */
const replies = new Map<string, AgentScenarioInput>();

function scenarioOf(args: PlaygroundArgs): AgentScenarioInput {
  return {
    text: args.text,
    ...(args.thinking ? { thinking: THINKING } : {}),
    intervalMs: Math.max(0, args.intervalMs),
    chunkChars: Math.max(1, Math.round(args.chunkChars)),
    fail: args.failure === 'none' ? false : args.failure,
    cancelAt: args.cancelAt > 0 ? Math.round(args.cancelAt) : null,
    dropConnectionAt: args.dropConnectionAt > 0 ? Math.round(args.dropConnectionAt) : null,
  };
}

/** A short stable hash, so the same controls give the same token within one visit. */
function hash(text: string): string {
  let h = 5381;
  for (let i = 0; i < text.length; i++) h = ((h << 5) + h + text.charCodeAt(i)) | 0;
  return (h >>> 0).toString(36);
}

function ConnectionLine(): ReactElement {
  const connection = useAgentConnection();
  return (
    <span data-testid="connection" style={{ font: '12px var(--wiro-font-mono)', color: 'var(--wiro-fg-muted)' }}>
      socket: {connection.status}
      {connection.attempt > 0 ? ` (attempt ${connection.attempt})` : ''}
    </span>
  );
}

function PlaygroundView({ args, agent }: { args: PlaygroundArgs; agent: AgentMock }): ReactElement {
  const [run, setRun] = useState(0);
  const scenario = scenarioOf(args);
  const token = `${agent.token}-${hash(JSON.stringify(scenario))}-${run}`;
  replies.set(token, scenario);
  return (
    <MockProvider agent={agent}>
      <div style={{ display: 'flex', gap: 12, alignItems: 'center', marginBottom: 12 }}>
        <button type="button" onClick={() => setRun((n) => n + 1)}>
          Replay
        </button>
        <ConnectionLine />
      </div>
      <AgentMessage key={token} agenttoken={token} showMetrics={args.showMetrics} />
    </MockProvider>
  );
}

/**
 * Try any reply: the controls set the text, thinking, speed and chunk size, a failure, a cancel point
 * and a dropped connection. Every change replays the reply from the start on the mocked socket.
 */
const meta = {
  title: 'Playground',
  args: {
    text: LONG_MARKDOWN,
    thinking: true,
    intervalMs: 40,
    chunkChars: 16,
    failure: 'none',
    cancelAt: 0,
    dropConnectionAt: 0,
    showMetrics: true,
  },
  argTypes: {
    text: { control: 'text', description: 'The reply text (Markdown).' },
    thinking: { control: 'boolean', description: 'Think before answering.' },
    intervalMs: {
      control: { type: 'range', min: 0, max: 300, step: 10 },
      description: 'Milliseconds between updates.',
    },
    chunkChars: { control: { type: 'range', min: 1, max: 200, step: 1 }, description: 'Characters per update.' },
    failure: {
      control: 'inline-radio',
      options: ['none', 'string', 'object'],
      description: "'string': agent_error with a sentence; 'object': a non-response.",
    },
    cancelAt: { control: { type: 'number', min: 0 }, description: 'Cancel after this many characters (0: never).' },
    dropConnectionAt: {
      control: { type: 'number', min: 0 },
      description: 'Drop the connection after this many characters (0: never).',
    },
    showMetrics: { control: 'boolean' },
  },
  parameters: { agent: { scenario: (token: string) => replies.get(token) ?? null } },
  render: (args, { loaded }) => <PlaygroundView args={args} agent={agentOf(loaded)} />,
} satisfies Meta<PlaygroundArgs>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Playground: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const message = (): Element | null => canvasElement.querySelector('[data-status]');
    await waitFor(() => expect(message()).toHaveAttribute('data-status', 'done'), { timeout: 20_000 });
    await userEvent.click(canvas.getByRole('button', { name: 'Replay' }));
    await waitFor(() => expect(message()).not.toHaveAttribute('data-status', 'done'), { timeout: 5_000 });
  },
};

/** The connection drops mid-reply: the socket reconnects and the reply completes with nothing lost. */
export const DroppedConnection: Story = {
  name: 'Dropped connection',
  args: { dropConnectionAt: 400, thinking: false },
  play: async ({ canvasElement }) => {
    const message = (): Element | null => canvasElement.querySelector('[data-status]');
    await waitFor(() => expect(message()).toHaveAttribute('data-status', 'done'), { timeout: 20_000 });
    await expect(message()).toHaveTextContent('Read more in the Wiro docs.');
  },
};
