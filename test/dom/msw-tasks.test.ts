/**
 * The msw handlers serve model runs like the mock server does: Run, Task/Detail, Task/Cancel, Task/Kill,
 * `task_info` on the mocked socket and the generated result files, over the same backend as the agent
 * handlers. Runs in jsdom: msw intercepts the global WebSocket, which Node 20 lacks.
 */
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import {
  createAgentApi,
  createAgentSocket,
  withTasks,
  type AgentSocket,
  type TaskSocket,
  type TaskStream,
} from 'wiro-agent-react/core';
import { createMockAgentBackend } from 'wiro-agent-react/testing';
import { agentApiHandlers, agentSocketHandlers } from 'wiro-agent-react/testing/msw';

const server = setupServer();
const sockets: AgentSocket[] = [];
const BASE = 'https://app.test/api/wiro';

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  for (const socket of sockets.splice(0)) socket.close();
  server.resetHandlers();
});
afterAll(() => server.close());

async function until<T>(read: () => T | undefined, ms = 5000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}

function setUp(): { api: ReturnType<typeof createAgentApi>; socket: TaskSocket } {
  const backend = createMockAgentBackend({
    runModel: (model) =>
      model === 'mock/llm'
        ? { text: 'Qubits hold two states.', queueMs: 5, loadMs: 5, stepMs: 2, uploadMs: 5 }
        : model === 'mock/slow'
          ? { steps: 400, stepMs: 10, queueMs: 5, loadMs: 5 }
          : model === 'mock/image'
            ? { outputs: ['0.png'], steps: 3, stepMs: 2, queueMs: 5, loadMs: 5, uploadMs: 5 }
            : null,
  });
  server.use(...agentApiHandlers({ baseUrl: BASE, backend }), ...agentSocketHandlers(null, { backend }));
  const api = createAgentApi({ baseUrl: BASE });
  const socket = withTasks(createAgentSocket({ reconnect: { initialDelayMs: 5, maxDelayMs: 20, jitter: false } }), {
    api,
  });
  sockets.push(socket);
  return { api, socket };
}

function finished(socket: TaskSocket, tasktoken: string): Promise<TaskStream> {
  return until(() => {
    const task = socket.getTask(tasktoken);
    return task.isDone ? task : undefined;
  });
}

describe('model runs through the msw handlers', () => {
  test('Run answers a taskid and tasktoken; the run streams on the mocked socket to its result file', async () => {
    const { api, socket } = setUp();
    const run = await api.run('mock/image', { prompt: 'a lighthouse' });
    expect(run.taskid).toMatch(/^\d+$/);
    expect(run.tasktoken).toMatch(/^[A-Za-z0-9]{30}$/);
    socket.subscribeTask(run.tasktoken);
    const task = await finished(socket, run.tasktoken);
    expect(task).toMatchObject({ succeeded: true, exitCode: 0, taskid: run.taskid });
    expect(task.outputs).toHaveLength(1);
    const url = task.outputs[0]?.url as string;
    expect(url).toBe(`${BASE}/mock-task-files/${run.taskid}/0.png`);
    const response = await fetch(url);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect((await response.arrayBuffer()).byteLength).toBe(task.outputs[0]?.size);

    const detail = await api.taskDetail({ tasktoken: run.tasktoken });
    expect(detail).toMatchObject({ status: 'task_postprocess_end', pexit: 0, parameters: { prompt: 'a lighthouse' } });
  });

  test('an LLM run streams its text; an unknown model is a 404 from Run', async () => {
    const { api, socket } = setUp();
    const run = await api.run('mock/llm', { prompt: 'Explain qubits' });
    socket.subscribeTask(run.tasktoken);
    const task = await finished(socket, run.tasktoken);
    expect(task.text?.answer).toBe('Qubits hold two states.');
    await expect(api.run('mock/unknown', {})).rejects.toMatchObject({ name: 'WiroApiError', endpoint: 'Run' });
  });

  test('Task/Kill stops a running run (task_cancel on the socket); Task/Cancel refuses it', async () => {
    const { api, socket } = setUp();
    const run = await api.run('mock/slow', {});
    socket.subscribeTask(run.tasktoken);
    await until(() => (socket.getTask(run.tasktoken).status === 'task_output' ? true : undefined));
    await expect(api.cancelTask(run.tasktoken)).rejects.toMatchObject({ endpoint: 'Task/Cancel' });
    await api.killTask(run.tasktoken);
    const task = await finished(socket, run.tasktoken);
    expect(task).toMatchObject({ status: 'task_cancel', succeeded: false });
  });
});
