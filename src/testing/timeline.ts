/**
 * The mock backends play each run (an agent reply, a model run) as timed frames: a list of steps,
 * each due at a number of milliseconds after the run started.
 * @packageDocumentation
 */

/** A run's frames as they play. */
export interface Timeline<Step extends { at: number }> {
  steps: Step[];
  /** Steps played so far. */
  next: number;
  timer: ReturnType<typeof setTimeout> | null;
}

/**
 * Play `run` from its next step, `elapsed` ms into it, handing each step to `play` when it is due.
 * `stopped` is asked before each step is scheduled (a disposed backend plays nothing more).
 */
export function playTimeline<Step extends { at: number }>(
  run: Timeline<Step>,
  elapsed: number,
  play: (step: Step) => void,
  stopped: () => boolean,
): void {
  if (stopped()) return;
  const step = run.steps[run.next];
  if (step === undefined) return;
  run.timer = setTimeout(
    () => {
      run.timer = null;
      run.next++;
      play(step);
      playTimeline(run, step.at, play, stopped);
    },
    Math.max(0, step.at - elapsed),
  );
}

/** Stop `run` where it is: no further step plays. */
export function pauseTimeline(run: Timeline<{ at: number }>): void {
  if (run.timer !== null) clearTimeout(run.timer);
  run.timer = null;
}
