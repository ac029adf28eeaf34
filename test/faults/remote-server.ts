/**
 * Client side of test/faults/server-process.ts: the mock server's fault-test methods, each a message to
 * the child process that runs it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { MockAgentServerOptions, MockFlood, MockFloodOptions } from 'wiro-agent-react/testing/node';
import type { AgentScenarioInput } from 'wiro-agent-react/testing';

/** The subset of `MockAgentServer` the fault tests use, served from another process. */
export interface RemoteMockServer {
  readonly url: string;
  createMessage(scenario: AgentScenarioInput): Promise<{ agenttoken: string }>;
  flood(options?: MockFloodOptions): Promise<MockFlood>;
  sendStrangers(count: number): Promise<void>;
  acceptedConnections(): Promise<number>;
  close(): Promise<void>;
}

const entry = fileURLToPath(new URL('./server-process.ts', import.meta.url));
const root = fileURLToPath(new URL('../..', import.meta.url));

/** Start the mock server in a child process (`node --import tsx`) with `options`. */
export async function startRemoteMockServer(options: MockAgentServerOptions = {}): Promise<RemoteMockServer> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', entry, JSON.stringify(options)], {
    cwd: root,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let nextId = 1;
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  lines.on('line', (line) => {
    const { id, result, error } = JSON.parse(line) as { id: number; result?: unknown; error?: string };
    const w = waiting.get(id);
    waiting.delete(id);
    if (error !== undefined) w?.reject(new Error(error));
    else w?.resolve(result);
  });
  child.on('exit', () => {
    for (const w of waiting.values()) w.reject(new Error('mock server process exited'));
    waiting.clear();
  });
  const call = (method: string, ...args: unknown[]): Promise<unknown> =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      waiting.set(id, { resolve, reject });
      child.stdin?.write(`${JSON.stringify({ id, method, args })}\n`);
    });
  const started = await new Promise<{ url: string }>((resolve, reject) => {
    waiting.set(0, { resolve: (value) => resolve(value as { url: string }), reject });
  });
  let closed: Promise<void> | null = null;
  return {
    url: started.url,
    createMessage: (scenario) => call('createMessage', scenario) as Promise<{ agenttoken: string }>,
    flood: (opts) => call('flood', opts ?? {}) as Promise<MockFlood>,
    sendStrangers: async (count) => void (await call('sendStrangers', count)),
    acceptedConnections: () => call('acceptedConnections') as Promise<number>,
    close() {
      closed ??= (async () => {
        if (child.exitCode === null) await call('close').catch(() => undefined);
        if (child.exitCode === null) child.kill();
      })();
      return closed;
    },
  };
}
