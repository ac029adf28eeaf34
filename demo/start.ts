/**
 * `npm start`: the demo chat, with no Wiro account needed.
 *
 * Starts, all on 127.0.0.1:
 * 1. the mock agent server (WebSocket + REST, `startMockAgentServer` from `wiro-agent-react/testing/node`),
 *    scripted by demo/replies.ts;
 * 2. the app's server-side proxy (`createAgentProxy` through the Node adapter, and `createTaskProxy` for
 *    the "Run a model" page's two models), which holds the API key and forwards to the mock's REST API;
 * 3. a Vite dev server for demo/index.html with `<AgentChat>` talking to the proxy and the socket.
 *
 * Against the real service instead (the mock is then not started):
 *   WIRO_API_KEY=… WIRO_API_SECRET=… WIRO_AGENT_GUID=… npm start
 * (`WIRO_SOCKET_URL` overrides the socket, default wss://socket.wiro.ai/v1; `WIRO_API_URL` the REST base the
 * proxy forwards to, default https://api.wiro.ai/v1). The key and secret stay in this Node process: the
 * page only learns the proxy's URL, the socket URL and the agent GUID.
 *
 * The end-to-end tests import {@link startDemo} and run this very demo.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath, pathToFileURL } from 'node:url';
import react from '@vitejs/plugin-react';
import { createServer as createViteServer, type Plugin } from 'vite';
import { createAgentProxy, createTaskProxy, toNodeHandler } from 'wiro-agent-react/server';
import { startMockAgentServer, type MockAgentServer } from 'wiro-agent-react/testing/node';
import type { DemoConfig } from './config';
import { DEMO_MODELS, demoRunModel } from './models';
import { demoReply } from './replies';
import { createSeeder, MAX_SEEDED_TURNS, type SeedRequest } from './seed';
import { packageAliases } from '../test/support/package-aliases';

/** The key the proxy holds in mock mode. Fake: the mock agent accepts only it, which proves the proxy sent it. */
export const DEMO_API_KEY = 'demo-key-held-by-the-proxy';
/** The agent GUID in mock mode. */
export const DEMO_AGENT_GUID = 'demo-agent';
/**
 * The namespace of the demo's one user: the proxy binds every call to it (`authorize` →
 * `{ sessionPrefix }`), so Send, History and DeleteSession take only keys starting with it, Sessions
 * lists only those, and Detail and Cancel answer only for their messages.
 */
export const DEMO_SESSION_PREFIX = 'demo-user:';
/** Where the proxy's endpoints live on its server. */
const PROXY_BASE_PATH = '/api/wiro';
const WIRO_SOCKET_URL = 'wss://socket.wiro.ai/v1';

/** Options of {@link startDemo}. */
export interface StartDemoOptions {
  /** Port of the app (Vite). Default 5173; the next free one if taken; 0 for any free port. */
  port?: number;
  /** Environment to read the `WIRO_*` settings from. Default `process.env`. */
  env?: Record<string, string | undefined>;
  /** Vite's log level. Default `'info'`. */
  logLevel?: 'info' | 'warn' | 'error' | 'silent';
}

/** A running demo. */
export interface RunningDemo {
  mode: DemoConfig['mode'];
  /** The app's URL (`http://127.0.0.1:5173/`). */
  url: string;
  /** The proxy's base URL, as the page uses it. */
  apiBaseUrl: string;
  /** The agent socket the page connects to. */
  socketUrl: string;
  /** The agent GUID the proxy serves. */
  useragentguid: string;
  /** The demo user's session namespace: the key of `?session=name` is this + `name`. */
  sessionPrefix: string;
  /** The mock agent server (mock mode), for tests: its backend, `connectionCount()`, `dropAllConnections()`. */
  mock: MockAgentServer | null;
  /** Stop all servers. */
  close(): Promise<void>;
}

