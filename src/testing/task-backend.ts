/**
 * The model-run half of the in-memory Wiro: `Run`, `Task/Detail`, `Task/Cancel` and `Task/Kill` with
 * Wiro's shapes, scripted runs played on timers to `task_info` subscribers, and the generated files the
 * results point to. Part of {@link createMockAgentBackend}; free of Node and browser APIs.
 * @packageDocumentation
 */
import type { TaskMediaFile } from './task-media.js';
import { asObject, failure, nonEmpty, safely } from './mock-values.js';
import { playTimeline, pauseTimeline, type Timeline } from './timeline.js';
import {
  interruptTaskFrames,
  taskDetailAt,
  taskScenario,
  taskScenarioFile,
  taskScenarioFrames,
  type TaskInterruptRefusal,
  type TaskScenario,
  type TaskScenarioInput,
  type TaskScenarioStep,
  type WireTaskDetail,
  type WireTaskFrame,
} from './task-scenario.js';

/**
 * Picks the scripted run of a `Run` call: a scenario (or its options) for the model and inputs, or `null`
 * when the model does not exist (Run then answers 404).
 */
export type MockRunModel = (
  model: string,
  inputs: Readonly<Record<string, unknown>>,
) => TaskScenario | TaskScenarioInput | null;

/** Receives a run's frames once subscribed with `task_info` (nothing is replayed on subscribe, as on Wiro). */
export interface MockTaskSubscriber {
  frame(frame: WireTaskFrame): void;
  /** The script asks for every socket following the run to be dropped. */
  drop?(): void;
}

/** Options of {@link MockTaskRuns.createTask}. */
export interface MockCreateTaskOptions {
  /** Use this tasktoken instead of a random one (must not be in use). */
  tasktoken?: string;
  /** Where the result's files are served: output URLs are `{filesBaseUrl}/{taskid}/{name}`. Default `"/wiro-mock-files"`. */
  filesBaseUrl?: string;
  /** The model, as Run was called for it (kept for your assertions). Default `"mock/model"`. */
  model?: string;
  /** The run's inputs, echoed by Task/Detail as `parameters`. */
  inputs?: Readonly<Record<string, unknown>>;
}

/** A run as the mock holds it. */
export interface MockTaskInfo {
  tasktoken: string;
  taskid: string;
  model: string;
  /** What Task/Detail says about it now. */
  detail: WireTaskDetail;
}

/** Where a served answer's files are, for {@link MockTaskRuns.handleTask}. */
export interface MockTaskHttpContext {
  /** The URL prefix the HTTP layer serves `GET {filesBaseUrl}/{taskid}/{name}` under. */
  filesBaseUrl: string;
}

type Failure = { result: false; errors: { code: number; message: string }[] };
type Success<T extends object> = { result: true; errors: [] } & T;

/** The model-run endpoints and socket side of the mock (see the module documentation). */
export interface MockTaskRuns {
  /** `POST /Run/{owner}/{model}`: start the model's scripted run. */
  run(
    model: string,
    inputs: unknown,
    context?: Partial<MockTaskHttpContext>,
  ): Success<{ taskid: string; socketaccesstoken: string }> | Failure;
  /** `POST /Task/Detail` by `tasktoken` or `taskid`: `{ total, tasklist: [run] }`; 404 for an unknown run. */
  taskDetail(params: unknown): Success<{ total: string; tasklist: WireTaskDetail[] }> | Failure;
  /** `POST /Task/Cancel`: only while queued; subscribers get `task_cancel`. */
  cancelTask(params: unknown): Success<object> | Failure;
  /** `POST /Task/Kill`: only once assigned and before the model process ended; subscribers get `task_cancel`. */
  killTask(params: unknown): Success<object> | Failure;
  /**
   * Dispatch a model-run endpoint by its path under the API base (`"Run/wiro/flux-dev"`, `"Task/Detail"`,
   * `"Task/Cancel"`, `"Task/Kill"`); anything else gives 404.
   */
  handleTask(
    path: string,
    body: unknown,
    context: MockTaskHttpContext,
  ): { status: number; body: Success<object> | Failure };
  /** Start a scripted run directly (no Run call); subscribe to the returned tasktoken. */
  createTask(
    scenario: TaskScenario | TaskScenarioInput,
    options?: MockCreateTaskOptions,
  ): { tasktoken: string; taskid: string };
  /** Follow a run: later frames go to `subscriber`. Nothing is sent on subscribe. Returns the unsubscribe function. */
  subscribeTask(tasktoken: string, subscriber: MockTaskSubscriber): () => void;
  /** The generated file behind a result's `{taskid}/{name}`, or `null`. */
  taskFile(taskid: string, name: string): TaskMediaFile | null;
  /** A run, by tasktoken or taskid. */
  getTask(ref: { tasktoken?: string; taskid?: string }): MockTaskInfo | undefined;
  /** Stop every running script and forget all subscribers. */
  dispose(): void;
}

