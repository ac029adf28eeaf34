import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { StrictMode, type ReactElement } from 'react';
import type { Components, ExtraProps } from 'react-markdown';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { StoreApi } from 'zustand/vanilla';
import { AgentMessage } from 'wiro-agent-react';
import {
  type AgentSocket,
  splitThinking,
  type AgentMetrics,
  type AgentProgress,
  createStream,
  reduceStream,
  type AgentStoreState,
  type AgentStream,
  type ConnectionState,
  type StreamEvent,
} from 'wiro-agent-react/core';
import { AgentSocketContext } from '../../src/react/context';
import { createAgentStore } from '../../src/store/store';

const TOKEN = 'tok_0123456789abcdef';
const NO_METRICS: AgentMetrics = { speed: null, speedType: null, elapsedMs: null, tokenCount: null, wordCount: null };

/** A progress object as the decoder hands it on, from raw model output. */
function progress(raw: string, metrics: Partial<AgentMetrics> = {}): AgentProgress {
  const split = splitThinking(raw);
  return { raw, ...split, metrics: { ...NO_METRICS, ...metrics } };
}

const ev = {
  subscribing: (): StreamEvent => ({ type: 'local_subscribing', agenttoken: TOKEN }),
  queued: (): StreamEvent => ({
    type: 'agent_subscribed',
    agenttoken: TOKEN,
    result: true,
    status: 'agent_queue',
    debugoutput: '',
  }),
  unknown: (): StreamEvent => ({
    type: 'agent_subscribed',
    agenttoken: TOKEN,
    result: true,
    status: 'unknown',
    debugoutput: undefined,
  }),
  start: (): StreamEvent => ({ type: 'agent_start', agenttoken: TOKEN, result: true }),
  output: (raw: string, metrics?: Partial<AgentMetrics>): StreamEvent => ({
    type: 'agent_output',
    agenttoken: TOKEN,
    result: true,
    message: progress(raw, metrics),
  }),
  end: (raw: string, metrics?: Partial<AgentMetrics>): StreamEvent => ({
    type: 'agent_end',
    agenttoken: TOKEN,
    result: true,
    message: progress(raw, metrics),
  }),
  errorText: (message: string): StreamEvent => ({ type: 'agent_error', agenttoken: TOKEN, result: false, message }),
  errorResponse: (raw: string): StreamEvent => ({
    type: 'agent_error',
    agenttoken: TOKEN,
    result: false,
    message: progress(raw),
  }),
  cancel: (): StreamEvent => ({ type: 'agent_cancel', agenttoken: TOKEN, result: false, message: 'AbortError' }),
  connectionFailed: (): StreamEvent => ({ type: 'local_connection_failed', agenttoken: TOKEN, message: 'gave up' }),
};

/** A stream after these events, through the kit's own reducer. */
function streamOf(...events: StreamEvent[]): AgentStream {
  return events.reduce((s, e) => reduceStream(s, e, 1), createStream(TOKEN));
}

function root(container: HTMLElement): HTMLElement {
  const el = container.firstElementChild;
  if (!(el instanceof HTMLElement)) throw new Error('no root');
  return el;
}

/** Texts of the polite status regions that say something (copy buttons keep an empty one ready). */
function statuses(): string[] {
  return screen
    .queryAllByRole('status')
    .map((el) => el.textContent ?? '')
    .filter((text) => text !== '');
}

