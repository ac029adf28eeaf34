import type { Meta, StoryObj } from '@storybook/react-vite';
import { useMemo, useState, type ReactElement } from 'react';
import { expect, waitFor, within } from 'storybook/test';
import { AgentSocketProvider, TaskOutputs, TaskProgress, useAgentConnection, useTaskStream } from 'wiro-agent-react';
import { createAgentApi } from 'wiro-agent-react/core';
import { taskScenarioFrames, type TaskScenarioInput } from 'wiro-agent-react/testing';
import { agentOf, STORY_SOCKET_OPTIONS, type AgentMock } from './support/mocks';

/** The Task Playground's controls. */
interface TaskPlaygroundArgs {
  /** What the model makes. */
  kind: 'image' | 'audio' | 'video' | 'llm';
  /** Milliseconds per progress step or LLM chunk (lower is faster). */
  stepMs: number;
  /** How the run ends. */
  outcome: 'success' | 'failure' | 'cancel' | 'kill';
  /** Drop the connection half-way; the kit reconnects and recovers the run through Task/Detail. */
  dropConnection: boolean;
  /** Send the result without `pexit` (as in the docs' examples): success is then learnt from Task/Detail. */
  pexitOnSocket: boolean;
}

const LLM_ANSWER =
  '## Qubits\n\nA **qubit** is 0 and 1 at once until measured. Entangled qubits share one state:\n\n' +
  '- superposition\n- entanglement\n- interference';

function scenarioOf(args: TaskPlaygroundArgs): TaskScenarioInput {
  const base: TaskScenarioInput = {
    queueMs: 800,
    preprocessMs: 400,
    loadMs: 900,
    stepMs: Math.max(10, args.stepMs),
    uploadMs: 700,
    outcome: args.outcome,
    exitCode: 137,
    pexitOnSocket: args.pexitOnSocket,
    stderr: ['UserWarning: Some weights were not initialized from the checkpoint'],
  };
  const input: TaskScenarioInput =
    args.kind === 'llm'
      ? { ...base, text: LLM_ANSWER, thinking: 'A short, concrete explanation.', chunkChars: 10, stderr: [] }
      : { ...base, steps: 16, outputs: [args.kind === 'image' ? '0.png' : args.kind === 'audio' ? '0.wav' : '0.webm'] };
  if (!args.dropConnection) return input;
  const steps = taskScenarioFrames('x', input);
  const half = steps[Math.floor(steps.length / 2)]?.at ?? 0;
  return { ...input, dropConnectionAt: half };
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

function Run({ tasktoken, agent }: { tasktoken: string; agent: AgentMock }): ReactElement {
  const task = useTaskStream(tasktoken);
  const api = useMemo(() => createAgentApi({ baseUrl: agent.apiBaseUrl }), [agent.apiBaseUrl]);
  return (
    <div style={{ display: 'grid', gap: 12 }}>
      <TaskProgress
        task={task}
        onCancel={(action) => (action === 'cancel' ? api.cancelTask(tasktoken) : api.killTask(tasktoken))}
      />
      <TaskOutputs task={task} />
      <p data-testid="task-status" style={{ font: '12px/1.4 var(--wiro-font-mono)', color: 'var(--wiro-fg-muted)' }}>
        status: {task.status}
        {task.succeeded === null ? '' : ` · succeeded: ${String(task.succeeded)}`}
        {task.error ? ` · error: ${task.error.kind}` : ''}
      </p>
    </div>
  );
}

/** Starts its run when mounted (as a Run call would), once: a new run is a new key. */
function StartedRun({ agent, scenario }: { agent: AgentMock; scenario: string }): ReactElement {
  const [tasktoken] = useState(
    () =>
      agent.backend.createTask(JSON.parse(scenario) as TaskScenarioInput, {
        filesBaseUrl: `${agent.apiBaseUrl}/mock-task-files`,
        model: 'storybook/playground',
      }).tasktoken,
  );
  return <Run tasktoken={tasktoken} agent={agent} />;
}

function TaskPlaygroundView({ args, agent }: { args: TaskPlaygroundArgs; agent: AgentMock }): ReactElement {
  const [replays, setReplays] = useState(0);
  const scenario = JSON.stringify(scenarioOf(args));
  // The socket recovers runs through Task/Detail on the story's mocked REST API.
  const options = useMemo(
    () => ({ ...STORY_SOCKET_OPTIONS, api: createAgentApi({ baseUrl: agent.apiBaseUrl }) }),
    [agent.apiBaseUrl],
  );
  return (
    <AgentSocketProvider key={agent.socketUrl} url={agent.socketUrl} options={options}>
      <div style={{ display: 'flex', gap: 12, alignItems: 'center', marginBottom: 12 }}>
        <button type="button" onClick={() => setReplays((n) => n + 1)}>
          Replay
        </button>
        <ConnectionLine />
      </div>
      {/* Every change of the controls (or Replay) starts a new run. */}
      <StartedRun key={`${scenario}#${replays}`} agent={agent} scenario={scenario} />
    </AgentSocketProvider>
  );
}

/**
 * Try any model run on the mocked socket, beside agent replies: the controls set what the model makes
 * (image, audio, video, LLM text), its speed, how it ends (success, failure, cancelled while queued,
 * killed while running) and a dropped connection. Cancel and Stop call the mocked Task/Cancel and
 * Task/Kill. Every change starts a new run.
 */
const meta = {
  title: 'Tasks/Playground',
  args: { kind: 'image', stepMs: 120, outcome: 'success', dropConnection: false, pexitOnSocket: true },
  argTypes: {
    kind: {
      control: 'inline-radio',
      options: ['image', 'audio', 'video', 'llm'],
      description: 'What the model makes.',
    },
    stepMs: {
      control: { type: 'range', min: 10, max: 600, step: 10 },
      description: 'Milliseconds per progress step (or LLM chunk).',
    },
    outcome: {
      control: 'inline-radio',
      options: ['success', 'failure', 'cancel', 'kill'],
      description: "'failure': a non-zero pexit; 'cancel': cancelled while queued; 'kill': killed half-way.",
    },
    dropConnection: {
      control: 'boolean',
      description: 'Drop the connection half-way: the run is recovered through Task/Detail.',
    },
    pexitOnSocket: { control: 'boolean', description: 'Put pexit on the result frame (otherwise Task/Detail says).' },
  },
  parameters: { agent: {} },
  render: (args, { loaded }) => <TaskPlaygroundView args={args} agent={agentOf(loaded)} />,
} satisfies Meta<TaskPlaygroundArgs>;

export default meta;
type Story = StoryObj<typeof meta>;

const LONG = { timeout: 20_000 };

export const Playground: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await waitFor(() => expect(canvas.getByTestId('task-status')).toHaveTextContent('succeeded: true'), LONG);
    await expect(canvas.getByRole('img', { name: 'Output image (0.png)' })).toBeInTheDocument();
  },
};

/** The connection drops half-way: the kit reconnects, and Task/Detail fills in what was missed. */
export const DroppedConnection: Story = {
  name: 'Dropped connection',
  args: { dropConnection: true, stepMs: 60 },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await waitFor(() => expect(canvas.getByTestId('task-status')).toHaveTextContent('succeeded: true'), LONG);
  },
};

export const LlmText: Story = { name: 'LLM text', args: { kind: 'llm', stepMs: 60 } };
export const Failure: Story = { args: { outcome: 'failure', stepMs: 60 } };
export const KilledWhileRunning: Story = { name: 'Killed while running', args: { outcome: 'kill', stepMs: 80 } };
