/**
 * Model runs (tasks) on the shared socket, attached by `withTasks`: `subscribeTask`, `getTask`,
 * `watchTask` and recovery through Task/Detail, against the real mock server on 127.0.0.1 (and an in-process fake where a test needs to
 * hold the connection by hand). Every wait is for a condition, never a fixed sleep.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createAgentApi,
  createAgentSocket,
  withTasks,
  WiroApiError,
  type AgentSocket,
  type ProtocolError,
  type TaskApi,
  type TaskSocket,
  type TaskStream,
} from 'wiro-agent-react/core';
import { taskScenarioFrames, type TaskScenarioInput } from 'wiro-agent-react/testing';
import { startMockAgentServer, type MockAgentServer } from 'wiro-agent-react/testing/node';
import { FakeWebSocket, socketFor, subscribesReceived, waitFor } from './socket-helpers';

let server: MockAgentServer;
const sockets: AgentSocket[] = [];

function open(options: Parameters<typeof socketFor>[1] = {}): { socket: TaskSocket; errors: ProtocolError[] } {
  const made = socketFor(server, options);
  sockets.push(made.socket);
  return { ...made, socket: withTasks(made.socket) };
}

beforeEach(async () => {
  server = await startMockAgentServer();
});

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.close();
  await server.close();
});

/** `task_info` frames the server received, as `[connection, tasktoken]` pairs. */
function taskSubscribes(): [number, string][] {
  return server
    .received()
    .filter((r) => (r.frame as { type?: unknown }).type === 'task_info')
    .map((r) => [r.connection, (r.frame as { tasktoken: string }).tasktoken]);
}

/** The REST client against the mock, counting Task/Detail calls. */
function countingApi(): { api: Pick<TaskApi, 'taskDetail'>; details: () => number } {
  const client = createAgentApi({ baseUrl: server.httpUrl });
  let details = 0;
  return {
    api: {
      taskDetail: (ref, options) => {
        details++;
        return client.taskDetail(ref, options);
      },
    },
    details: () => details,
  };
}

function waitForTask(
  socket: TaskSocket,
  token: string,
  check: (task: TaskStream) => boolean,
  what: string,
  timeoutMs?: number,
): Promise<TaskStream> {
  return waitFor(
    () => {
      const task = socket.getTask(token);
      return check(task) ? task : undefined;
    },
    what,
    timeoutMs,
  );
}

const quick: TaskScenarioInput = { queueMs: 4, preprocessMs: 2, loadMs: 4, stepMs: 2, uploadMs: 4 };