function liveRegion(container: HTMLElement): HTMLElement {
  const el = container.querySelector('[aria-live="polite"]');
  if (!(el instanceof HTMLElement)) throw new Error('no live region');
  return el;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('AgentMessage states', () => {
  it('idle: renders an empty region without a token', () => {
    const { container } = render(<AgentMessage agenttoken={null} />);
    expect(root(container).dataset.status).toBe('idle');
    expect(liveRegion(container).textContent).toBe('');
    expect(statuses()).toEqual([]);
  });

  it.each([
    ['subscribing', [ev.subscribing()]],
    ['queued', [ev.subscribing(), ev.queued()]],
    ['started, nothing written', [ev.subscribing(), ev.queued(), ev.start()]],
  ])('%s: a subtle placeholder announced as waiting', (_name, events) => {
    const { container } = render(<AgentMessage stream={streamOf(...events)} />);
    expect(root(container).dataset.status).toBe('waiting');
    expect(screen.getByRole('status').textContent).toBe('Waiting for the agent');
    expect(liveRegion(container).getAttribute('aria-busy')).toBe('true');
  });

  it('thinking: a collapsed thinking block with a live title', () => {
    const { container } = render(<AgentMessage stream={streamOf(ev.subscribing(), ev.output('<think>Let me see'))} />);
    expect(root(container).dataset.status).toBe('thinking');
    const toggle = screen.getByRole('button', { name: /Thinking…/ });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(liveRegion(container).getAttribute('aria-busy')).toBe('true');
  });

  it('thinking before any thinking text: the block shows already', () => {
    render(<AgentMessage stream={streamOf(ev.subscribing(), ev.output('<think>'))} />);
    expect(screen.queryByRole('button', { name: /Thinking…/ })).not.toBeNull();
  });

  it('streaming: markdown answer, busy region, caret', () => {
    const { container } = render(
      <AgentMessage stream={streamOf(ev.subscribing(), ev.output('# Plan\n\nFirst **bold** step'))} />,
    );
    expect(root(container).dataset.status).toBe('streaming');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Plan');
    expect(container.querySelector('strong')?.textContent).toBe('bold');
    const region = liveRegion(container);
    expect(region.getAttribute('aria-busy')).toBe('true');
    expect(region.querySelector('[data-wiro-caret][aria-hidden="true"]')).not.toBeNull();
    expect(screen.queryByRole('button', { name: 'Copy answer' })).toBeNull();
  });

  it('done: not busy, no caret, the answer can be copied', () => {
    const { container } = render(<AgentMessage stream={streamOf(ev.subscribing(), ev.end('All **done**.'))} />);
    expect(root(container).dataset.status).toBe('done');
    const region = liveRegion(container);
    expect(region.getAttribute('aria-busy')).toBe('false');
    expect(region.textContent).toBe('All done.');
    expect(container.querySelector('[data-wiro-caret]')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Copy answer' })).not.toBeNull();
  });

  it('agent_error with a message: the message in an alert, the partial text kept', () => {
    const stream = streamOf(
      ev.subscribing(),
      ev.output('Partial **answ'),
      ev.errorText('Agent is temporarily unavailable.'),
    );
    const { container } = render(<AgentMessage stream={stream} />);
    expect(root(container).dataset.status).toBe('error');
    expect(screen.getByRole('alert').textContent).toBe('Agent is temporarily unavailable.');
    expect(liveRegion(container).textContent).toBe('Partial answ');
  });

  it('agent_error with a progress object: the response shown, marked as failed', () => {
    const { container } = render(<AgentMessage stream={streamOf(ev.subscribing(), ev.errorResponse('...'))} />);
    expect(root(container).dataset.status).toBe('failed');
    expect(liveRegion(container).textContent).toBe('...');
    expect(screen.getByRole('alert').textContent).toBe('The agent could not produce an answer.');
  });

  it('cancelled: partial text kept and marked', () => {
    const { container } = render(
      <AgentMessage stream={streamOf(ev.subscribing(), ev.output('Half of the ans'), ev.cancel())} />,
    );
    expect(root(container).dataset.status).toBe('cancelled');
    expect(liveRegion(container).textContent).toBe('Half of the ans');
    expect(statuses()).toEqual(['Cancelled']);
    expect(liveRegion(container).getAttribute('aria-busy')).toBe('false');
  });

  it('unknown token: a clear message', () => {
    const { container } = render(<AgentMessage stream={streamOf(ev.subscribing(), ev.unknown())} />);
    expect(root(container).dataset.status).toBe('unknown-token');
    expect(screen.getByRole('alert').textContent).toMatch(/could not be found/);
  });

  it('connection failed: an alert, the text kept', () => {
    const { container } = render(
      <AgentMessage stream={streamOf(ev.subscribing(), ev.output('So far so'), ev.connectionFailed())} />,
    );
    expect(root(container).dataset.status).toBe('connection-failed');
    expect(screen.getByRole('alert').textContent).toMatch(/Could not reach the agent/);
    expect(liveRegion(container).textContent).toBe('So far so');
  });

  it('reconnecting: a small note while the stream is live, text kept', () => {
    const socket = fakeSocket();
    socket.setConnection({ status: 'reconnecting', attempt: 1, lastError: 'closed', nextRetryAt: 5 });
    const stream = streamOf(ev.subscribing(), ev.output('Kept text'));
    const { container } = render(
      <AgentSocketContext.Provider value={socket}>
        <AgentMessage stream={stream} />
      </AgentSocketContext.Provider>,
    );
    expect(root(container).dataset.reconnecting).toBe('true');
    expect(statuses()).toEqual(['Reconnecting…']);
    expect(liveRegion(container).textContent).toBe('Kept text');
  });

  it('renders thinking and answer segments in reply order', () => {
    const stream = streamOf(ev.subscribing(), ev.end('<think>plan A</think>Answer A<think>plan B</think>Answer B'));
    const { container } = render(<AgentMessage stream={stream} />);
    const order = [...liveRegion(container).children].map((el) =>
      el.classList.contains('wiro-thinking')
        ? `T:${el.querySelector('.wiro-thinking-content')?.textContent}`
        : `A:${el.textContent}`,
    );
    expect(order).toEqual(['T:plan A', 'A:Answer A', 'T:plan B', 'A:Answer B']);
  });

  it('showThinking={false} hides thinking and announces thinking as waiting', () => {
    render(<AgentMessage stream={streamOf(ev.subscribing(), ev.output('<think>secret plan'))} showThinking={false} />);
    expect(screen.queryByText('secret plan')).toBeNull();
    expect(screen.getByRole('status').textContent).toBe('Thinking…');
  });

  it('showMetrics shows the stream figures', () => {
    const stream = streamOf(
      ev.subscribing(),
      ev.end('Hi', { speed: 14.2, speedType: 'words/s', tokenCount: 156, wordCount: 118, elapsedMs: 8100 }),
    );
    const { container } = render(<AgentMessage stream={stream} showMetrics />);
    expect(container.querySelector('[data-metric="speed"] dd')?.textContent).toBe('14.2 words/s');
  });

  it('caret={false} shows no caret', () => {
    const { container } = render(<AgentMessage stream={streamOf(ev.subscribing(), ev.output('Text'))} caret={false} />);
    expect(container.querySelector('[data-wiro-caret]')).toBeNull();
  });

  it('translates labels', () => {
    render(<AgentMessage stream={streamOf(ev.subscribing())} labels={{ waiting: 'Ajan bekleniyor' }} />);
    expect(screen.getByRole('status').textContent).toBe('Ajan bekleniyor');
  });
});

describe('AgentMessage slots', () => {
  it('adds className and, when unstyled, no kit classes at all', () => {
    const stream = streamOf(
      ev.subscribing(),
      ev.end('<think>hmm</think>Text\n\n```js\nx()\n```\n\n| a |\n|---|\n| 1 |', { speed: 1, wordCount: 1 }),
    );
    const { container } = render(<AgentMessage stream={stream} unstyled className="mine" showMetrics />);
    expect(root(container).className).toBe('mine');
    const kitClassed = [...container.querySelectorAll('*')].filter((el) =>
      [...el.classList].some((c) => c.startsWith('wiro-')),
    );
    expect(kitClassed).toEqual([]);
    // Still works: thinking toggle, code block, copy buttons.
    expect(screen.queryByRole('button', { name: /Thought|Thoughts/ })).not.toBeNull();
    expect(screen.queryByRole('button', { name: 'Copy code' })).not.toBeNull();
  });

  it('styled: the root carries the kit class and the user class', () => {
    const { container } = render(<AgentMessage stream={streamOf(ev.subscribing())} className="mine" />);
    expect(root(container).className).toBe('wiro-message mine');
  });

  it('merges user components over the kit ones (own code renderer, kit links stay safe)', () => {
    function Code({ node: _node, className, children }: React.ComponentProps<'code'> & ExtraProps): ReactElement {
      return (
        <code className={className} data-custom="1">
          {children}
        </code>
      );
    }
    const components: Components = { code: Code };
    const stream = streamOf(ev.subscribing(), ev.end('```ts\nlet a\n```\n\n[x](https://example.com)'));
    const { container } = render(<AgentMessage stream={stream} components={components} />);
    expect(container.querySelector('code[data-custom="1"]')?.textContent).toBe('let a\n');
    expect(container.querySelector('a')?.getAttribute('rel')).toBe('noopener noreferrer');
    // The kit's code block frame (with its copy button) wraps the user's code.
    expect(screen.queryByRole('button', { name: 'Copy code' })).not.toBeNull();
  });

  it('memoization through AgentMessage: finished blocks render once over 50 stream updates', () => {
    const counts = new Map<string, number>();
    function P({ node: _node, children }: React.ComponentProps<'p'> & ExtraProps): ReactElement {
      const key =
        typeof children === 'string'
          ? (children.split(' ')[0] ?? '')
          : Array.isArray(children)
            ? (String(children[0]).split(' ')[0] ?? '')
            : '';
      counts.set(key, (counts.get(key) ?? 0) + 1);
      return <p>{children}</p>;
    }
    const components: Components = { p: P };
    let raw = '<think>first I plan</think>Alpha paragraph.\n\nBravo paragraph.\n\nCharlie';
    let stream = streamOf(ev.subscribing(), ev.output(raw));
    const { rerender } = render(<AgentMessage stream={stream} components={components} />);
    for (let i = 0; i < 50; i++) {
      raw += ` w${i}`;
      stream = reduceStream(stream, ev.output(raw), 1);
      rerender(<AgentMessage stream={stream} components={components} />);
    }
    expect(counts.get('Alpha')).toBe(1);
    expect(counts.get('Bravo')).toBe(1);
    expect(counts.get('Charlie')).toBe(51);
  });
});

describe('AgentMessage copy', () => {
  it('copies a code block and the whole answer, announcing "Copied" politely', async () => {
    const user = userEvent.setup();
    const onCopy = vi.fn();
    const answer = 'Run this:\n\n```sh\nnpm test\n```';
    render(<AgentMessage stream={streamOf(ev.subscribing(), ev.end(answer))} onCopy={onCopy} />);

    await user.click(screen.getByRole('button', { name: 'Copy code' }));
    expect(await navigator.clipboard.readText()).toBe('npm test');
    await waitFor(() => expect(statuses()).toContain('Copied'));
    expect(onCopy).toHaveBeenLastCalledWith('npm test', 'code');

    await user.click(screen.getByRole('button', { name: 'Copy answer' }));
    expect(await navigator.clipboard.readText()).toBe(answer);
    expect(onCopy).toHaveBeenLastCalledWith(answer, 'answer');
  });

  it('is keyboard operable', async () => {
    const user = userEvent.setup();
    render(<AgentMessage stream={streamOf(ev.subscribing(), ev.end('```\ncode\n```'))} />);
    await user.tab();
    expect(document.activeElement?.textContent).toBe('Copy code');
    await user.keyboard('{Enter}');
    expect(await navigator.clipboard.readText()).toBe('code');
  });

  it('returns to its label after two seconds', async () => {
    vi.useFakeTimers();
    const writeText = vi.fn(() => Promise.resolve());
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    render(<AgentMessage stream={streamOf(ev.subscribing(), ev.end('```\ncode\n```'))} />);
    const button = screen.getByRole('button', { name: 'Copy code' });
    await act(async () => {
      fireEvent.click(button);
    });
    expect(writeText).toHaveBeenCalledWith('code');
    expect(button.textContent).toBe('Copied');
    act(() => {
      vi.advanceTimersByTime(2000);
    });
    expect(button.textContent).toBe('Copy code');
  });

  it('announces a failed copy when no clipboard is available', async () => {
    Object.defineProperty(navigator, 'clipboard', { value: undefined, configurable: true });
    render(<AgentMessage stream={streamOf(ev.subscribing(), ev.end('```\ncode\n```'))} />);
    fireEvent.click(screen.getByRole('button', { name: 'Copy code' }));
    await waitFor(() => expect(statuses()).toEqual(['Copy failed']));
  });
});

describe('AgentMessage with an agenttoken', () => {
  it('follows the token through the provider socket and updates as frames arrive', () => {
    const socket = fakeSocket();
    const { container } = render(
      <AgentSocketContext.Provider value={socket}>
        <AgentMessage agenttoken={TOKEN} />
      </AgentSocketContext.Provider>,
    );
    expect(socket.subscribed).toEqual([TOKEN]);
    expect(root(container).dataset.status).toBe('waiting');

    act(() => socket.ingest(ev.output('Hello **wor')));
    expect(root(container).dataset.status).toBe('streaming');
    expect(container.querySelector('strong')?.textContent).toBe('wor');

    act(() => socket.ingest(ev.end('Hello **world**')));
    expect(root(container).dataset.status).toBe('done');
    expect(liveRegion(container).textContent).toBe('Hello world');
  });

  it('releases the subscription on unmount', () => {
    const socket = fakeSocket();
    const { unmount } = render(
      <AgentSocketContext.Provider value={socket}>
        <AgentMessage agenttoken={TOKEN} />
      </AgentSocketContext.Provider>,
    );
    unmount();
    expect(socket.released).toEqual([TOKEN]);
  });

  it('works under StrictMode: one live subscription, text rendered once', () => {
    const socket = fakeSocket();
    const { container } = render(
      <StrictMode>
        <AgentSocketContext.Provider value={socket}>
          <AgentMessage agenttoken={TOKEN} />
        </AgentSocketContext.Provider>
      </StrictMode>,
    );
    expect(socket.subscribed.length - socket.released.length).toBe(1);
    act(() => socket.ingest(ev.output('<think>hm</think>Para one.\n\nPara **two')));
    act(() => socket.ingest(ev.output('<think>hm</think>Para one.\n\nPara **two** done')));
    expect([...container.querySelectorAll('.wiro-md p')].map((p) => p.textContent)).toEqual([
      'Para one.',
      'Para two done',
    ]);
    expect(container.querySelectorAll('[data-wiro-caret]')).toHaveLength(1);
  });

  it('a given stream wins over the token (nothing is subscribed)', () => {
    const socket = fakeSocket();
    render(
      <AgentSocketContext.Provider value={socket}>
        <AgentMessage agenttoken={TOKEN} stream={streamOf(ev.subscribing(), ev.end('From prop'))} />
      </AgentSocketContext.Provider>,
    );
    expect(socket.subscribed).toEqual([]);
    expect(screen.queryByText('From prop')).not.toBeNull();
  });
});

/**
 * A stand-in for the provider's socket: the real store and reducer, no network. `ingest` plays the
 * frames a server would send.
 */
function fakeSocket(): AgentSocket & {
  subscribed: string[];
  released: string[];
  setConnection(connection: ConnectionState): void;
} {
  const store: StoreApi<AgentStoreState> = createAgentStore();
  const subscribed: string[] = [];
  const released: string[] = [];
  const getStream = (token: string): AgentStream => store.getState().streams[token] ?? createStream(token);
  const ingest = (event: StreamEvent): void => {
    const current = getStream(event.agenttoken);
    const next = reduceStream(current, event);
    if (next !== current) store.setState((s) => ({ streams: { ...s.streams, [event.agenttoken]: next } }));
  };
  return {
    subscribed,
    released,
    setConnection: (connection) => store.setState({ connection }),
    store,
    get connection(): ConnectionState {
      return store.getState().connection;
    },
    subscribe(token: string) {
      subscribed.push(token);
      ingest({ type: 'local_subscribing', agenttoken: token });
      return () => released.push(token);
    },
    getStream,
    watchStream: (token: string, listener: (stream: AgentStream) => void) =>
      store.subscribe((s, p) => {
        if (s.streams[token] !== p.streams[token]) listener(getStream(token));
      }),
    watchConnection: (listener: (connection: ConnectionState) => void) =>
      store.subscribe((s, p) => {
        if (s.connection !== p.connection) listener(s.connection);
      }),
    ingest,
    reconnectNow() {},
    close() {},
  };
}
