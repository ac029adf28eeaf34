/**
 * Browser page for the React benchmark: N streams updating at F frames per second each, rendered
 * either through the kit (one socket, one store, frame-aligned commits) or through the naive hook
 * people write first (one WebSocket and one useState per component, setState on every message).
 *
 * Both modes read the same pre-built frames from the same in-page fake server, so the difference is
 * only what happens between `onmessage` and the DOM.
 */
import { Profiler, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { AgentSocketProvider } from '../../src/react/provider';
import { useAgentStream } from '../../src/react/use-agent-stream';
import type { WebSocketLike } from '../../src/connection/types';

const params = new URLSearchParams(location.search);
const MODE = params.get('mode') === 'naive' ? 'naive' : 'kit';
const STREAMS = Number(params.get('streams') ?? 100);
const FPS = Number(params.get('fps') ?? 20);
const SECONDS = Number(params.get('seconds') ?? 5);

const WORDS = 'the quick brown fox jumps over a lazy dog while streaming markdown **bold** `code` text'.split(' ');
const tokens = Array.from({ length: STREAMS }, (_, i) => `bench-token-${String(i).padStart(4, '0')}-xxxxxxxxxxxx`);
const framesPerStream = FPS * SECONDS + 1;
// Pre-built wire frames (each carries the full text so far, as the server sends them).
const frames = tokens.map((agenttoken, s) => {
  let text = '';
  return Array.from({ length: framesPerStream }, (_, i) => {
    text += (i ? ' ' : '') + WORDS[(i + s) % WORDS.length];
    return JSON.stringify({
      type: 'agent_output',
      agenttoken,
      message: { type: 'progressGenerate', raw: text, thinking: [], answer: [text], isThinking: false, speed: '20', wordCount: i + 1 },
      result: true,
    });
  });
});

/** In-page server: delivers each token's frames to every fake socket that subscribed to it. */
const subscribers = new Map<string, Set<FakeSocket>>();
class FakeSocket implements WebSocketLike {
  static OPEN = 1;
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
      data: JSON.stringify({ type: 'agent_subscribed', agenttoken: msg.agenttoken, status: 'agent_start', debugoutput: '', result: true }),
    });
  }
  close(): void {
    this.readyState = 3;
    for (const set of subscribers.values()) set.delete(this);
  }
}

function deliver(stream: number, index: number): void {
  const data = frames[stream]?.[index];
  const set = subscribers.get(tokens[stream] as string);
  if (!data || !set) return;
  for (const socket of set) socket.onmessage?.({ data });
}

function KitStream({ token }: { token: string }) {
  const answer = useAgentStream(token, (s) => s.answer);
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

const state = { commits: 0, renderMs: 0 };
function onRender(_id: string, _phase: string, actualDuration: number) {
  state.commits++;
  state.renderMs += actualDuration;
}

function App() {
  const list = tokens.map((t) => (MODE === 'kit' ? <KitStream key={t} token={t} /> : <NaiveStream key={t} token={t} />));
  return (
    <Profiler id="streams" onRender={onRender}>
      {MODE === 'kit' ? (
        <AgentSocketProvider options={{ WebSocket: FakeSocket, idleTimeoutMs: 60_000 }}>{list}</AgentSocketProvider>
      ) : (
        list
      )}
    </Profiler>
  );
}

const w = window as unknown as { __ready?: boolean; __start?: () => void; __benchResult?: unknown };
createRoot(document.getElementById('root') as HTMLElement).render(<App />);

function whenSubscribed(): Promise<void> {
  return new Promise((resolve) => {
    const check = () => (tokens.every((t) => subscribers.get(t)?.size) ? resolve() : setTimeout(check, 20));
    check();
  });
}

void whenSubscribed().then(() => {
  w.__ready = true;
  w.__start = () => {
    state.commits = 0;
    state.renderMs = 0;
    const started = performance.now();
    const interval = 1000 / FPS;
    tokens.forEach((_, s) => {
      // Stagger the streams so frames arrive spread over the interval, as independent agents would.
      const offset = (s / STREAMS) * interval;
      let i = 1;
      const tick = () => {
        deliver(s, i++);
        if (i < framesPerStream) setTimeout(tick, Math.max(0, started + offset + i * interval - performance.now()));
      };
      setTimeout(tick, offset);
    });
    setTimeout(() => {
      requestAnimationFrame(() => {
        const elapsed = (performance.now() - started) / 1000;
        const lastText = document.querySelector('#root p:last-of-type')?.textContent ?? '';
        w.__benchResult = { mode: MODE, commits: state.commits, renderMs: state.renderMs, elapsedS: elapsed, lastTextLength: lastText.length };
      });
    }, SECONDS * 1000 + 200);
  };
});
