/**
 * Browser page for the React benchmark: N streams updating at F frames per second each, rendered
 * through one of three set-ups that read the same pre-built frames from the same in-page fake server:
 *
 * - `kit`: one `<AgentSocketProvider>` (one socket, one store, frame-aligned commits), one
 *   `useAgentStream(token, s => s.answer)` per component;
 * - `naive`: the hook people write first: one WebSocket and one `useState` per component, `setState`
 *   on every message;
 * - `harness`: the same fake server and delivery timers feeding sockets whose `onmessage` does nothing,
 *   so the table can show what the load generator itself costs.
 *
 * Commits are counted through React's DevTools hook (`onCommitFiberRoot`, called once per root commit
 * even in production builds), so no profiling build or `<Profiler>` overhead distorts the figures.
 * `performance.mark('bench-start' | 'bench-end')` bracket the measured window for a trace.
 */
// First import: the hook must exist before react-dom evaluates (modules run in import order).
import { rootCommits } from './devtools-hook';
import { useEffect, useState, useSyncExternalStore } from 'react';
import { createRoot } from 'react-dom/client';
import type { WebSocketLike } from 'wiro-agent-react/core';
import { AgentSocketProvider, useAgentStream } from 'wiro-agent-react';
import { createLegacyAgentSocket, type LegacyAgentSocket } from '../engine-legacy-socket';

/**
 * Which set-up a page load measures. `kit-before` is the kit's binding as it was before issue 12 (one
 * store listener per mounted consumer, woken by every frame of every stream, over the old socket), kept
 * so the idle-consumer comparison prints today's figure beside the new one. `react-floor` mounts the
 * streaming consumers beside plain components with no hook: what React itself pays for that many
 * mounted siblings, the floor no store can go under.
 */
export type ReactBenchMode = 'kit' | 'naive' | 'harness' | 'kit-before' | 'react-floor';

/** What the page reports through `window.__collect()`. */
export interface ReactPageResult {
  mode: ReactBenchMode;
  /** Root commits inside the window. */
  commits: number;
  /** Frames handed to sockets inside the window (all streams). */
  delivered: number;
  /** Window length, seconds (`performance.now()` from start to the last delivery). */
  elapsedS: number;
  /** Every stream shows exactly its last frame's text (always `true` for `harness`, which renders nothing). */
  exact: boolean;
}

const params = new URLSearchParams(location.search);
const MODES: readonly ReactBenchMode[] = ['kit', 'naive', 'harness', 'kit-before', 'react-floor'];
const MODE: ReactBenchMode = MODES.find((m) => m === params.get('mode')) ?? 'kit';
const STREAMS = Number(params.get('streams') ?? 100);
/** Mounted consumers; the first STREAMS of them stream, the others follow replies that stay queued. */
const MOUNTED = Math.max(STREAMS, Number(params.get('mounted') ?? STREAMS));
const FPS = Number(params.get('fps') ?? 20);
const SECONDS = Number(params.get('seconds') ?? 5);

const WORDS = 'the quick brown fox jumps over a lazy dog while streaming markdown **bold** `code` text'.split(' ');
const mountedTokens = Array.from(
  { length: MOUNTED },
  (_, i) => `bench-token-${String(i).padStart(5, '0')}-xxxxxxxxxxxx`,
);
const tokens = mountedTokens.slice(0, STREAMS);
const framesPerStream = FPS * SECONDS + 1;
const finalTexts: string[] = [];
// Pre-built wire frames (each carries the full text so far, as the server sends them): building them is
// not part of what either hook pays for.
const frames = tokens.map((agenttoken, s) => {
  let text = '';
  const list = Array.from({ length: framesPerStream }, (_, i) => {
    text += (i ? ' ' : '') + WORDS[(i + s) % WORDS.length];
    return JSON.stringify({
      type: 'agent_output',
      agenttoken,
      message: {
        type: 'progressGenerate',
        raw: text,
        thinking: [],
        answer: [text],
        isThinking: false,
        speed: '20',
        wordCount: i + 1,
      },
      result: true,
    });
  });
  finalTexts.push(text);
  return list;
});

/** In-page server: delivers each token's frames to every fake socket that subscribed to it. */
const subscribers = new Map<string, Set<FakeSocket>>();
class FakeSocket implements WebSocketLike {
  readyState = 0;
  onopen: WebSocketLike['onopen'] = null;
  onclose: WebSocketLike['onclose'] = null;
  onerror: WebSocketLike['onerror'] = null;
  onmessage: WebSocketLike['onmessage'] = null;
  constructor(_url: string) {
    setTimeout(() => {
      this.readyState = 1;
      this.onopen?.({});
      this.onmessage?.({ data: JSON.stringify({ type: 'connected', version: '1.0' }) });
    }, 0);
  }
  send(data: string): void {
    const msg = JSON.parse(data) as { agenttoken: string };
    let set = subscribers.get(msg.agenttoken);
    if (!set) subscribers.set(msg.agenttoken, (set = new Set()));
    set.add(this);
    this.onmessage?.({
      data: JSON.stringify({
        type: 'agent_subscribed',
        agenttoken: msg.agenttoken,
        status: 'agent_start',
        debugoutput: '',
        result: true,
      }),
    });
  }
  close(): void {
    this.readyState = 3;
    for (const set of subscribers.values()) set.delete(this);
  }
}

