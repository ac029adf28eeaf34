/**
 * Browser page for the chat benchmark: `<AgentChat>` on a long conversation served by the Node mock
 * agent, in one of three set-ups (`?mode=`):
 *
 * - `virtual`: the kit as shipped (the message list virtualised with @tanstack/react-virtual);
 * - `plain`: `virtualize={false}`, every turn mounted (the list as it was before virtualisation);
 * - `virtuoso`: the same chat state and turns under react-virtuoso's list, for the choice of library.
 *
 * The whole history is fetched before anything is timed; the chat then gets it as its first history
 * page, so "first render" is the chat's own work: turning records into turns, rendering and laying out
 * what is shown, up to the first paint that shows the conversation's end.
 */
import { useCallback, useMemo, type ReactElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { Virtuoso } from 'react-virtuoso';
import { createAgentApi, type AgentApi, type HistoryPage } from 'wiro-agent-react/core';
import {
  AgentChat,
  AgentSocketProvider,
  ChatTurn,
  Composer,
  memoryChatStorage,
  useAgentChat,
  type ChatMessage,
} from 'wiro-agent-react';
import { wholeHistory } from '../../demo/whole-history';

/** Which set-up a page load measures. */
export type ChatBenchMode = 'virtual' | 'plain' | 'virtuoso';

/** What `__mount()` reports. */
export interface FirstRender {
  /** From `root.render` to the end of the first frame that shows the last turn, ms. */
  ms: number;
  /** Elements in the chat's subtree at that moment. */
  domNodes: number;
  /** Turns mounted. */
  turns: number;
  /** Animation frames until the last turn showed. */
  frames: number;
}

/** What `__scroll()` reports (frame times come from a trace the bench records around it). */
export interface ScrollRun {
  /** Animation frames the scroll took. */
  frames: number;
  /** Pixels scrolled in all. */
  distancePx: number;
  /** The first turn was on screen at the end. */
  reachedTop: boolean;
}

const params = new URLSearchParams(location.search);
const MODE = (params.get('mode') ?? 'virtual') as ChatBenchMode;
const API_URL = params.get('api') ?? '';
const SOCKET_URL = params.get('socket') ?? '';
const AGENT = params.get('agent') ?? '';
const SESSION = params.get('session') ?? '';

const base = createAgentApi({ baseUrl: API_URL });
let prefetched: HistoryPage | null = null;

/** The REST client the chat gets: its first history page is the one fetched before timing. */
const api: Pick<AgentApi, 'send' | 'detail' | 'history' | 'cancel'> = {
  send: (p, o) => base.send(p, o),
  detail: (p, o) => base.detail(p, o),
  cancel: (p, o) => base.cancel(p, o),
  history: (p, o) => {
    const page = prefetched;
    if (page !== null && p?.before === undefined) {
      prefetched = null;
      return Promise.resolve(page);
    }
    return base.history(p, o);
  },
};

function KitChat(): ReactElement {
  const storage = useMemo(() => memoryChatStorage(), []);
  return (
    <AgentChat
      api={api}
      useragentguid={AGENT}
      sessionkey={SESSION}
      socketUrl={SOCKET_URL}
      storage={storage}
      title="Bench"
      virtualize={MODE === 'virtual'}
    />
  );
}

/** The chat's state and turns under react-virtuoso, styled by the kit's stylesheet. */
function VirtuosoChat(): ReactElement {
  const storage = useMemo(() => memoryChatStorage(), []);
  const chat = useAgentChat({ api, useragentguid: AGENT, sessionkey: SESSION, storage });
  const { send } = chat;
  const item = useCallback(
    (_index: number, message: ChatMessage) => (
      <div className="wiro-chat-row" style={{ paddingBottom: 24, maxWidth: '48rem', margin: '0 auto' }}>
        <ChatTurn message={message} />
      </div>
    ),
    [],
  );
  return (
    <section className="wiro-chat" aria-label="Bench">
      <header className="wiro-chat-header">
        <h2 className="wiro-chat-title">Bench</h2>
      </header>
      <div className="wiro-chat-list">
        {chat.messages.length > 0 ? (
          <Virtuoso
            className="wiro-chat-scroll"
            data={chat.messages}
            computeItemKey={(_index, message) => message.id}
            itemContent={item}
            followOutput="auto"
            initialTopMostItemIndex={{ index: 'LAST', align: 'end' }}
          />
        ) : null}
      </div>
      <Composer onSend={(text, files) => void send(text, files)} />
    </section>
  );
}

function App(): ReactElement {
  return MODE === 'virtuoso' ? (
    <AgentSocketProvider url={SOCKET_URL}>
      <VirtuosoChat />
    </AgentSocketProvider>
  ) : (
    <KitChat />
  );
}

const nextFrame = (): Promise<number> => new Promise((resolve) => requestAnimationFrame(resolve));
/** Resolves after the current frame has been painted (a task queued from a frame callback). */
const afterPaint = (): Promise<number> =>
  new Promise((resolve) => requestAnimationFrame(() => setTimeout(() => resolve(performance.now()), 0)));

function container(): HTMLElement {
  return document.getElementById('root') as HTMLElement;
}

function scroller(): HTMLElement | null {
  return container().querySelector<HTMLElement>('[data-testid="wiro-chat-scroll"], [data-virtuoso-scroller]');
}

/** The turn whose question starts with `Turn n:` is on screen, inside the list's view. */
function turnVisible(n: number): boolean {
  const el = scroller();
  if (!el) return false;
  const box = el.getBoundingClientRect();
  for (const bubble of container().querySelectorAll('.wiro-chat-bubble')) {
    if (!(bubble.textContent ?? '').startsWith(`Turn ${n}:`)) continue;
    const r = bubble.getBoundingClientRect();
    if (r.bottom > box.top && r.top < box.bottom) return true;
  }
  return false;
}

let root: Root | null = null;

const w = window as unknown as {
  __prepare: () => Promise<number>;
  __mount: (lastTurn: number) => Promise<FirstRender>;
  __send: (text: string) => void;
  __reply: () => { status: string | null; text: string };
  __scroll: (stepPx: number, maxFrames: number) => Promise<ScrollRun>;
  __ready?: boolean;
};

/** Fetch the whole history (not timed). Resolves to the number of turns. */
w.__prepare = async () => {
  prefetched = await wholeHistory(base).history({ useragentguid: AGENT, sessionkey: SESSION });
  return prefetched.messages.length;
};

w.__mount = async (lastTurn) => {
  const started = performance.now();
  root = createRoot(container());
  root.render(<App />);
  let frames = 0;
  for (;;) {
    await nextFrame();
    frames += 1;
    if (turnVisible(lastTurn)) break;
    if (performance.now() - started > 600_000) throw new Error('the last turn never showed');
  }
  const ended = await new Promise<number>((resolve) => setTimeout(() => resolve(performance.now()), 0));
  return {
    ms: ended - started,
    domNodes: container().querySelectorAll('*').length,
    turns: container().querySelectorAll('.wiro-chat-turn').length,
    frames,
  };
};

w.__send = (text) => {
  const box = container().querySelector('textarea') as HTMLTextAreaElement;
  // React tracks the value it set last: go through the prototype's setter so it sees a change.
  Reflect.set(HTMLTextAreaElement.prototype, 'value', text, box);
  box.dispatchEvent(new Event('input', { bubbles: true }));
  (container().querySelector('button[type="submit"]') as HTMLButtonElement).click();
};

/** The latest reply's view state and answer text. */
w.__reply = () => {
  const replies = container().querySelectorAll('.wiro-chat-agent .wiro-message');
  const last = replies[replies.length - 1];
  return {
    status: last?.getAttribute('data-status') ?? null,
    text: last ? [...last.querySelectorAll('.wiro-md')].map((md) => md.textContent ?? '').join('') : '',
  };
};

/**
 * Scroll from where the list is to its top, `stepPx` per animation frame. Each step is written in a
 * task right after a frame, as the browser delivers a wheel or key scroll: its scroll event then opens
 * the next frame, before layout and resize observers (a write from inside a frame callback would reach
 * the list only after them). The position is written relative (`scrollBy`) and read back only every
 * few frames: reading it forces a layout the page itself would not do.
 */
w.__scroll = async (stepPx, maxFrames) => {
  const el = scroller();
  if (!el) throw new Error('no scroller');
  const from = el.scrollTop;
  let frames = 0;
  for (; frames < maxFrames; frames++) {
    await afterPaint();
    if (frames % 8 === 7 && el.scrollTop <= 0 && turnVisible(1)) break;
    el.scrollBy({ top: -stepPx, behavior: 'instant' });
  }
  await afterPaint();
  return { frames, distancePx: from - el.scrollTop, reachedTop: turnVisible(1) };
};

w.__ready = true;
