/**
 * `useTaskStream` and `useRunModel` in jsdom against the real mock server: one connection for agent
 * replies and model runs, one `task_info` per run under StrictMode, render isolation, server rendering,
 * and running, cancelling and killing through the REST client.
 */
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import { memo, StrictMode, useState } from 'react';
import { renderToString } from 'react-dom/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  AgentSocketProvider,
  TaskOutputs,
  TaskProgress,
  useAgentStream,
  useRunModel,
  useTaskStream,
  type UseRunModelResult,
} from 'wiro-agent-react';
import { createAgentApi, createAgentSocket, withTasks, type TaskStatus } from 'wiro-agent-react/core';
import { defaultMockRun, taskScenarioFrames, type TaskScenarioInput } from 'wiro-agent-react/testing';
import { startMockAgentServer, type MockAgentServer } from 'wiro-agent-react/testing/node';
import { countingWebSocket, serverOptions, until, WAIT } from './react-harness';

let server: MockAgentServer;
beforeEach(async () => {
  server = await startMockAgentServer({
    // A model slow enough to be cancelled while queued and killed while running, on a loaded machine.
    runModel: (model, inputs) =>
      model === 'mock/slow-image'
        ? { queueMs: 1500, steps: 300, stepMs: 20 }
        : model === 'mock/dropped'
          ? droppedBeforeResult()
          : defaultMockRun(model, inputs),
  });
});
afterEach(async () => {
  cleanup();
  await server.close();
});

const quick: TaskScenarioInput = { queueMs: 5, preprocessMs: 2, loadMs: 5, stepMs: 3, uploadMs: 5 };

/** A run whose connection drops at `task_postprocess_start`: its result is sent while no client follows it. */
function droppedBeforeResult(): TaskScenarioInput {
  const input: TaskScenarioInput = { ...quick, steps: 4, stepMs: 10, uploadMs: 60, outputs: ['0.png'] };
  const at = taskScenarioFrames('x', input).find((s) => s.frame.type === 'task_postprocess_start')?.at;
  return { ...input, dropConnectionAt: at };
}

/** `task_info` frames the server received, as `[connection, tasktoken]` pairs. */
function taskInfos(): [number, string][] {
  return server
    .received()
    .filter((r) => (r.frame as { type?: unknown }).type === 'task_info')
    .map((r): [number, string] => [r.connection, (r.frame as { tasktoken: string }).tasktoken]);
}

const renders = new Map<string, number>();
const bump = (key: string): void => void renders.set(key, (renders.get(key) ?? 0) + 1);

const Run = memo(function Run({ token, id }: { token: string; id: string }) {
  const task = useTaskStream(token);
  bump(id);
  return (
    <p data-testid={id} data-status={task.status} data-succeeded={String(task.succeeded)}>
      {task.outputs.map((o) => o.name).join(',')}
      {task.text?.answer ?? ''}
    </p>
  );
});

const Status = memo(function Status({ token, id }: { token: string; id: string }) {
  const status = useTaskStream(token, (task) => task.status);
  bump(id);
  return <span data-testid={id}>{status}</span>;
});

function Reply({ token }: { token: string }) {
  const stream = useAgentStream(token);
  return (
    <p data-testid="reply" data-status={stream.status}>
      {stream.answer}
    </p>
  );
}

