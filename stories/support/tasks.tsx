/**
 * The task stories' plumbing: every state of a model run, made by replaying a scripted run's frames
 * through the kit's own decoder and reducer (no socket), either frozen at one moment or live in real time
 * (with Cancel/Stop applying Task/Cancel or Task/Kill to the script), and the mocked output files served
 * as in-memory `blob:` URLs, so nothing comes from the network.
 */
import { useEffect, useMemo, useState, type ReactElement, type ReactNode } from 'react';
import { safeUrlTransform } from 'wiro-agent-react';
import { createTask, reduceTask, type TaskOutputFile, type TaskStream } from 'wiro-agent-react/core';
import {
  interruptTaskFrames,
  replayTask,
  taskMediaFile,
  taskScenarioFrames,
  type TaskMediaKind,
  type TaskScenarioInput,
  type TaskScenarioStep,
} from 'wiro-agent-react/testing';

export const TASK_TOKEN = 'story-task-0123456789abcdef';

/** A short LLM answer with a little Markdown. */
const LLM_ANSWER = [
  '## Qubits in one paragraph',
  'A **qubit** holds a superposition of 0 and 1 until it is measured; entangled qubits share one state, so ' +
    'a quantum computer explores many combinations at once.',
  '- Superposition: both values, weighted\n- Entanglement: correlated outcomes\n- Interference: wrong answers cancel out',
].join('\n\n');

/** One story's run: a script, and the moment shown (`'live'` plays it in real time). */
export interface TaskStorySetup {
  input: TaskScenarioInput;
  at: number | 'live';
  /** Events the kit itself would add (a lost connection, an unknown token). */
  after?: (task: TaskStream) => TaskStream;
  description: string;
}

/** Every state of a run a story shows. The default script's timeline: queued 0–120 ms, preparing to 210, loading to 360, ten steps of 60 ms, result at 1070. */
export const TASK_STATES = {
  queued: {
    input: {},
    at: 60,
    description: 'Waiting in the queue: an indeterminate bar; Cancel (Task/Cancel) is offered.',
  },
  preparing: {
    input: {},
    at: 150,
    description:
      'A worker accepted the run and preprocesses its inputs: neither cancel nor kill is possible, so the button is disabled.',
  },
  loading: { input: {}, at: 300, description: 'Assigned to a GPU, the model is loading; Stop (Task/Kill) is offered.' },
  running: {
    input: { stderr: ['UserWarning: Some weights were not initialized from the checkpoint'] },
    at: 690,
    description:
      'The model reports progress: a determinate bar at 50 %, step 5 of 10, speed and time left. Its stderr warning is only a log.',
  },
  uploading: {
    input: {},
    at: 1000,
    description: 'The model exited (`task_end` is not the result); outputs are being uploaded.',
  },
  succeeded: {
    input: { outputs: ['0.png', '1.png', '2.png'] },
    at: Infinity,
    description: 'The result came with `pexit` "0": done, with its images.',
  },
  failed: {
    input: { outcome: 'failure', exitCode: 137, stderr: ['UserWarning: slow tokenizer'] },
    at: Infinity,
    description: 'The result came with a non-zero `pexit`: the failure, its exit code and the tail of stderr.',
  },
  finishedWithoutExitCode: {
    input: { pexitOnSocket: false },
    at: Infinity,
    description:
      'A result without `pexit` (as in the docs’ frame examples): finished, success unknown until Task/Detail says.',
  },
  cancelledWhileQueued: { input: { outcome: 'cancel' }, at: Infinity, description: 'Cancelled while still queued.' },
  killedWhileRunning: { input: { outcome: 'kill' }, at: Infinity, description: 'Killed half-way through its steps.' },
  unknown: {
    input: {},
    at: 0,
    after: (task) => reduceTask(task, { type: 'local_task_recovered', tasktoken: TASK_TOKEN, record: null }),
    description: 'Task/Detail does not know the run (a mistyped or expired token).',
  },
  connectionFailed: {
    input: {},
    at: 661,
    after: (task) =>
      reduceTask(task, {
        type: 'local_task_connection_failed',
        tasktoken: TASK_TOKEN,
        message: 'gave up after 8 attempts',
      }),
    description: 'The socket gave up reconnecting: the run may still be going; what was known is kept.',
  },
  live: {
    input: {
      steps: 12,
      stepMs: 250,
      queueMs: 900,
      loadMs: 1200,
      preprocessMs: 500,
      uploadMs: 900,
      outputs: ['0.png', '1.png'],
    },
    at: 'live',
    description: 'A whole image run in real time. Press Cancel while queued or Stop while it runs.',
  },
  images: {
    input: { outputs: ['0.png', '1.png', '2.png', '3.png'] },
    at: Infinity,
    description: 'Four images in a grid; each opens in the viewer (Escape closes, ← → move, Tab stays inside).',
  },
  media: {
    input: { outputs: ['clip.webm', 'voice.wav'] },
    at: Infinity,
    description: 'A video and an audio output, each with its player and a download link.',
  },
  files: {
    input: {
      outputs: [
        { name: 'notes.txt', media: 'text' },
        { name: 'mesh.glb', media: 'text' },
      ],
    },
    at: Infinity,
    description: 'Other files: download links with their sizes.',
  },
  llmStreaming: {
    input: { text: LLM_ANSWER, thinking: 'The user wants a short, concrete explanation.', chunkChars: 14, stepMs: 90 },
    at: 'live',
    description: 'An LLM run: its text streams as Markdown (replaced on every frame, never appended), reasoning first.',
  },
  llmDone: {
    input: { text: LLM_ANSWER, thinking: 'The user wants a short, concrete explanation.' },
    at: Infinity,
    description: 'A finished LLM run: the final text from its `raw` result content.',
  },
  unsafeUrls: {
    input: {},
    at: Infinity,
    after: (task) => ({
      ...task,
      outputs: [
        { name: 'evil.png', contentType: 'image/png', size: 1200, url: 'javascript:alert(1)' },
        { name: 'inline.png', contentType: 'image/png', size: 68, url: 'data:image/png;base64,AAAA' },
        ...task.outputs,
      ],
    }),
    description: 'Outputs whose URLs the markdown URL policy refuses are named, never linked or loaded.',
  },
} satisfies Record<string, TaskStorySetup>;