/** Start the mock agent (unless `WIRO_API_KEY` is set), the proxy and the app. */
export async function startDemo(options: StartDemoOptions = {}): Promise<RunningDemo> {
  const env = options.env ?? process.env;
  const liveKey = env.WIRO_API_KEY?.trim() || undefined;
  const closers: (() => Promise<void>)[] = [];
  const close = async (): Promise<void> => {
    for (const closeOne of closers.reverse()) await closeOne().catch(() => undefined);
  };

  try {
    let mock: MockAgentServer | null = null;
    let upstream: string | undefined;
    let useragentguid = DEMO_AGENT_GUID;
    let socketUrl: string;
    if (liveKey === undefined) {
      mock = await startMockAgentServer({
        reply: (text, context) => demoReply(text, context),
        runModel: demoRunModel,
        apiKey: DEMO_API_KEY,
      });
      const started = mock;
      closers.push(() => started.close());
      seedExampleConversations(mock, useragentguid);
      upstream = mock.httpUrl;
      socketUrl = mock.url;
    } else {
      const guid = env.WIRO_AGENT_GUID?.trim();
      if (!guid) throw new Error('WIRO_AGENT_GUID is required with WIRO_API_KEY (the agent instance to chat with).');
      useragentguid = guid;
      socketUrl = env.WIRO_SOCKET_URL?.trim() || WIRO_SOCKET_URL;
      upstream = env.WIRO_API_URL?.trim() || undefined;
    }

    // The browser is on another port of this machine: allow exactly the app's origins, once known.
    const appOrigins = new Set<string>();
    const proxy = createAgentProxy({
      apiKey: liveKey ?? DEMO_API_KEY,
      apiSecret: liveKey === undefined ? undefined : env.WIRO_API_SECRET?.trim() || undefined,
      useragentguid,
      ...(upstream === undefined ? {} : { upstream }),
      basePath: `${PROXY_BASE_PATH}/UserAgent/Message`,
      cors: { origin: (origin) => appOrigins.has(origin) },
      // The conversations sidebar deletes conversations: DeleteSession is opt-in.
      allow: ['Send', 'Detail', 'History', 'Sessions', 'Cancel', 'DeleteSession'],
      // Your app would look the user up from its own session cookie here; the demo has one user.
      authorize: () => ({ sessionPrefix: DEMO_SESSION_PREFIX }),
    });
    // Model runs (the "Run a model" page) go through a sibling handler, for the page's two models only.
    const models = mock ? { ...DEMO_MODELS } : liveModels(env);
    const taskProxy = createTaskProxy({
      apiKey: liveKey ?? DEMO_API_KEY,
      apiSecret: liveKey === undefined ? undefined : env.WIRO_API_SECRET?.trim() || undefined,
      models: models === null ? [] : [models.image, models.llm],
      ...(upstream === undefined ? {} : { upstream }),
      basePath: PROXY_BASE_PATH,
      cors: { origin: (origin) => appOrigins.has(origin) },
    });
    const handleAgent = toNodeHandler(proxy);
    const handleTasks = toNodeHandler(taskProxy);
    const isTaskPath = (url = ''): boolean =>
      url.startsWith(`${PROXY_BASE_PATH}/Run/`) || url.startsWith(`${PROXY_BASE_PATH}/Task/`);
    const proxyServer = createServer((req, res) =>
      isTaskPath(req.url) ? handleTasks(req, res) : handleAgent(req, res),
    );
    await listen(proxyServer, 0);
    closers.push(() => closeServer(proxyServer));
    const apiBaseUrl = `http://127.0.0.1:${(proxyServer.address() as AddressInfo).port}${PROXY_BASE_PATH}`;

    const config: DemoConfig = {
      mode: mock ? 'mock' : 'live',
      apiBaseUrl,
      socketUrl,
      useragentguid,
      sessionPrefix: DEMO_SESSION_PREFIX,
      models,
    };
    const root = fileURLToPath(new URL('.', import.meta.url));
    const vite = await createViteServer({
      configFile: false,
      root,
      plugins: [react(), ...(mock ? [seedEndpoint(mock, useragentguid)] : [])],
      // The page imports the kit by its package name, served from the sources.
      resolve: { alias: packageAliases },
      // The page's whole configuration: URLs and the agent GUID. No secret goes through here.
      define: { __WIRO_DEMO__: JSON.stringify(config) },
      // Expose no environment variables to the page (Vite's default would expose VITE_*).
      envPrefix: 'WIRO_DEMO_PUBLIC_',
      cacheDir: fileURLToPath(new URL('../node_modules/.cache/vite-demo', import.meta.url)),
      logLevel: options.logLevel ?? 'info',
      clearScreen: false,
      server: {
        host: '127.0.0.1',
        port: options.port ?? 5173,
        strictPort: false,
        warmup: { clientFiles: ['./main.tsx'] },
      },
      // Pre-bundle every dependency up front, so the first visit never triggers a reload.
      optimizeDeps: {
        entries: ['index.html'],
        include: [
          'react',
          'react/jsx-runtime',
          'react/jsx-dev-runtime',
          'react-dom/client',
          'zustand/vanilla',
          'react-markdown',
          'remark-gfm',
        ],
      },
    });
    closers.push(() => vite.close());
    await vite.listen();
    const url = vite.resolvedUrls?.local[0] ?? `http://127.0.0.1:${options.port ?? 5173}/`;
    const { port } = new URL(url);
    appOrigins.add(`http://127.0.0.1:${port}`);
    appOrigins.add(`http://localhost:${port}`);

    return {
      mode: config.mode,
      url,
      apiBaseUrl,
      socketUrl,
      useragentguid,
      sessionPrefix: DEMO_SESSION_PREFIX,
      mock,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Where the page asks the mock agent for a long conversation (`?turns=N`). Mock mode only. */
export const SEED_PATH = '/__demo/seed';

/**
 * `POST /__demo/seed` with `{ sessionkey, turns }`: the mock agent stores that many finished turns in
 * the demo user's session of that name (a dev-server route of the demo; the app itself talks to the
 * proxy, never to the mock).
 */
function seedEndpoint(mock: MockAgentServer, useragentguid: string): Plugin {
  const seed = createSeeder(mock);
  return {
    name: 'wiro-demo-seed',
    configureServer(server) {
      server.middlewares.use(SEED_PATH, (req, res) => {
        let body = '';
        req.setEncoding('utf8');
        req.on('data', (chunk: string) => {
          body += chunk;
        });
        req.on('end', () => {
          const request = parseSeedRequest(body, useragentguid);
          if (req.method !== 'POST' || request === null) {
            res.writeHead(400, { 'content-type': 'application/json' }).end('{"error":"POST { sessionkey, turns }"}');
            return;
          }
          seed(request).then(
            (turns) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ turns })),
            (error: unknown) =>
              res
                .writeHead(500, { 'content-type': 'application/json' })
                .end(JSON.stringify({ error: error instanceof Error ? error.message : 'seeding failed' })),
          );
        });
      });
    },
  };
}