describe('useTaskStream', () => {
  it('StrictMode: one task_info per run and one connection for runs and a reply, two components on a run', async () => {
    const a = server.createTask({ ...quick, steps: 6, outputs: ['a.png'] });
    const b = server.createTask({ ...quick, text: 'An LLM answer, streamed.', chunkChars: 4 });
    const reply = server.createMessage({ text: 'Hello beside the runs.', intervalMs: 2, chunkChars: 3 });
    const ws = countingWebSocket();
    render(
      <StrictMode>
        <AgentSocketProvider options={serverOptions(server, { WebSocket: ws.WebSocket })}>
          <Run token={a.tasktoken} id="a1" />
          <Run token={a.tasktoken} id="a2" />
          <Run token={b.tasktoken} id="b" />
          <Reply token={reply.agenttoken} />
        </AgentSocketProvider>
      </StrictMode>,
    );
    await waitFor(() => expect(screen.getByTestId('a1').dataset.status).toBe('task_postprocess_end'), WAIT);
    await waitFor(() => expect(screen.getByTestId('b').dataset.status).toBe('task_postprocess_end'), WAIT);
    await waitFor(() => expect(screen.getByTestId('reply').dataset.status).toBe('agent_end'), WAIT);
    expect(screen.getByTestId('a1').textContent).toBe('a.png');
    expect(screen.getByTestId('a2').textContent).toBe('a.png');
    expect(screen.getByTestId('a1').dataset.succeeded).toBe('true');
    expect(screen.getByTestId('b').textContent).toBe('An LLM answer, streamed.');
    expect(screen.getByTestId('reply').textContent).toBe('Hello beside the runs.');
    expect(taskInfos()).toEqual([
      [1, a.tasktoken],
      [1, b.tasktoken],
    ]);
    expect(ws.opened()).toBe(1);
  });

  it("re-renders a run's components only for their own run; a selector only when its value changes", async () => {
    const a = server.createTask({ ...quick, steps: 30, stdout: ['x', 'y', 'z'] });
    const b = server.createTask({ ...quick, steps: 30 });
    renders.clear();
    render(
      <AgentSocketProvider options={serverOptions(server)}>
        <Run token={a.tasktoken} id="a" />
        <Run token={b.tasktoken} id="b" />
        <Status token={a.tasktoken} id="status-a" />
      </AgentSocketProvider>,
    );
    await waitFor(() => expect(screen.getByTestId('a').dataset.status).toBe('task_postprocess_end'), WAIT);
    await waitFor(() => expect(screen.getByTestId('b').dataset.status).toBe('task_postprocess_end'), WAIT);
    const before = { a: renders.get('a') ?? 0, status: renders.get('status-a') ?? 0 };
    // A run the components do not follow: none of them re-renders.
    const c = withTasks(createAgentSocket(serverOptions(server)));
    const other = server.createTask({ ...quick, steps: 10 });
    c.subscribeTask(other.tasktoken);
    await until(() => c.getTask(other.tasktoken).isDone, 'the other run');
    c.close();
    expect(renders.get('a')).toBe(before.a);
    // Statuses seen: idle, subscribing, then the wire's (queue … postprocess_end): at most 13 distinct,
    // far fewer than the ~45 frames of the run (plus the initial render and StrictMode-free remounts).
    const statuses: TaskStatus[] = ['idle', 'subscribing', 'task_queue', 'task_accept', 'task_preprocess_start'];
    expect(before.status).toBeLessThanOrEqual(statuses.length + 8);
    expect(before.a).toBeGreaterThan(before.status);
    expect(screen.getByTestId('status-a').textContent).toBe('task_postprocess_end');
  });

  it('is idle on the server and opens no socket; a blank token idles on the client too', () => {
    const ws = countingWebSocket();
    function Page() {
      const task = useTaskStream('SomeTaskToken');
      const none = useTaskStream('  ');
      return (
        <p>
          {task.status}/{none.status}/{task.tasktoken}
        </p>
      );
    }
    const html = renderToString(
      <AgentSocketProvider options={serverOptions(server, { WebSocket: ws.WebSocket })}>
        <Page />
      </AgentSocketProvider>,
    );
    expect(html).toBe('<p>idle<!-- -->/<!-- -->idle<!-- -->/<!-- -->SomeTaskToken</p>');
    expect(ws.opened()).toBe(0);
    expect(() => renderToString(<Page />)).toThrow(/no <AgentSocketProvider> above/);
  });
});

/** A page on one model: Run, progress with its cancel button, outputs. */
function RunPage({ model, grab }: { model: string; grab?: (result: UseRunModelResult) => void }) {
  const [api] = useState(() => createAgentApi({ baseUrl: server.httpUrl }));
  const result = useRunModel({ api, model });
  grab?.(result);
  return (
    <div>
      <button type="button" onClick={() => void result.run({ prompt: 'a lighthouse at dusk' })}>
        Run
      </button>
      <output data-testid="status">{result.status}</output>
      <output data-testid="error">{result.error?.message ?? ''}</output>
      {result.tasktoken !== null ? (
        <>
          <TaskProgress task={result.task} onCancel={() => result.cancel()} />
          <TaskOutputs task={result.task} />
        </>
      ) : null}
    </div>
  );
}

