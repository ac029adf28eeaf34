/**
 * The demo's "Run a model" page on the mock: two models, an image generator and an LLM, scripted with
 * `wiro-agent-react/testing`'s task scenarios (progress steps, a stderr warning, a generated PNG; a
 * streamed answer with its reasoning). Against the real service the page runs the models named by
 * `WIRO_DEMO_IMAGE_MODEL` and `WIRO_DEMO_LLM_MODEL` instead.
 */
import { taskScenarioFrames, type MockRunModel, type TaskScenarioInput } from 'wiro-agent-react/testing';

/** The two models the page offers on the mock. */
export const DEMO_MODELS = { image: 'wiro-demo/image-gen', llm: 'wiro-demo/llm-chat' } as const;

/**
 * Prompts that script the image run differently, for trying the progress and the recovery by hand (and
 * for the end-to-end tests).
 */
export const DEMO_RUN_PROMPTS = {
  /** A long run: enough time to press Stop while it runs. */
  slow: 'a slow, detailed mural',
  /** A run that fails half-way with exit code 137 (and its stderr). */
  fail: 'a run that fails',
  /**
   * A run whose connection drops while its outputs upload: its result is sent while the page reconnects,
   * and the socket replays nothing for tasks, so the page learns it from Task/Detail.
   */
  drop: 'a run that loses its connection',
} as const;

/** The answer of the mock LLM, with some Markdown. */
export function llmAnswer(prompt: string): string {
  const asked = prompt.trim() === '' ? 'something' : `"${prompt.trim().slice(0, 120)}"`;
  return [
    `You asked ${asked}. This answer comes from a **model run** (a task), not the agent:`,
    '- it streams over the **same WebSocket** as the chat beside it;',
    '- each frame carries the whole text so far, so nothing is lost on a reconnect;',
    '- its reasoning is collapsed above the answer.',
  ].join('\n\n');
}

/** What each Run call of the demo's mock plays. */
export const demoRunModel: MockRunModel = (model, inputs) => {
  const prompt = typeof inputs.prompt === 'string' ? inputs.prompt : '';
  if (model === DEMO_MODELS.llm) {
    return {
      queueMs: 300,
      loadMs: 400,
      text: llmAnswer(prompt),
      thinking: 'The user ran a model directly. Keep the answer short and say what makes it special.',
      chunkChars: 6,
      stepMs: 30,
      prompt,
    };
  }
  if (model !== DEMO_MODELS.image) return null;
  const base: TaskScenarioInput = {
    queueMs: 600,
    preprocessMs: 300,
    loadMs: 700,
    steps: 20,
    stepMs: 120,
    uploadMs: 500,
    stderr: ['UserWarning: Some weights were not initialized from the checkpoint'],
    outputs: ['0.png'],
  };
  if (prompt === DEMO_RUN_PROMPTS.slow) return { ...base, steps: 200, stepMs: 150 };
  if (prompt === DEMO_RUN_PROMPTS.fail) return { ...base, outcome: 'failure', exitCode: 137 };
  if (prompt === DEMO_RUN_PROMPTS.drop) {
    // Drop as the upload starts; the result follows 200 ms later, before the page's first reconnect
    // (its backoff waits at least 500 ms).
    const dropped = { ...base, uploadMs: 200 };
    const uploadStarts = taskScenarioFrames('x', dropped).find((s) => s.frame.type === 'task_postprocess_start');
    return { ...dropped, dropConnectionAt: uploadStarts?.at ?? null };
  }
  return base;
};