function parseSeedRequest(body: string, useragentguid: string): SeedRequest | null {
  try {
    const parsed = JSON.parse(body) as { sessionkey?: unknown; turns?: unknown };
    const { sessionkey, turns } = parsed;
    if (typeof sessionkey !== 'string' || sessionkey === '' || typeof turns !== 'number' || !(turns >= 0)) return null;
    return { useragentguid, sessionkey: DEMO_SESSION_PREFIX + sessionkey, turns: Math.min(turns, MAX_SEEDED_TURNS) };
  } catch {
    return null;
  }
}

/** Two earlier conversations of the demo user, so the sidebar has something to show on the first visit. */
function seedExampleConversations(mock: MockAgentServer, useragentguid: string): void {
  const examples: [string, string, string][] = [
    ['lisbon-trip', 'Plan a 3-day trip to Lisbon', 'Day 1: Alfama and the castle. Day 2: Belém. Day 3: Sintra.'],
    ['sql-join', 'Explain this SQL join', 'An inner join keeps the rows that match in both tables.'],
  ];
  for (const [name, content, text] of examples) {
    mock.createMessage(
      { text, queueMs: 0, intervalMs: 0, chunkChars: 10_000 },
      { useragentguid, sessionkey: DEMO_SESSION_PREFIX + name, content },
    );
  }
}

/** The models to run against the real service (`WIRO_DEMO_IMAGE_MODEL`, `WIRO_DEMO_LLM_MODEL`), or `null`. */
function liveModels(env: Record<string, string | undefined>): DemoConfig['models'] {
  const image = env.WIRO_DEMO_IMAGE_MODEL?.trim();
  const llm = env.WIRO_DEMO_LLM_MODEL?.trim();
  return image && llm ? { image, llm } : null;
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

async function main(): Promise<void> {
  const demo = await startDemo();
  const lines = [
    '',
    `  wiro-agent-react demo — ${demo.mode === 'mock' ? 'mock agent (no account needed)' : 'live Wiro agent'}`,
    '',
    `  App:     ${demo.url}`,
    `  20 chats on one socket: ${demo.url}?streams=20`,
    `  A 10,000-turn thread:   ${demo.url}?turns=10000`,
    `  Run a model (same socket): ${demo.url}?run`,
    `  Proxy:   ${demo.apiBaseUrl}  (holds the API key; the page never sees it)`,
    `  Socket:  ${demo.socketUrl}`,
    '',
    demo.mode === 'mock'
      ? '  Real service: WIRO_API_KEY=… WIRO_API_SECRET=… WIRO_AGENT_GUID=… npm start'
      : '  Unset WIRO_API_KEY to use the mock agent.',
    '  Ctrl+C to stop.',
    '',
  ];
  console.info(lines.join('\n'));
  const stop = (): void => {
    void demo.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(`demo: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