describe('agent replies and model runs on one connection', () => {
  it('streams 50 agent replies and 50 runs interleaved to their exact texts and outputs, over one connection', async () => {
    const texts = Array.from({ length: 50 }, (_, i) => `Reply ${i}: ${'lorem ipsum '.repeat(4 + (i % 7))}`.trim());
    const agents = texts.map((text, i) =>
      server.createMessage({ text, intervalMs: 1 + (i % 3), queueMs: 2, chunkChars: 5 }),
    );
    const kinds = ['image', 'llm', 'audio', 'video', 'stdout'] as const;
    const runs = Array.from({ length: 50 }, (_, i) => {
      const kind = kinds[i % kinds.length] as (typeof kinds)[number];
      const answer = `Answer ${i}: qubits hold ${i} states at once.`;
      const input: TaskScenarioInput =
        kind === 'llm'
          ? { ...quick, text: answer, thinking: `Think ${i}.`, chunkChars: 4 }
          : kind === 'audio'
            ? { ...quick, steps: 3, outputs: [`voice-${i}.wav`] }
            : kind === 'video'
              ? { ...quick, steps: 2, outputs: ['clip.webm'] }
              : kind === 'stdout'
                ? { ...quick, steps: 4, stdout: [`line a${i}`, `line b${i}`], outputs: ['0.png', '1.png'] }
                : { ...quick, steps: 5 + (i % 4), stderr: ['UserWarning: slow'], outputs: [`${i}.png`] };
      return { kind, answer, input, ...server.createTask(input) };
    });

    const { socket, errors } = open();
    const updates = new Map<string, number>();
    // Interleaved subscriptions, as a page mixing chats and model runs makes them.
    for (let i = 0; i < 50; i++) {
      const agent = agents[i] as { agenttoken: string };
      const run = runs[i] as { tasktoken: string };
      socket.subscribe(agent.agenttoken);
      socket.subscribeTask(run.tasktoken);
      socket.watchTask(run.tasktoken, () => updates.set(run.tasktoken, (updates.get(run.tasktoken) ?? 0) + 1));
    }

    await waitFor(
      () =>
        agents.every((a) => socket.getStream(a.agenttoken).isDone) &&
        runs.every((r) => socket.getTask(r.tasktoken).isDone),
      'every reply and every run to finish',
      20_000,
    );

    agents.forEach((agent, i) => {
      const stream = socket.getStream(agent.agenttoken);
      expect(stream.status).toBe('agent_end');
      expect(stream.answer).toBe(texts[i]);
    });
    for (const run of runs) {
      const task = socket.getTask(run.tasktoken);
      expect(task.status).toBe('task_postprocess_end');
      expect(task.succeeded).toBe(true);
      expect(task.exitCode).toBe(0);
      expect(task.taskid).toBe(run.taskid);
      const expectedNames = run.kind === 'llm' ? [] : (run.input.outputs as string[]);
      expect(task.outputs.map((o) => o.name)).toEqual(expectedNames);
      for (const output of task.outputs) {
        expect(output.url).toBe(`${server.httpUrl}/mock-task-files/${run.taskid}/${encodeURIComponent(output.name)}`);
        expect(output.size).toBeGreaterThan(0);
      }
      if (run.kind === 'llm') {
        expect(task.text?.answer).toBe(run.answer);
        expect(task.text?.isDone).toBe(true);
      } else {
        expect(task.text).toBeNull();
        expect(task.progress.percentage).toBe(100);
      }
      if (run.kind === 'stdout') expect(task.stdout).toBe(run.input.stdout?.join('\n'));
      if (run.kind === 'image') expect(task.stderr).toBe('UserWarning: slow');
      // Per-token notification: each watcher heard of its own run only, a few times, never of the others.
      expect(updates.get(run.tasktoken)).toBeGreaterThan(0);
    }
    const totalUpdates = [...updates.values()].reduce((a, b) => a + b, 0);
    expect(totalUpdates).toBeLessThan(runs.length * 60);

    expect(server.acceptedConnections()).toBe(1);
    expect(subscribesReceived(server)).toEqual(agents.map((a) => [1, a.agenttoken]));
    expect(taskSubscribes()).toEqual(runs.map((r) => [1, r.tasktoken]));
    expect(errors).toEqual([]);
  }, 40_000);

  it('serves the result files a run points to', async () => {
    const { tasktoken } = server.createTask({ ...quick, outputs: ['0.png', 'voice.wav'] });
    const { socket } = open();
    socket.subscribeTask(tasktoken);
    const task = await waitForTask(socket, tasktoken, (t) => t.isDone, 'the run to finish');
    const [png, wav] = await Promise.all(task.outputs.map((o) => fetch(o.url)));
    expect(png?.headers.get('content-type')).toBe('image/png');
    expect(new Uint8Array(await (png as Response).arrayBuffer()).slice(1, 4)).toEqual(new Uint8Array([80, 78, 71]));
    expect(wav?.headers.get('content-type')).toBe('audio/wav');
    expect(task.outputs[0]?.size).toBe(Number((await fetch(task.outputs[0]?.url ?? '')).headers.get('content-length')));
  });
});

