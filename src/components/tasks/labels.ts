/**
 * User-facing strings of `<TaskProgress>` and `<TaskOutputs>`, overridable through their `labels` prop.
 * @packageDocumentation
 */

/** Every string the task components show or announce. Pass a partial object to override some. */
export interface TaskLabels {
  /** Stage names (see `TaskStage`). */
  idle: string;
  waiting: string;
  queued: string;
  preparing: string;
  loading: string;
  running: string;
  uploading: string;
  succeeded: string;
  failedStage: string;
  finished: string;
  cancelled: string;
  unknown: string;
  connectionFailed: string;
  /** Accessible name of the progress bar. */
  progress: string;
  /** A percentage, already formatted for the locale (`"60"`). */
  percent: (value: string) => string;
  step: (step: number, steps: number) => string;
  /** Speed, already formatted, with the model's unit (`"1.2"`, `"it/s"`). */
  speed: (value: string, unit: string) => string;
  /** Elapsed time, given a formatted duration. */
  elapsed: (duration: string) => string;
  /** Estimated time left, given a formatted duration. */
  remaining: (duration: string) => string;
  /** A duration from its whole hours, minutes and seconds. */
  duration: (hours: number, minutes: number, seconds: number) => string;
  /** Cancel button of a queued run. */
  cancel: string;
  /** Cancel button of a running run (it is killed). */
  stop: string;
  /** The cancel button while the request is in flight. */
  cancelling: string;
  /** Accessible name of the outputs. */
  outputs: string;
  /** Alternative text of an output image. */
  imageAlt: (name: string, index: number, count: number) => string;
  /** Accessible name of the button that opens an image large. */
  openImage: (name: string, index: number, count: number) => string;
  /** Accessible name of the image viewer. */
  viewer: (name: string, index: number, count: number) => string;
  close: string;
  previous: string;
  next: string;
  /** Link that downloads a file. */
  download: (name: string) => string;
  /** A file size, already formatted, with its unit (`"197.7"`, `"KB"`). */
  size: (value: string, unit: string) => string;
  /** Shown instead of a file whose URL the URL policy refused (e.g. `javascript:`). */
  unsafeUrl: (name: string) => string;
  /** A failed run, with its exit code when known. */
  failed: (exitCode: number | null) => string;
  /** Title of the stderr tail under a failure. */
  errorLog: string;
  /** A successful run without any output. */
  noOutputs: string;
  /** Accessible name of the previews of the files an agent's answer links to (`<AgentMessage linkPreviews>`). */
  linkedFiles: string;
}

/** The English defaults. */
export const defaultTaskLabels: Readonly<TaskLabels> = /* @__PURE__ */ Object.freeze({
  idle: 'Not started',
  waiting: 'Connecting…',
  queued: 'Queued',
  preparing: 'Preparing',
  loading: 'Loading the model',
  running: 'Running',
  uploading: 'Uploading results',
  succeeded: 'Done',
  failedStage: 'Failed',
  finished: 'Finished',
  cancelled: 'Cancelled',
  unknown: 'This run could not be found.',
  connectionFailed: 'Lost the connection to this run.',
  progress: 'Run progress',
  percent: (value: string) => `${value}%`,
  step: (step: number, steps: number) => `Step ${step} of ${steps}`,
  speed: (value: string, unit: string) => `${value} ${unit}`,
  elapsed: (duration: string) => `Elapsed ${duration}`,
  remaining: (duration: string) => `About ${duration} left`,
  duration: (hours: number, minutes: number, seconds: number) =>
    hours > 0 ? `${hours} h ${minutes} min` : minutes > 0 ? `${minutes} min ${seconds} s` : `${seconds} s`,
  cancel: 'Cancel',
  stop: 'Stop',
  cancelling: 'Cancelling…',
  outputs: 'Outputs',
  imageAlt: (name: string, index: number, count: number) =>
    count > 1 ? `Output image ${index} of ${count} (${name})` : `Output image (${name})`,
  openImage: (name: string, index: number, count: number) =>
    count > 1 ? `Open image ${index} of ${count}: ${name}` : `Open image: ${name}`,
  viewer: (name: string, index: number, count: number) =>
    count > 1 ? `Image ${index} of ${count}: ${name}` : `Image: ${name}`,
  close: 'Close',
  previous: 'Previous image',
  next: 'Next image',
  download: (name: string) => `Download ${name}`,
  size: (value: string, unit: string) => `${value} ${unit}`,
  unsafeUrl: (name: string) => `${name} (link removed: unsafe address)`,
  failed: (exitCode: number | null) =>
    exitCode === null ? 'The run failed.' : `The run failed (exit code ${exitCode}).`,
  errorLog: 'Error output',
  noOutputs: 'The run finished without outputs.',
  linkedFiles: 'Linked files',
});
