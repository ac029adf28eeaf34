/**
 * Test harness of the chat tests: the kit's msw REST handlers (`agentApiHandlers`) served from the mock
 * server's own in-memory backend, so REST and the real WebSocket agree on every message, plus a
 * recorder of the calls the chat made.
 */
import { cleanup } from '@testing-library/react';
import { http } from 'msw';
import { setupServer, type SetupServer } from 'msw/node';
import { createServer } from 'node:net';
import { afterAll, afterEach, beforeEach } from 'vitest';
import { agentApiHandlers } from 'wiro-agent-react/testing/msw';
import {
  agentScenario,
  type AgentScenario,
  type AgentScenarioInput,
  type MockAgentBackend,
} from 'wiro-agent-react/testing';
import { startMockAgentServer, type MockAgentServer } from 'wiro-agent-react/testing/node';

/** Where the chat's REST client points; msw answers it. */
export const API_BASE = 'http://wiro.test/v1';
export const AGENT = 'agent-guid-0001';

/** One REST call the chat made. */
export interface ApiCall {
  endpoint: string;
  /** The JSON body, or the form fields of a multipart Send (files as `{ name, type, size }`). */
  body: Record<string, unknown>;
}

/** Start msw for a test file. Nothing is answered until {@link serveBackend}. */
export function startMsw(): SetupServer {
  const server = setupServer();
  // Sockets go to the real mock server on 127.0.0.1; only the fake API host is mocked.
  server.listen({ onUnhandledRequest: 'bypass' });
  return server;
}

/** Answer the REST API from `backend` (until the next `resetHandlers`), recording every call in `calls`. */
export function serveBackend(msw: SetupServer, backend: MockAgentBackend, calls: ApiCall[]): void {
  const recorder = http.post(`${API_BASE}/UserAgent/Message/:endpoint`, async ({ request, params }) => {
    calls.push({ endpoint: String(params.endpoint), body: await readBody(request.clone()) });
    // Returning nothing hands the request on to the next handler.
    return undefined;
  });
  msw.use(recorder, ...agentApiHandlers({ baseUrl: API_BASE, backend }));
}

async function readBody(request: Request): Promise<Record<string, unknown>> {
  if ((request.headers.get('content-type') ?? '').startsWith('multipart/form-data')) {
    const body: Record<string, unknown> = {};
    const files: { name: string; type: string; size: number }[] = [];
    for (const [name, value] of (await request.formData()).entries()) {
      if (typeof value === 'string') body[name] = value;
      else files.push({ name: value.name, type: value.type, size: value.size });
    }
    body.attachments = files;
    return body;
  }
  const text = await request.text();
  return text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
}

/** A TCP port nothing listens on (for "the socket cannot connect"). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** The mock agent's reply to a message: the scenario scripted for its text, or a short echo. */
export function scriptedReply(scripts: ReadonlyMap<string, AgentScenarioInput>): (text: string) => AgentScenario {
  return (text) =>
    agentScenario(scripts.get(text) ?? { text: `Echo: ${text}`, chunkChars: 4, intervalMs: 2, queueMs: 5 });
}

/**
 * The whole per-file set-up of a chat test: msw for the REST API, and for every test a fresh mock agent
 * server (handed to `use`) whose replies are `scripts`, with every REST call recorded in `calls`.
 * After each test the tree is unmounted first and `beforeClose` runs, so sockets closing with the
 * server update nothing still mounted. Returns msw, for tests that add handlers of their own.
 */
export function scriptedChatPerTest(
  scripts: Map<string, AgentScenarioInput>,
  calls: ApiCall[],
  use: (server: MockAgentServer) => void,
  beforeClose?: () => void,
): SetupServer {
  const msw = startMsw();
  let server: MockAgentServer | undefined;
  beforeEach(async () => {
    scripts.clear();
    calls.length = 0;
    server = await startMockAgentServer({ reply: scriptedReply(scripts) });
    serveBackend(msw, server.backend, calls);
    use(server);
  });
  afterEach(async () => {
    cleanup();
    msw.resetHandlers();
    beforeClose?.();
    await server?.close();
  });
  afterAll(() => msw.close());
  return msw;
}