describe('subscriptions', () => {
  it('sends one task_info per run however many hold it, and none once everyone released', async () => {
    const { tasktoken } = server.createTask({ ...quick, steps: 40, stepMs: 5 });
    const { socket } = open();
    const a = socket.subscribeTask(tasktoken);
    const b = socket.subscribeTask(tasktoken);
    await waitForTask(socket, tasktoken, (t) => t.status === 'task_output', 'progress');
    a();
    const c = socket.subscribeTask(tasktoken);
    b();
    c();
    c();
    await waitForTask(socket, tasktoken, (t) => t.isDone, 'the run to finish while released');
    expect(taskSubscribes()).toEqual([[1, tasktoken]]);
  });

  it('re-sends task_info once on the new connection after a drop, for a run that is still going', async () => {
    const { tasktoken } = server.createTask({ ...quick, steps: 60, stepMs: 10 });
    const { agenttoken } = server.createMessage({ text: 'x'.repeat(400), intervalMs: 5, chunkChars: 2 });
    const { socket, errors } = open();
    socket.subscribeTask(tasktoken);
    socket.subscribe(agenttoken);
    await waitForTask(socket, tasktoken, (t) => (t.progress.step ?? 0) >= 3, 'a few steps');
    server.dropAllConnections();
    const done = await waitForTask(socket, tasktoken, (t) => t.isDone, 'the run to finish after the reconnect');
    expect(done.succeeded).toBe(true);
    expect(taskSubscribes()).toEqual([
      [1, tasktoken],
      [2, tasktoken],
    ]);
    expect(errors).toEqual([]);
  });

  it('rejects a blank tasktoken and validates ingested events', () => {
    const socket = withTasks(createAgentSocket({ url: server.url, WebSocket: FakeWebSocket }));
    sockets.push(socket);
    expect(() => socket.subscribeTask('  ')).toThrow(TypeError);
    const wire = { type: 'task_output', id: '1', tasktoken: 'T', message: 'a stdout line', result: true };
    expect(() => socket.ingestTask(wire as never)).toThrow(/decodeTaskFrame/);
    expect(() => socket.ingestTask({ type: 'local_task_recovered', tasktoken: 'T', record: 'x' as never })).toThrow(
      TypeError,
    );
    socket.ingestTask({
      type: 'task_output',
      tasktoken: 'T',
      taskid: '1',
      message: { kind: 'stdout', text: 'hello' },
      result: true,
    });
    return waitFor(() => socket.getTask('T').stdout === 'hello', 'the ingested event');
  });
});

