import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { TaskProgress } from 'wiro-agent-react';
import { createTask } from 'wiro-agent-react/core';
import { TaskStory, taskStory, type TaskStoryState } from './support/tasks';

/**
 * Where a model run is: the stage, a progress bar (determinate once the model reports a percentage),
 * steps, speed, elapsed and remaining time, and Cancel (queued) or Stop (running). Each story replays a
 * scripted run (`taskScenario` from `wiro-agent-react/testing`) through the kit's reducer, frozen at one
 * moment; the Live story plays a whole run and its buttons cancel or kill the script.
 */
const meta = {
  title: 'Tasks/TaskProgress',
  component: TaskProgress,
  args: { task: createTask('placeholder'), unstyled: false },
  argTypes: { task: { control: false } },
  render: (args, { parameters }) => (
    <TaskStory state={parameters.task as TaskStoryState}>
      {(task, interrupt) => <TaskProgress {...args} task={task} onCancel={interrupt} />}
    </TaskStory>
  ),
} satisfies Meta<typeof TaskProgress>;

export default meta;
type Story = StoryObj<typeof meta>;

const LONG = { timeout: 20_000 };

export const Queued: Story = {
  ...taskStory('queued'),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByRole('status')).toHaveTextContent('Queued');
    await expect(canvas.getByRole('progressbar', { name: 'Run progress' })).not.toHaveAttribute('aria-valuenow');
    await expect(canvas.getByRole('button', { name: 'Cancel' })).toBeEnabled();
  },
};
export const Preparing: Story = { ...taskStory('preparing') };
export const LoadingModel: Story = { ...taskStory('loading') };

export const Running: Story = {
  ...taskStory('running'),
  play: async ({ canvasElement }) => {
    const bar = within(canvasElement).getByRole('progressbar', { name: 'Run progress' });
    await expect(bar).toHaveAttribute('aria-valuenow', '50');
    await expect(bar).toHaveAttribute('aria-valuetext', 'Running, 50%, Step 5 of 10');
  },
};

export const UploadingResults: Story = { ...taskStory('uploading') };
export const Succeeded: Story = { ...taskStory('succeeded') };
export const Failed: Story = { ...taskStory('failed') };
export const FinishedWithoutExitCode: Story = { ...taskStory('finishedWithoutExitCode') };
export const CancelledWhileQueued: Story = { ...taskStory('cancelledWhileQueued') };
export const KilledWhileRunning: Story = { ...taskStory('killedWhileRunning') };
export const UnknownRun: Story = { ...taskStory('unknown') };
export const ConnectionFailed: Story = { ...taskStory('connectionFailed') };

export const Live: Story = {
  ...taskStory('live'),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await waitFor(() => expect(canvas.getByRole('button', { name: 'Stop' })).toBeEnabled(), LONG);
    await userEvent.click(canvas.getByRole('button', { name: 'Stop' }));
    await waitFor(() => expect(canvas.getByRole('status')).toHaveTextContent('Cancelled'), LONG);
  },
};

export const DarkTheme: Story = { ...taskStory('running'), globals: { theme: 'dark' } };
export const Narrow: Story = {
  ...taskStory('running'),
  parameters: { ...taskStory('running').parameters, frame: { width: 320 } },
};
export const Translated: Story = {
  ...taskStory('running'),
  args: {
    labels: {
      running: 'En cours',
      step: (step, steps) => `Étape ${step} sur ${steps}`,
      elapsed: (duration) => `Écoulé : ${duration}`,
      remaining: (duration) => `Encore environ ${duration}`,
      stop: 'Arrêter',
      progress: 'Progression',
    },
  },
};