export type TaskStoryState = keyof typeof TASK_STATES;

/** Story annotations for one state (the `render` of each meta reads `parameters.task`). */
export function taskStory(state: TaskStoryState): {
  parameters: { task: TaskStoryState; docs: { description: { story: string } } };
} {
  return { parameters: { task: state, docs: { description: { story: TASK_STATES[state].description } } } };
}

/** The run of a story state, and how to cancel or kill it (live stories only). */
export function TaskStory({
  state,
  children,
}: {
  state: TaskStoryState;
  children: (task: TaskStream, interrupt: (action: 'cancel' | 'kill') => Promise<void>) => ReactNode;
}): ReactElement {
  const setup: TaskStorySetup = TASK_STATES[state];
  const { task, interrupt } = useReplayedTask(setup);
  return (
    <>
      {children(task, interrupt)}
      <p
        data-testid="task-status"
        style={{ font: '12px/1.4 var(--wiro-font-mono)', color: 'var(--wiro-fg-muted)', marginTop: 12 }}
      >
        status: {task.status}
        {task.succeeded === null ? '' : ` · succeeded: ${String(task.succeeded)}`}
        {task.error ? ` · error: ${task.error.kind}` : ''}
      </p>
    </>
  );
}

/** How often a live story advances its clock. */
const TICK_MS = 50;

function useReplayedTask(setup: TaskStorySetup): {
  task: TaskStream;
  interrupt: (action: 'cancel' | 'kill') => Promise<void>;
} {
  const [origin] = useState(() => Date.now());
  const [steps, setSteps] = useState<TaskScenarioStep[]>(() => taskScenarioFrames(TASK_TOKEN, setup.input));
  const [elapsed, setElapsed] = useState(0);
  const live = setup.at === 'live';
  const last = steps[steps.length - 1]?.at ?? 0;

  useEffect(() => {
    if (!live) return undefined;
    const timer = setInterval(() => setElapsed(Date.now() - origin), TICK_MS);
    return () => clearInterval(timer);
  }, [live, origin]);

  const task = useMemo(() => {
    const at = setup.at === 'live' ? Math.min(elapsed, last) : setup.at;
    const replayed = at === 0 ? subscribing(origin) : replayTask(TASK_TOKEN, steps, at, origin);
    return setup.after ? setup.after(replayed) : replayed;
  }, [setup, steps, elapsed, last, origin]);

  const interrupt = (action: 'cancel' | 'kill'): Promise<void> => {
    const cut = interruptTaskFrames(steps, Date.now() - origin, action);
    // The mock answers like the REST call would take a moment.
    return new Promise((resolve) =>
      setTimeout(() => {
        if (Array.isArray(cut)) setSteps(cut);
        resolve();
      }, 300),
    );
  };
  return { task, interrupt };
}

function subscribing(now: number): TaskStream {
  return reduceTask(createTask(TASK_TOKEN), { type: 'local_task_subscribing', tasktoken: TASK_TOKEN }, now);
}

const blobUrls = new Map<TaskMediaKind, string>();

/**
 * `urlTransform` for the stories: the scripted runs' file URLs (`/wiro-mock-files/…`) become `blob:` URLs
 * of the generated files; every other URL goes through the kit's policy as usual.
 */
export function storyFileUrl(url: string, file: TaskOutputFile): string | null {
  if (!url.startsWith('/wiro-mock-files/') || typeof URL.createObjectURL !== 'function') return safeUrlTransform(url);
  const kind: TaskMediaKind = file.contentType.startsWith('image/')
    ? 'image'
    : file.contentType.startsWith('video/')
      ? 'video'
      : file.contentType.startsWith('audio/')
        ? 'audio'
        : 'text';
  let blob = blobUrls.get(kind);
  if (blob === undefined) {
    const media = taskMediaFile(kind);
    blob = URL.createObjectURL(new Blob([media.body as BlobPart], { type: media.contentType }));
    blobUrls.set(kind, blob);
  }
  return blob;
}