describe('recovery through Task/Detail (the socket replays nothing for tasks)', () => {
  /** A run whose result is sent while no connection follows it: the drop comes at `task_postprocess_start`. */
  function droppedBeforeResult(): { tasktoken: string; taskid: string } {
    const input: TaskScenarioInput = { ...quick, steps: 4, stepMs: 10, uploadMs: 60, outputs: ['0.png', '1.png'] };
    const at = taskScenarioFrames('x', input).find((s) => s.frame.type === 'task_postprocess_start')?.at;
    return server.createTask({ ...input, dropConnectionAt: at });
  }
  const slowReconnect = { reconnect: { initialDelayMs: 400, maxDelayMs: 400, jitter: false } };

  it('recovers a result sent during a reconnect from Task/Detail, with its outputs', async () => {
    const { tasktoken, taskid } = droppedBeforeResult();
    const { api, details } = countingApi();
    const { socket, errors } = open({ ...slowReconnect, api });
    socket.subscribeTask(tasktoken);
    const done = await waitForTask(socket, tasktoken, (t) => t.isDone, 'the recovered result', 8000);
    expect(done.succeeded).toBe(true);
    expect(done.exitCode).toBe(0);
    expect(done.outputs.map((o) => o.url)).toEqual([
      `${server.httpUrl}/mock-task-files/${taskid}/0.png`,
      `${server.httpUrl}/mock-task-files/${taskid}/1.png`,
    ]);
    // The result frame itself never reached the client: it was sent while the client was away.
    expect(taskSubscribes()).toEqual([
      [1, tasktoken],
      [2, tasktoken],
    ]);
    // One Task/Detail after each task_info.
    expect(details()).toBe(2);
    expect(errors).toEqual([]);
  });

  it('asks Task/Detail again when it could not answer, and recovers the result then', async () => {
    const { tasktoken } = droppedBeforeResult();
    const client = createAgentApi({ baseUrl: server.httpUrl });
    let calls = 0;
    const api: Pick<TaskApi, 'taskDetail'> = {
      taskDetail: (ref, options) => {
        calls++;
        // The two calls after the reconnect find the network down.
        if (calls === 2 || calls === 3) {
          return Promise.reject(
            new WiroApiError('network down', { code: 'network', endpoint: 'Task/Detail', status: null }),
          );
        }
        return client.taskDetail(ref, options);
      },
    };
    const { socket } = open({ ...slowReconnect, api });
    socket.subscribeTask(tasktoken);
    const done = await waitForTask(socket, tasktoken, (t) => t.isDone, 'the result, recovered by a retry', 10_000);
    expect(done.succeeded).toBe(true);
    expect(done.outputs).toHaveLength(2);
    expect(calls).toBe(4);
  });

  it('does not ask again when Task/Detail refuses (a 403 says nothing will change)', async () => {
    const { tasktoken } = droppedBeforeResult();
    let calls = 0;
    const api: Pick<TaskApi, 'taskDetail'> = {
      taskDetail: () => {
        calls++;
        return Promise.reject(new WiroApiError('forbidden', { code: 'http', endpoint: 'Task/Detail', status: 403 }));
      },
    };
    const { socket } = open({ ...slowReconnect, api });
    socket.subscribeTask(tasktoken);
    await waitFor(() => taskSubscribes().length === 2 && calls === 2, 'the re-subscribe and its Task/Detail', 8000);
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect(calls).toBe(2);
    expect(socket.getTask(tasktoken).isDone).toBe(false);
  });

  it('without a REST client, a result missed during a reconnect is not guessed', async () => {
    const { tasktoken } = droppedBeforeResult();
    const { socket } = open(slowReconnect);
    socket.subscribeTask(tasktoken);
    await waitFor(() => taskSubscribes().length === 2, 'the re-subscribe', 8000);
    await waitFor(() => server.backend.getTask({ tasktoken })?.detail.status === 'task_postprocess_end', 'the result');
    const task = socket.getTask(tasktoken);
    expect(task.isDone).toBe(false);
    expect(task.succeeded).toBeNull();
    expect(task.outputs).toEqual([]);
  });

  it('catches up on what a run did before it was subscribed', async () => {
    const { tasktoken } = server.createTask({ ...quick, steps: 3, stepMs: 1, outputs: ['late.png'] });
    await waitFor(() => server.backend.getTask({ tasktoken })?.detail.status === 'task_postprocess_end', 'the result');
    const { api } = countingApi();
    const { socket } = open({ api });
    socket.subscribeTask(tasktoken);
    const task = await waitForTask(socket, tasktoken, (t) => t.isDone, 'the caught-up result');
    expect(task.succeeded).toBe(true);
    expect(task.outputs.map((o) => o.name)).toEqual(['late.png']);
  });

  it('asks Task/Detail once for the exit code of a result that came without pexit', async () => {
    const ok = server.createTask({ ...quick, steps: 30, stepMs: 4, pexitOnSocket: false });
    const failed = server.createTask({
      ...quick,
      steps: 30,
      stepMs: 4,
      pexitOnSocket: false,
      outcome: 'failure',
      exitCode: 3,
    });
    const { api, details } = countingApi();
    const { socket, errors } = open({ api });
    socket.subscribeTask(ok.tasktoken);
    socket.subscribeTask(failed.tasktoken);
    const good = await waitForTask(socket, ok.tasktoken, (t) => t.succeeded !== null, 'the exit code of the success');
    const bad = await waitForTask(
      socket,
      failed.tasktoken,
      (t) => t.succeeded !== null,
      'the exit code of the failure',
    );
    expect(good).toMatchObject({ succeeded: true, exitCode: 0, error: null });
    expect(bad).toMatchObject({ succeeded: false, exitCode: 3, error: { kind: 'failed' } });
    // One after each task_info, one for each result without pexit.
    expect(details()).toBe(4);
    expect(errors).toEqual([]);
  });

  it('without a REST client, a result without pexit stays "success unknown"', async () => {
    const { tasktoken } = server.createTask({ ...quick, steps: 20, stepMs: 3, pexitOnSocket: false });
    const { socket } = open();
    socket.subscribeTask(tasktoken);
    const task = await waitForTask(socket, tasktoken, (t) => t.isDone, 'the result');
    expect(task.status).toBe('task_postprocess_end');
    expect(task.succeeded).toBeNull();
    expect(task.exitCode).toBeNull();
  });

  it('marks a run Task/Detail does not know as unknown', async () => {
    const { api } = countingApi();
    const { socket } = open({ api });
    socket.subscribeTask('NoSuchTaskToken0123456789abcdef');
    const task = await waitForTask(socket, 'NoSuchTaskToken0123456789abcdef', (t) => t.isDone, 'the unknown run');
    expect(task.status).toBe('unknown');
    expect(task.error?.kind).toBe('unknown-token');
  });

  it('cancels a queued run and kills a running one (task_cancel on the socket)', async () => {
    const queued = server.createTask({ ...quick, queueMs: 5000 });
    const running = server.createTask({ ...quick, steps: 500, stepMs: 10 });
    const client = createAgentApi({ baseUrl: server.httpUrl });
    const { socket } = open({ api: client });
    socket.subscribeTask(queued.tasktoken);
    socket.subscribeTask(running.tasktoken);
    await waitForTask(socket, queued.tasktoken, (t) => t.status === 'task_queue', 'the queued run');
    await waitForTask(socket, running.tasktoken, (t) => t.status === 'task_output', 'the running run');
    await expect(client.killTask(queued.tasktoken)).rejects.toThrow(/queued task is cancelled/);
    await expect(client.cancelTask(running.tasktoken)).rejects.toThrow(/Task\/Kill/);
    await client.cancelTask(queued.tasktoken);
    await client.killTask(running.tasktoken);
    const cancelled = await waitForTask(socket, queued.tasktoken, (t) => t.isDone, 'the cancel');
    const killed = await waitForTask(socket, running.tasktoken, (t) => t.isDone, 'the kill');
    expect(cancelled).toMatchObject({ status: 'task_cancel', succeeded: false });
    expect(killed).toMatchObject({ status: 'task_cancel', succeeded: false });
    expect((await client.taskDetail({ tasktoken: running.tasktoken })).status).toBe('task_cancel');
  });
});