let delivered = 0;
function deliver(stream: number, index: number): void {
  const data = frames[stream]?.[index];
  const set = subscribers.get(tokens[stream] as string);
  if (!data || !set) return;
  delivered++;
  for (const socket of set) socket.onmessage?.({ data });
}

function KitStream({ token }: { token: string }) {
  const answer = useAgentStream(token, (s) => s.answer);
  return <p>{answer}</p>;
}

/** A mounted component with the DOM of an idle consumer and no hook (`react-floor`). */
function PlainIdle() {
  return <p>{''}</p>;
}

/** The pre-issue-12 socket, shared by every `kit-before` consumer (created only in that mode). */
const legacySocket =
  MODE === 'kit-before' ? createLegacyAgentSocket({ WebSocket: FakeSocket, idleTimeoutMs: 60_000 }) : null;

/** The old `useAgentStream(token, s => s.answer)`: a whole-store listener per consumer. */
function BeforeStream({ token }: { token: string }) {
  const socket = legacySocket as LegacyAgentSocket;
  useEffect(() => socket.subscribe(token), [socket, token]);
  const answer = useSyncExternalStore(
    (listener) => socket.store.subscribe(listener),
    () => (socket.store.getState().streams[token] ?? socket.getStream(token)).answer,
  );
  return <p>{answer}</p>;
}

function NaiveStream({ token }: { token: string }) {
  const [text, setText] = useState('');
  useEffect(() => {
    const ws = new FakeSocket('wss://socket.wiro.ai/v1');
    ws.onopen = () => ws.send(JSON.stringify({ type: 'agent_info', agenttoken: token }));
    ws.onmessage = (event) => {
      const msg = JSON.parse(event.data as string) as { type: string; message?: { raw?: string } };
      if (msg.type === 'agent_output' && msg.message?.raw !== undefined) setText(msg.message.raw);
    };
    return () => ws.close();
  }, [token]);
  return <p>{text}</p>;
}

/** Load generator only: a subscribed socket per stream whose messages go nowhere. */
function startHarnessSockets(): void {
  for (const token of tokens) {
    const ws = new FakeSocket('wss://socket.wiro.ai/v1');
    ws.onopen = () => ws.send(JSON.stringify({ type: 'agent_info', agenttoken: token }));
    ws.onmessage = () => {};
  }
}

function App() {
  if (MODE === 'harness') return null;
  const list = mountedTokens.map((t, i) =>
    MODE === 'kit' || (MODE === 'react-floor' && i < STREAMS) ? (
      <KitStream key={t} token={t} />
    ) : MODE === 'react-floor' ? (
      <PlainIdle key={t} />
    ) : MODE === 'kit-before' ? (
      <BeforeStream key={t} token={t} />
    ) : (
      <NaiveStream key={t} token={t} />
    ),
  );
  return MODE === 'kit' || MODE === 'react-floor' ? (
    <AgentSocketProvider options={{ WebSocket: FakeSocket, idleTimeoutMs: 60_000 }}>{list}</AgentSocketProvider>
  ) : (
    list
  );
}

const w = window as unknown as {
  __ready?: boolean;
  __start?: () => Promise<void>;
  __collect?: () => Promise<ReactPageResult>;
};
if (MODE === 'harness') startHarnessSockets();
createRoot(document.getElementById('root') as HTMLElement).render(<App />);

function whenSubscribed(): Promise<void> {
  return new Promise((resolve) => {
    const all = MODE === 'harness' || MODE === 'react-floor' ? tokens : mountedTokens;
    const check = () => (all.every((t) => subscribers.get(t)?.size) ? resolve() : setTimeout(check, 20));
    check();
  });
}

const nextFrame = (): Promise<void> => new Promise((resolve) => requestAnimationFrame(() => resolve()));

let window0 = { commits: 0, delivered: 0, started: 0, ended: 0 };

void whenSubscribed().then(() => {
  w.__ready = true;
  /** Runs the load; resolves right after the last frame was delivered (the end of the measured window). */
  w.__start = () =>
    new Promise<void>((resolve) => {
      performance.mark('bench-start');
      const started = performance.now();
      window0 = { commits: rootCommits(), delivered, started, ended: 0 };
      const interval = 1000 / FPS;
      let running = tokens.length;
      tokens.forEach((_, s) => {
        // Stagger the streams so frames arrive spread over the interval, as independent agents would.
        const offset = (s / STREAMS) * interval;
        let i = 1;
        const tick = () => {
          deliver(s, i++);
          if (i < framesPerStream) {
            setTimeout(tick, Math.max(0, started + offset + i * interval - performance.now()));
          } else if (--running === 0) {
            window0.ended = performance.now();
            performance.mark('bench-end');
            resolve();
          }
        };
        setTimeout(tick, offset);
      });
    });
  /** Figures of the window; waits two frames first so the last frames can reach the screen. */
  w.__collect = async () => {
    const commits = rootCommits() - window0.commits;
    await nextFrame();
    await nextFrame();
    const shown = [...document.querySelectorAll('#root p')].map((p) => p.textContent ?? '');
    // The streaming consumers show their last frame's text; the idle ones stay empty.
    const exact =
      MODE === 'harness' ||
      (shown.length === MOUNTED && shown.every((t, i) => t === (i < STREAMS ? finalTexts[i] : '')));
    return {
      mode: MODE,
      commits,
      delivered: delivered - window0.delivered,
      elapsedS: (window0.ended - window0.started) / 1000,
      exact,
    };
  };
});