function withProvider(children: React.ReactNode, api = createAgentApi({ baseUrl: server.httpUrl })) {
  return <AgentSocketProvider options={serverOptions(server, { api })}>{children}</AgentSocketProvider>;
}

describe('useRunModel', () => {
  it('runs a model: starting, running, then done with its image; one Run call', async () => {
    let latest: UseRunModelResult | null = null;
    render(<StrictMode>{withProvider(<RunPage model="mock/image-gen" grab={(r) => (latest = r)} />)}</StrictMode>);
    expect(screen.getByTestId('status').textContent).toBe('idle');
    act(() => screen.getByRole('button', { name: 'Run' }).click());
    expect(screen.getByTestId('status').textContent).toBe('starting');
    await waitFor(() => expect(screen.getByTestId('status').textContent).toBe('running'), WAIT);
    await waitFor(() => expect(screen.getByTestId('status').textContent).toBe('done'), WAIT);
    const result = latest as unknown as UseRunModelResult;
    expect(result.task).toMatchObject({ succeeded: true, exitCode: 0 });
    expect(result.task.outputs.map((o) => o.name)).toEqual(['0.png']);
    const image = screen.getByRole('img');
    expect(image.getAttribute('src')).toBe(result.task.outputs[0]?.url);
    expect(server.backend.getTask({ tasktoken: result.tasktoken as string })?.model).toBe('mock/image-gen');
    expect(taskInfos()).toEqual([[1, result.tasktoken]]);
  });

  it('cancels a queued run with Task/Cancel and kills a running one with Task/Kill', async () => {
    let latest: UseRunModelResult | null = null;
    const current = (): UseRunModelResult => latest as unknown as UseRunModelResult;
    render(withProvider(<RunPage model="mock/slow-image" grab={(r) => (latest = r)} />));
    act(() => screen.getByRole('button', { name: 'Run' }).click());
    await waitFor(() => expect(current().task.status).toBe('task_queue'), WAIT);
    let action: string | null = null;
    await act(async () => {
      action = await current().cancel();
    });
    expect(action).toBe('cancel');
    await waitFor(() => expect(current().status).toBe('done'), WAIT);
    expect(current().task).toMatchObject({ status: 'task_cancel', succeeded: false });

    act(() => screen.getByRole('button', { name: 'Run' }).click());
    await waitFor(() => expect(current().task.status).toBe('task_output'), WAIT);
    await act(async () => {
      screen.getByRole('button', { name: 'Stop' }).click();
    });
    await waitFor(() => expect(current().status).toBe('done'), WAIT);
    expect(current().task).toMatchObject({ status: 'task_cancel', succeeded: false });
    expect(server.backend.getTask({ tasktoken: current().tasktoken as string })?.detail.status).toBe('task_cancel');
  });

  it("recovers a run through Task/Detail with the hook's own api when the provider has none", async () => {
    let latest: UseRunModelResult | null = null;
    const current = (): UseRunModelResult => latest as unknown as UseRunModelResult;
    const slowReconnect = { reconnect: { initialDelayMs: 400, maxDelayMs: 400, jitter: false } };
    render(
      <AgentSocketProvider options={serverOptions(server, slowReconnect)}>
        <RunPage model="mock/dropped" grab={(r) => (latest = r)} />
      </AgentSocketProvider>,
    );
    act(() => screen.getByRole('button', { name: 'Run' }).click());
    await waitFor(() => expect(current().status).toBe('done'), WAIT);
    expect(current().task).toMatchObject({ succeeded: true, exitCode: 0 });
    expect(current().task.outputs.map((o) => o.name)).toEqual(['0.png']);
    // The result frame went out while the client was away: the second task_info's Task/Detail brought it.
    expect(taskInfos().map(([connection]) => connection)).toEqual([1, 2]);
  });

  it('a refused Run is state, not a throw', async () => {
    render(withProvider(<RunPage model="not-a-model-name" />));
    act(() => screen.getByRole('button', { name: 'Run' }).click());
    await waitFor(() => expect(screen.getByTestId('status').textContent).toBe('error'), WAIT);
    expect(screen.getByTestId('error').textContent).toMatch(/owner\/model/);
  });
});
