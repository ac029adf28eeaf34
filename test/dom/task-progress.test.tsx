import { act, fireEvent, render, screen } from '@testing-library/react';
import { renderToString } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TaskProgress } from 'wiro-agent-react';
import { createTask, reduceTask, type TaskStream } from 'wiro-agent-react/core';
import { replayTask, taskScenarioFrames, type TaskScenarioInput } from 'wiro-agent-react/testing';

const T = 'task-tok-0123456789';
const ORIGIN = 1_733_140_000_000;

/** The run of `input` as a client holds it `ms` after it was created. */
function at(ms: number, input: TaskScenarioInput = {}): TaskStream {
  return replayTask(T, taskScenarioFrames(T, input), ms, ORIGIN);
}
// The default scenario's timeline: queued 0–120, preparing 120–210, loading 210–360, ten 60 ms steps
// from 360, then the process ends (965), post-processing, and the result at 1070.
const QUEUED = at(50);
const PREPARING = at(150);
const LOADING = at(300);
const RUNNING = at(661); // five steps done
const UPLOADING = at(1000);
const SUCCEEDED = at(Infinity);

function bar(): HTMLElement {
  return screen.getByRole('progressbar', { name: 'Run progress' });
}

afterEach(() => {
  vi.useRealTimers();
});

describe('TaskProgress', () => {
  it('says every stage in a live status line', () => {
    const cases: [TaskStream, string, string][] = [
      [reduceTask(createTask(T), { type: 'local_task_subscribing', tasktoken: T }), 'Connecting…', 'waiting'],
      [QUEUED, 'Queued', 'queued'],
      [PREPARING, 'Preparing', 'preparing'],
      [LOADING, 'Loading the model', 'loading'],
      [RUNNING, 'Running', 'running'],
      [UPLOADING, 'Uploading results', 'uploading'],
      [SUCCEEDED, 'Done', 'succeeded'],
      [at(Infinity, { outcome: 'failure' }), 'Failed', 'failed'],
      [at(Infinity, { outcome: 'failure', pexitOnSocket: false }), 'Finished', 'finished'],
      [at(Infinity, { outcome: 'cancel' }), 'Cancelled', 'cancelled'],
      [at(Infinity, { outcome: 'kill' }), 'Cancelled', 'cancelled'],
    ];
    for (const [task, text, stage] of cases) {
      const { container, unmount } = render(<TaskProgress task={task} now={ORIGIN + 2000} />);
      expect(screen.getByRole('status').textContent).toBe(text);
      expect(container.firstElementChild?.getAttribute('data-stage')).toBe(stage);
      unmount();
    }
  });

  it('shows an indeterminate bar before the model reports a percentage', () => {
    for (const task of [QUEUED, PREPARING, LOADING, UPLOADING]) {
      const { unmount } = render(<TaskProgress task={task} now={ORIGIN + 2000} />);
      expect(bar().hasAttribute('aria-valuenow')).toBe(false);
      expect(bar().getAttribute('data-indeterminate')).toBe('true');
      expect(bar().getAttribute('aria-valuetext')).toBe(screen.getByRole('status').textContent);
      unmount();
    }
  });

  it('shows a determinate bar with the percentage, steps, speed and times while running', () => {
    render(<TaskProgress task={RUNNING} now={RUNNING.updatedAt} locale="en-US" />);
    expect(bar().getAttribute('aria-valuenow')).toBe('50');
    expect(bar().getAttribute('aria-valuemin')).toBe('0');
    expect(bar().getAttribute('aria-valuemax')).toBe('100');
    expect(bar().getAttribute('aria-valuetext')).toBe('Running, 50%, Step 5 of 10');
    expect((bar().firstElementChild as HTMLElement).style.inlineSize).toBe('50%');
    expect(screen.getByText('50% · Step 5 of 10')).not.toBeNull();
    expect(screen.getByText('16.7 it/s')).not.toBeNull();
    // Subscribed at the origin; the last frame came 660 ms later.
    expect(screen.getByText('Elapsed 0 s')).not.toBeNull();
    expect(screen.getByText('About 1 s left')).not.toBeNull();
  });

  it('fills the bar on success and shows none once a run failed or was cancelled', () => {
    const { unmount } = render(<TaskProgress task={SUCCEEDED} />);
    expect(bar().getAttribute('aria-valuenow')).toBe('100');
    unmount();
    for (const outcome of ['failure', 'cancel', 'kill'] as const) {
      const view = render(<TaskProgress task={at(Infinity, { outcome })} />);
      expect(screen.queryByRole('progressbar')).toBeNull();
      view.unmount();
    }
  });

  it('counts elapsed time on a ticking clock while the run is active, and stops when it ends', () => {
    vi.useFakeTimers({ now: ORIGIN + 65_000 });
    const { rerender } = render(<TaskProgress task={RUNNING} />);
    expect(screen.getByText('Elapsed 1 min 5 s')).not.toBeNull();
    act(() => {
      vi.advanceTimersByTime(2000);
    });
    expect(screen.getByText('Elapsed 1 min 7 s')).not.toBeNull();
    // Finished: the time from the first event to the result, whatever the clock says.
    rerender(<TaskProgress task={SUCCEEDED} />);
    expect(screen.getByText('Elapsed 1 s')).not.toBeNull();
    act(() => {
      vi.advanceTimersByTime(5000);
    });
    expect(screen.getByText('Elapsed 1 s')).not.toBeNull();
  });

  it('offers Cancel while queued, Stop (kill) while loading or running, a disabled button while preparing', () => {
    const onCancel = vi.fn();
    const { rerender } = render(<TaskProgress task={QUEUED} onCancel={onCancel} />);
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onCancel).toHaveBeenLastCalledWith('cancel');
    rerender(<TaskProgress task={PREPARING} onCancel={onCancel} />);
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Cancel' }).disabled).toBe(true);
    for (const task of [LOADING, RUNNING]) {
      rerender(<TaskProgress task={task} onCancel={onCancel} />);
      fireEvent.click(screen.getByRole('button', { name: 'Stop' }));
      expect(onCancel).toHaveBeenLastCalledWith('kill');
    }
    expect(onCancel).toHaveBeenCalledTimes(3);
    for (const task of [UPLOADING, SUCCEEDED, at(Infinity, { outcome: 'cancel' })]) {
      rerender(<TaskProgress task={task} onCancel={onCancel} />);
      expect(screen.queryByRole('button')).toBeNull();
    }
  });

  it('keeps the button busy while the cancel request is in flight', async () => {
    let settle: () => void = () => undefined;
    const onCancel = vi.fn(() => new Promise<void>((resolve) => (settle = resolve)));
    render(<TaskProgress task={RUNNING} onCancel={onCancel} />);
    fireEvent.click(screen.getByRole('button', { name: 'Stop' }));
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Cancelling…' }).disabled).toBe(true);
    await act(async () => settle());
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Stop' }).disabled).toBe(false);
  });

  it('translates every string it shows', () => {
    render(
      <TaskProgress
        task={RUNNING}
        now={RUNNING.updatedAt}
        onCancel={() => undefined}
        labels={{
          running: 'En cours',
          progress: 'Progression',
          step: (s, n) => `Étape ${s}/${n}`,
          stop: 'Arrêter',
          elapsed: (d) => `Écoulé ${d}`,
        }}
      />,
    );
    expect(screen.getByRole('status').textContent).toBe('En cours');
    expect(screen.getByRole('progressbar', { name: 'Progression' }).getAttribute('aria-valuetext')).toBe(
      'En cours, 50%, Étape 5/10',
    );
    expect(screen.getByRole('button', { name: 'Arrêter' })).not.toBeNull();
    expect(screen.getByText('Écoulé 0 s')).not.toBeNull();
  });

  it('renders without kit classes when unstyled, and on the server without a clock', () => {
    const { container } = render(<TaskProgress task={RUNNING} unstyled className="mine" />);
    expect(container.querySelector('[class*="wiro-"]')).toBeNull();
    expect(container.firstElementChild?.classList.contains('mine')).toBe(true);
    const html = renderToString(<TaskProgress task={RUNNING} />);
    expect(html).toContain('role="progressbar"');
    expect(html).toContain('aria-valuenow="50"');
  });
});