interface StoredTask extends Timeline<TaskScenarioStep> {
  tasktoken: string;
  taskid: string;
  model: string;
  scenario: TaskScenario;
  createdAt: number;
  parameters: Record<string, string>;
}

const DEFAULT_FILES_BASE = '/wiro-mock-files';
const FIRST_TASK_ID = 534574;
const MODEL_PATH = /^Run\/([^/]+)\/([^/]+)$/;

const REFUSALS: Record<TaskInterruptRefusal, string> = {
  'not-queued': 'Only queued tasks can be cancelled; a running task is stopped with Task/Kill.',
  'not-running': 'Only running tasks can be killed; a queued task is cancelled with Task/Cancel.',
  finished: 'The task has already finished.',
};

/**
 * The default model runs: a model whose name says `llm`, `chat`, `gpt`, `llama` or `qwen` answers its
 * `prompt` as an LLM; `video` makes a WebM clip, `audio`, `tts` or `speech` a WAV tone; anything else a
 * PNG image.
 */
export const defaultMockRun: MockRunModel = (model, inputs) => {
  const name = model.toLowerCase();
  const prompt = typeof inputs.prompt === 'string' ? inputs.prompt : '';
  if (/llm|chat|gpt|llama|qwen/.test(name)) {
    return {
      prompt: prompt || 'Say something',
      thinking: 'The user asked a model directly; I will answer briefly.',
      text: `You asked: "${prompt.slice(0, 200)}"\n\nThis answer comes from a **mock LLM task**, streamed on the same socket.`,
    };
  }
  if (/video/.test(name)) return { outputs: ['0.webm'] };
  if (/audio|tts|speech/.test(name)) return { outputs: ['0.wav'] };
  return { outputs: ['0.png'] };
};

