'use client';

import { memo, useEffect, useState, type ReactElement } from 'react';
import type { TaskStream } from '../../store/task-types.js';
import { kitClass, rootClass, useStableMerge } from '../kit.js';
import { formatDuration, formatFigure } from './format.js';
import { defaultTaskLabels, type TaskLabels } from './labels.js';
import { isActiveStage, taskInterruptAction, taskStage, type TaskStage } from './stage.js';

/** Props of {@link TaskProgress}. */
export interface TaskProgressProps {
  /** The run to show (from `useTaskStream`, a socket's `getTask`, or your own `reduceTask`). */
  task: TaskStream;
  /**
   * Show a cancel button that calls this: with `'cancel'` while the run is queued (call Task/Cancel), with
   * `'kill'` once it runs (call Task/Kill). Return a promise to keep the button busy until it settles.
   */
  onCancel?: (action: 'cancel' | 'kill') => void | Promise<unknown>;
  /** Render at this time (`Date.now()` ms) instead of a ticking clock: for tests and screenshots. */
  now?: number;
  /** BCP 47 locale for numbers. Default: the runtime's. */
  locale?: string;
  className?: string;
  /** Render without the kit's class names, so `styles.css` does not apply. Default `false`. */
  unstyled?: boolean;
  /** Strings to override (translation). */
  labels?: Partial<TaskLabels>;
}

/**
 * Where a model run is: its stage (queued, preparing, loading the model, running, uploading results, and
 * how it ended), a progress bar (determinate with the model's percentage and steps, indeterminate
 * before), elapsed and remaining time, and a cancel button when the run can still be stopped.
 *
 * The stage line is a polite live region, so a screen reader hears each stage once; the bar is a
 * `role="progressbar"` with `aria-valuenow` (absent while indeterminate) and a spoken `aria-valuetext`.
 */
export const TaskProgress = /* @__PURE__ */ memo(function TaskProgress(props: TaskProgressProps): ReactElement {
  const { task, locale } = props;
  const unstyled = props.unstyled ?? false;
  const labels = useStableMerge(defaultTaskLabels, props.labels);
  const stage = taskStage(task);
  const active = isActiveStage(stage);
  const now = useClock(active && props.now === undefined) ?? props.now ?? task.updatedAt;

  const percentage = stage === 'running' ? task.progress.percentage : stage === 'succeeded' ? 100 : null;
  const showBar = active || stage === 'succeeded';
  const { step, steps } = task.progress;
  const stepText =
    stage === 'running' && step !== null && steps !== null && steps > 0
      ? labels.step(Math.min(step, steps), steps)
      : null;
  const percentText = percentage === null ? null : labels.percent(formatFigure(percentage, locale));
  const stageText = stageLabel(stage, labels);

  const figures: { key: string; text: string }[] = [];
  if (stepText !== null) figures.push({ key: 'step', text: stepText });
  if (stage === 'running' && task.progress.speed !== null && task.progress.speedType !== null) {
    figures.push({
      key: 'speed',
      text: labels.speed(formatFigure(task.progress.speed, locale), task.progress.speedType),
    });
  }
  if (task.startedAt !== null && stage !== 'idle' && stage !== 'unknown') {
    const end = active ? Math.max(now, task.updatedAt) : task.updatedAt;
    figures.push({ key: 'elapsed', text: labels.elapsed(formatDuration(end - task.startedAt, labels)) });
  }
  if (stage === 'running' && task.progress.remainingMs !== null && task.progress.remainingMs > 0) {
    figures.push({ key: 'remaining', text: labels.remaining(formatDuration(task.progress.remainingMs, labels, 'up')) });
  }

  return (
    <div className={rootClass(unstyled, 'wiro-task-progress', props.className)} data-stage={stage}>
      <div className={kitClass(unstyled, 'wiro-task-progress-head')}>
        <p role="status" className={kitClass(unstyled, 'wiro-task-stage')}>
          {stageText}
        </p>
        {props.onCancel ? (
          <CancelButton task={task} stage={stage} onCancel={props.onCancel} labels={labels} unstyled={unstyled} />
        ) : null}
      </div>
      {showBar ? (
        <div
          role="progressbar"
          aria-label={labels.progress}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percentage ?? undefined}
          aria-valuetext={[stageText, percentText, stepText].filter(Boolean).join(', ')}
          className={kitClass(unstyled, 'wiro-task-bar')}
          data-indeterminate={percentage === null ? 'true' : undefined}
        >
          {unstyled ? null : (
            <div
              className="wiro-task-bar-fill"
              style={percentage === null ? undefined : { inlineSize: `${percentage}%` }}
            />
          )}
        </div>
      ) : null}
      {figures.length > 0 ? (
        <ul className={kitClass(unstyled, 'wiro-task-figures')}>
          {figures.map((figure) => (
            <li key={figure.key} data-figure={figure.key}>
              {figure.key === 'step' && percentText !== null ? `${percentText} · ${figure.text}` : figure.text}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
});

/** The name of a stage, from the labels. */
export function stageLabel(stage: TaskStage, labels: TaskLabels): string {
  switch (stage) {
    case 'failed':
      return labels.failedStage;
    case 'connection-failed':
      return labels.connectionFailed;
    default:
      return labels[stage];
  }
}

interface CancelButtonProps {
  task: TaskStream;
  stage: TaskStage;
  onCancel: (action: 'cancel' | 'kill') => void | Promise<unknown>;
  labels: TaskLabels;
  unstyled: boolean;
}

/**
 * Cancel (while queued) or Stop (while running). Shown, disabled, while a worker prepares the inputs
 * (Wiro takes neither request then), so it does not flicker away between queue and run.
 */
function CancelButton({ task, stage, onCancel, labels, unstyled }: CancelButtonProps): ReactElement | null {
  const [pending, setPending] = useState(false);
  if (!isActiveStage(stage) || stage === 'uploading' || stage === 'waiting') return null;
  const action = taskInterruptAction(task);
  const click = (): void => {
    if (action === null) return;
    const outcome = onCancel(action);
    if (outcome instanceof Promise) {
      setPending(true);
      outcome.then(
        () => setPending(false),
        () => setPending(false),
      );
    }
  };
  return (
    <button
      type="button"
      className={kitClass(unstyled, 'wiro-task-cancel')}
      disabled={action === null || pending}
      data-action={action ?? undefined}
      onClick={click}
    >
      {pending ? labels.cancelling : action === 'kill' ? labels.stop : labels.cancel}
    </button>
  );
}

/**
 * The time, ticking once a second while `ticking`; `null` before the first tick so the server render and
 * the hydrating render agree (both fall back to the run's own timestamps).
 */
function useClock(ticking: boolean): number | null {
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    if (!ticking) return undefined;
    const tick = (): void => setNow(Date.now());
    tick();
    const timer = setInterval(tick, 1000);
    return () => clearInterval(timer);
  }, [ticking]);
  return ticking ? now : null;
}