describe('faults', () => {
  it('reports a malformed task frame and a stranger run once each, naming the tasktoken, and spoils nothing else', async () => {
    const { tasktoken } = server.createTask({ ...quick, steps: 30, stepMs: 5 });
    const { agenttoken } = server.createMessage({ text: 'still fine', intervalMs: 5, chunkChars: 2 });
    const { socket, errors } = open();
    socket.subscribeTask(tasktoken);
    socket.subscribe(agenttoken);
    await waitForTask(socket, tasktoken, (t) => t.status === 'task_output', 'progress');
    server.broadcastRaw(JSON.stringify({ type: 'task_output', id: '1', tasktoken, message: 42, result: true }));
    const stranger = 'StrangerTaskToken0123456789abcd';
    for (let i = 0; i < 3; i++) {
      server.broadcastRaw(
        JSON.stringify({ type: 'task_queue', id: '2', tasktoken: stranger, message: null, result: true }),
      );
    }
    const done = await waitForTask(socket, tasktoken, (t) => t.isDone, 'the run');
    await waitFor(() => socket.getStream(agenttoken).isDone, 'the reply');
    expect(done.succeeded).toBe(true);
    expect(socket.getStream(agenttoken).answer).toBe('still fine');
    expect(errors.map((e) => e.tasktoken)).toEqual([tasktoken, stranger]);
    for (const error of errors) {
      expect(error.error).not.toContain(tasktoken);
      expect(error.error).not.toContain(stranger);
    }
  });

  it('evicts a released finished run, telling its watcher, and keeps held ones', async () => {
    const a = server.createTask({ ...quick, steps: 2 });
    const b = server.createTask({ ...quick, steps: 2 });
    const { socket } = open({ evictAfterMs: 20 });
    const releaseA = socket.subscribeTask(a.tasktoken);
    socket.subscribeTask(b.tasktoken);
    await waitFor(() => socket.getTask(a.tasktoken).isDone && socket.getTask(b.tasktoken).isDone, 'both runs');
    const seen: TaskStream[] = [];
    socket.watchTask(a.tasktoken, (task) => seen.push(task));
    releaseA();
    await waitFor(() => socket.store.getState().tasks[a.tasktoken] === undefined, 'the eviction');
    expect(seen.at(-1)?.status).toBe('idle');
    expect(socket.store.getState().tasks[b.tasktoken]?.isDone).toBe(true);
    expect(Object.keys(socket.store.getState().streams)).toEqual([]);
  });

  it('gives every live run a connection error when the socket gives up, and keeps what it had', async () => {
    FakeWebSocket.reset();
    const socket = withTasks(
      createAgentSocket({
        url: 'ws://fake/v1',
        WebSocket: FakeWebSocket,
        schedule: 'sync',
        reconnect: { initialDelayMs: 1, maxDelayMs: 1, maxAttempts: 1, jitter: false },
      }),
    );
    sockets.push(socket);
    socket.subscribeTask('RunToken');
    const first = FakeWebSocket.last();
    first.open();
    expect(first.sent).toEqual([{ type: 'task_info', tasktoken: 'RunToken' }]);
    first.receive({ type: 'task_start', id: '9', tasktoken: 'RunToken', message: null, result: true });
    first.drop();
    await waitFor(() => FakeWebSocket.instances.length === 2, 'the reconnect attempt');
    FakeWebSocket.last().drop();
    await waitFor(() => socket.getTask('RunToken').error !== null, 'the connection error');
    expect(socket.getTask('RunToken')).toMatchObject({
      status: 'task_start',
      taskid: '9',
      isRunning: false,
      isDone: false,
      error: { kind: 'connection' },
    });
    expect(socket.connection.status).toBe('closed');
  });
});