/** Create the model-run half of a mock backend. `token()` makes tasktokens; `now()` is its clock. */
export function createMockTaskRuns(options: {
  runModel: MockRunModel;
  now: () => number;
  token: () => string;
}): MockTaskRuns {
  const { runModel, now } = options;
  const byToken = new Map<string, StoredTask>();
  const byId = new Map<string, StoredTask>();
  const subscribers = new Map<string, Set<MockTaskSubscriber>>();
  let nextId = FIRST_TASK_ID;
  let disposed = false;

  function store(scenario: TaskScenario, opts: MockCreateTaskOptions): StoredTask {
    const tasktoken = opts.tasktoken ?? options.token();
    if (byToken.has(tasktoken)) throw new Error('createTask: that tasktoken is already in use');
    const taskid = String(nextId++);
    const task: StoredTask = {
      tasktoken,
      taskid,
      model: opts.model ?? 'mock/model',
      scenario,
      steps: taskScenarioFrames(tasktoken, scenario, { taskid, baseUrl: opts.filesBaseUrl ?? DEFAULT_FILES_BASE }),
      next: 0,
      createdAt: now(),
      parameters: stringParameters(opts.inputs ?? {}),
      timer: null,
    };
    byToken.set(tasktoken, task);
    byId.set(taskid, task);
    schedule(task, 0);
    return task;
  }

  function schedule(task: StoredTask, elapsed: number): void {
    playTimeline(
      task,
      elapsed,
      (step) => broadcast(task, step),
      () => disposed,
    );
  }

  function broadcast(task: StoredTask, step: TaskScenarioStep): void {
    const set = subscribers.get(task.tasktoken);
    if (set === undefined) return;
    for (const subscriber of [...set]) safely(() => subscriber.frame(step.frame));
    if (step.dropConnections) for (const subscriber of [...set]) safely(() => subscriber.drop?.());
  }

  function detailOf(task: StoredTask): WireTaskDetail {
    return taskDetailAt(task.steps.slice(0, task.next), Number.POSITIVE_INFINITY, {
      scenario: task.scenario,
      createdAt: task.createdAt,
      parameters: task.parameters,
    });
  }

  function find(params: unknown): StoredTask | Failure {
    const body = asObject(params);
    const token = nonEmpty(body.tasktoken);
    const id = nonEmpty(typeof body.taskid === 'number' ? String(body.taskid) : body.taskid);
    if (token === null && id === null) return failure(400, 'tasktoken or taskid is required');
    const task = token !== null ? byToken.get(token) : byId.get(id as string);
    return task ?? failure(404, 'Task not found');
  }

  function interrupt(params: unknown, action: 'cancel' | 'kill'): Success<object> | Failure {
    const body = asObject(params);
    if (nonEmpty(body.tasktoken) === null) return failure(400, 'tasktoken is required');
    const found = find(params);
    if ('result' in found) return found;
    const played = found.steps.slice(0, found.next);
    const interrupted = interruptTaskFrames(played, Number.POSITIVE_INFINITY, action);
    if (typeof interrupted === 'string') return failure(409, REFUSALS[interrupted]);
    pauseTimeline(found);
    // Built here rather than taken as is: before the first frame played there is none to copy ids from.
    const cancel: TaskScenarioStep = {
      at: Math.max(played[played.length - 1]?.at ?? 0, now() - found.createdAt),
      frame: { type: 'task_cancel', id: found.taskid, tasktoken: found.tasktoken, message: null, result: true },
    };
    interrupted[interrupted.length - 1] = cancel;
    found.steps = interrupted;
    found.next = interrupted.length;
    broadcast(found, cancel);
    return { result: true, errors: [] };
  }

  const runs: MockTaskRuns = {
    run(model, inputs, context = {}) {
      if (typeof model !== 'string' || !/^[^/\s]+\/[^/\s]+$/.test(model))
        return failure(400, 'model must be "owner/model"');
      const params = asObject(inputs);
      let chosen: TaskScenario | TaskScenarioInput | null;
      let scenario: TaskScenario;
      try {
        chosen = runModel(model, params);
        if (chosen === null) return failure(404, `Model ${model.slice(0, 80)} not found`);
        scenario = taskScenario(chosen);
      } catch (err) {
        return failure(500, `mock run failed: ${err instanceof Error ? err.message : String(err)}`);
      }
      const task = store(scenario, { model, inputs: params, filesBaseUrl: context.filesBaseUrl });
      return { result: true, errors: [], taskid: task.taskid, socketaccesstoken: task.tasktoken };
    },

    taskDetail(params) {
      const found = find(params);
      if ('result' in found) return found;
      return { result: true, errors: [], total: '1', tasklist: [detailOf(found)] };
    },

    cancelTask: (params) => interrupt(params, 'cancel'),
    killTask: (params) => interrupt(params, 'kill'),

    handleTask(path, body, context) {
      const model = MODEL_PATH.exec(path);
      if (model !== null) {
        let name: string;
        try {
          name = `${decodeURIComponent(model[1] as string)}/${decodeURIComponent(model[2] as string)}`;
        } catch {
          return { status: 404, body: failure(404, 'Unknown model path') };
        }
        return { status: 200, body: runs.run(name, body, context) };
      }
      switch (path) {
        case 'Task/Detail':
          return { status: 200, body: runs.taskDetail(body) };
        case 'Task/Cancel':
          return { status: 200, body: runs.cancelTask(body) };
        case 'Task/Kill':
          return { status: 200, body: runs.killTask(body) };
        default:
          return { status: 404, body: failure(404, `Unknown endpoint ${path.slice(0, 40)}`) };
      }
    },

    createTask(scenario, opts = {}) {
      const task = store(taskScenario(scenario), opts);
      return { tasktoken: task.tasktoken, taskid: task.taskid };
    },

    subscribeTask(tasktoken, subscriber) {
      if (!byToken.has(tasktoken)) return () => {};
      let set = subscribers.get(tasktoken);
      if (set === undefined) subscribers.set(tasktoken, (set = new Set()));
      set.add(subscriber);
      return () => {
        const current = subscribers.get(tasktoken);
        current?.delete(subscriber);
        if (current?.size === 0) subscribers.delete(tasktoken);
      };
    },

    taskFile(taskid, name) {
      const task = byId.get(taskid);
      return task === undefined ? null : taskScenarioFile(task.scenario, name);
    },

    getTask(ref) {
      const task =
        ref.tasktoken !== undefined
          ? byToken.get(ref.tasktoken)
          : ref.taskid !== undefined
            ? byId.get(ref.taskid)
            : undefined;
      if (task === undefined) return undefined;
      return { tasktoken: task.tasktoken, taskid: task.taskid, model: task.model, detail: detailOf(task) };
    },

    dispose() {
      disposed = true;
      for (const task of byToken.values()) {
        if (task.timer !== null) clearTimeout(task.timer);
        task.timer = null;
      }
      subscribers.clear();
    },
  };
  return runs;
}

/** Task/Detail echoes inputs as strings (Wiro stores form fields). */
function stringParameters(inputs: Readonly<Record<string, unknown>>): Record<string, string> {
  // fromEntries defines own properties: an input named "__proto__" stays an input.
  return Object.fromEntries(
    Object.entries(inputs)
      .filter(([, value]) => value !== undefined)
      .map(([key, value]) => [key, typeof value === 'string' ? value : JSON.stringify(value)]),
  );
}
