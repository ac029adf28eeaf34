// @vitest-environment node
/**
 * Server rendering: importing the kit and `renderToString` with a provider and every hook opens no socket
 * and reads nothing from `window` or `document`; the hooks render the idle state.
 *
 * Runs in Node (no DOM). `window` and `document` are installed as traps that record any property read,
 * so code that only guards with `typeof window` would still be caught reading from it; the kit is
 * imported after the traps, so module scope is checked too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentSocket, WebSocketConstructor } from 'wiro-agent-react/core';
import type * as ReactModule from 'react';
import type * as ReactDomServer from 'react-dom/server';
import type * as KitModule from 'wiro-agent-react';

type Kit = typeof KitModule;
type Server = typeof ReactDomServer;

const touched: string[] = [];
let kit: Kit;
let server: Server;
let React: typeof ReactModule;
let constructed = 0;

/** A WebSocket that only counts: it must never be constructed during server rendering. */
class NeverOpened {
  constructor() {
    constructed++;
    throw new Error('a socket was opened during server rendering');
  }
}

function trap(name: string): object {
  return new Proxy(
    {},
    {
      get(_target, key) {
        touched.push(`${name}.${String(key)}`);
        return undefined;
      },
      has(_target, key) {
        touched.push(`${name}.${String(key)} (in)`);
        return false;
      },
    },
  );
}

beforeAll(async () => {
  // React DOM Server is loaded before the traps: it is the renderer, not the code under test.
  server = await import('react-dom/server');
  React = await import('react');
  const g = globalThis as Record<string, unknown>;
  g.window = trap('window');
  g.document = trap('document');
  g.WebSocket = NeverOpened;
  kit = await import('wiro-agent-react');
});

afterAll(() => {
  const g = globalThis as Record<string, unknown>;
  delete g.window;
  delete g.document;
  delete g.WebSocket;
});

const TOKEN = 'ssr-token-000000000000000000000';

describe('server rendering', () => {
  it('importing the kit touches no window or document', () => {
    expect(typeof kit.AgentSocketProvider).toBe('function');
    expect(touched).toEqual([]);
  });

  it('renderToString with a provider and every hook: idle state, no socket, no window', () => {
    const { AgentSocketProvider, useAgentStream, useAgentConnection, useAgentSocket } = kit;
    const h = React.createElement;
    function Reply() {
      const stream = useAgentStream(TOKEN);
      const status = useAgentStream(TOKEN, (s) => s.status);
      const none = useAgentStream(null);
      const connection = useAgentConnection();
      const socket = useAgentSocket();
      return h(
        'p',
        {
          'data-status': stream.status,
          'data-selected': status,
          'data-none': none.status,
          'data-connection': connection.status,
        },
        `${stream.answer}|${typeof socket.subscribe}`,
      );
    }
    const html = server.renderToString(
      h(
        AgentSocketProvider,
        { url: 'ws://127.0.0.1:9/v1', options: { WebSocket: NeverOpened as unknown as WebSocketConstructor } },
        h(Reply),
      ),
    );
    expect(html).toBe(
      '<p data-status="idle" data-selected="idle" data-none="idle" data-connection="idle">|function</p>',
    );
    // The default constructor (globalThis.WebSocket) is not read either when no option is given.
    const plain = server.renderToString(h(AgentSocketProvider, null, h(Reply)));
    expect(plain).toContain('data-status="idle"');
    expect(constructed).toBe(0);
    expect(touched).toEqual([]);
  });

  it('a passed-in socket is never subscribed during server rendering', () => {
    const { AgentSocketProvider, useAgentStream, createAgentSocket } = kit;
    const h = React.createElement;
    const subscribed: string[] = [];
    const real = createAgentSocket({ WebSocket: NeverOpened as unknown as WebSocketConstructor });
    const socket: AgentSocket = {
      store: real.store,
      get connection() {
        return real.connection;
      },
      subscribe: (token) => {
        subscribed.push(token);
        return real.subscribe(token);
      },
      getStream: (token) => real.getStream(token),
      watchStream: (token, listener) => real.watchStream(token, listener),
      watchConnection: (listener) => real.watchConnection(listener),
      ingest: (event) => real.ingest(event),
      reconnectNow: () => real.reconnectNow(),
      close: () => real.close(),
    };
    function Reply() {
      return h('p', null, useAgentStream(TOKEN).status);
    }
    expect(server.renderToString(h(AgentSocketProvider, { socket }, h(Reply)))).toBe('<p>idle</p>');
    expect(subscribed).toEqual([]);
    expect(real.connection.status).toBe('idle');
    expect(constructed).toBe(0);
    expect(touched).toEqual([]);
  });

  it('without a provider: useAgentConnection and a null token are idle; a token names the missing provider', () => {
    const { useAgentStream, useAgentConnection } = kit;
    const h = React.createElement;
    function Idle() {
      return h('p', null, `${useAgentStream(undefined).status}/${useAgentConnection().status}`);
    }
    function Wired() {
      return h('p', null, useAgentStream(TOKEN).status);
    }
    expect(server.renderToString(h(Idle))).toBe('<p>idle/idle</p>');
    expect(() => server.renderToString(h(Wired))).toThrow(/no <AgentSocketProvider> above/);
    expect(touched).toEqual([]);
  });
});