describe('withTasks: runs attach to a socket on demand', () => {
  it('returns the same socket, attaches once, and leaves a socket without runs as it was', async () => {
    const { tasktoken } = server.createTask({ ...quick, steps: 3, outputs: ['0.png'] });
    const made = socketFor(server);
    sockets.push(made.socket);
    const plain: AgentSocket = made.socket;
    expect('subscribeTask' in plain).toBe(false);
    expect(plain.store.getState().tasks).toEqual({});

    const socket = withTasks(plain);
    expect(socket).toBe(plain);
    const attached = (): unknown => Object.getOwnPropertyDescriptor(plain, 'subscribeTask')?.value;
    const first = attached();
    expect(withTasks(plain)).toBe(plain);
    expect(attached()).toBe(first); // attached once: the same run tracking, not a second one
    socket.subscribeTask(tasktoken);
    const done = await waitForTask(socket, tasktoken, (t) => t.isDone, 'the run');
    expect(done.succeeded).toBe(true);
    expect(socket.store.getState().tasks[tasktoken]).toBe(done);
    expect(made.errors).toEqual([]);
  });

  it('a REST client given later recovers runs; the socket option stays the first choice', async () => {
    // A result sent while the client was away: only Task/Detail can tell it.
    const input: TaskScenarioInput = { ...quick, steps: 4, stepMs: 10, uploadMs: 60, outputs: ['0.png'] };
    const at = taskScenarioFrames('x', input).find((s) => s.frame.type === 'task_postprocess_start')?.at;
    const { tasktoken } = server.createTask({ ...input, dropConnectionAt: at });
    const first = countingApi();
    const later = countingApi();
    const { socket } = open({ reconnect: { initialDelayMs: 400, maxDelayMs: 400, jitter: false } });
    withTasks(socket, { api: first.api });
    withTasks(socket, { api: later.api }); // a second client does not replace the first
    socket.subscribeTask(tasktoken);
    const done = await waitForTask(socket, tasktoken, (t) => t.isDone, 'the recovered result', 8000);
    expect(done).toMatchObject({ succeeded: true, exitCode: 0 });
    expect(first.details()).toBe(2);
    expect(later.details()).toBe(0);

    const option = countingApi();
    const given = countingApi();
    const other = withTasks(socketFor(server, { api: option.api }).socket, { api: given.api });
    sockets.push(other);
    other.subscribeTask(server.createTask({ ...quick, steps: 2 }).tasktoken);
    await waitFor(() => option.details() === 1, 'Task/Detail through the socket option');
    expect(given.details()).toBe(0);
  });

  it('refuses what is not a socket, and uses a socket of your own with task methods as it is', () => {
    expect(() => withTasks({} as AgentSocket)).toThrow(TypeError);
    const real = withTasks(createAgentSocket({ url: server.url, WebSocket: FakeWebSocket }));
    sockets.push(real);
    const own: TaskSocket = { ...real, subscribeTask: (token) => real.subscribeTask(token) };
    expect(withTasks(own)).toBe(own);
  });

  it('without runs attached, a task frame is reported as unknown and touches no reply', async () => {
    const { agenttoken } = server.createMessage({ text: 'unbothered', intervalMs: 2, chunkChars: 3 });
    const { socket, errors } = socketFor(server);
    sockets.push(socket);
    socket.subscribe(agenttoken);
    await waitFor(() => socket.getStream(agenttoken).isDone, 'the reply');
    const reply = socket.getStream(agenttoken);
    server.broadcastRaw(JSON.stringify({ type: 'task_queue', id: '1', tasktoken: 'T0123456789', result: true }));
    await waitFor(() => errors.length > 0, 'the report');
    expect(socket.getStream(agenttoken)).toBe(reply);
    expect(reply.answer).toBe('unbothered');
    expect(errors.map((e) => e.error)).toEqual(['unknown frame type "task_queue"']);
    expect(socket.store.getState().tasks).toEqual({});
  });
});
