/**
 * Browser page of the markdown benchmark: streams one answer as `events` replace updates into one
 * renderer (`?mode=…`, see {@link MarkdownBenchMode}) and times every update from `root.render` to
 * commit with `flushSync`, then the layout it causes. Between updates it yields a task, so work a
 * renderer defers (idle callbacks, effects, highlighting callbacks) runs and shows in Chromium's
 * busy time.
 */
// `@streamdown/code` when it is installed (see bench/markdown.ts), else `undefined`.
import { code as streamdownCode } from '@wiro-bench/streamdown-code';
import { createElement, type ReactElement } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import Markdown from 'react-markdown';
import remarkGfm from 'remark-gfm';
import { Streamdown } from 'streamdown';
import { AgentMessage } from 'wiro-agent-react';
import { createStream, type AgentStream } from 'wiro-agent-react/core';
import { codeHighlight } from 'wiro-agent-react/highlight';
import { longBlocksFixture, longListFixture, markdownFixture, streamPrefixes } from './fixture';

/**
 * `ours`: `<AgentMessage stream>`; `ours-highlight`: the same with `plugins={[codeHighlight()]}`;
 * `react-markdown`: react-markdown + remark-gfm on the whole text; `streamdown`: its defaults;
 * `streamdown-code`: streamdown with its Shiki code plugin (`@streamdown/code`).
 */
export type MarkdownBenchMode = 'ours' | 'ours-highlight' | 'react-markdown' | 'streamdown' | 'streamdown-code';

/** The documents: a realistic answer, one long paragraph + one long code block, a 200-item list. */
export type MarkdownBenchDoc = 'answer' | 'long' | 'list';

/** What the page reports through `window.__benchResult`. */
export interface MarkdownPageResult {
  mode: MarkdownBenchMode;
  bytes: number;
  events: number;
  /** Per update: `root.render` to commit, in ms. */
  commitMs: number[];
  /** Per update: the forced layout after the commit, in ms. */
  layoutMs: number[];
  /** What the final DOM holds, to check every renderer drew the whole answer. */
  counts: { h2: number; li: number; pre: number; table: number; textLength: number; coloured: number };
}

declare global {
  interface Window {
    __ready?: boolean;
    __start?: () => void;
    __benchResult?: MarkdownPageResult;
  }
}

const REMARK_PLUGINS = [remarkGfm];
const OUR_PLUGINS = [codeHighlight()];
const params = new URLSearchParams(location.search);
const mode = (params.get('mode') ?? 'ours') as MarkdownBenchMode;
const events = Number(params.get('events') ?? '500');
const bytes = Number(params.get('bytes') ?? String(20 * 1024));
const doc = (params.get('doc') ?? 'answer') as MarkdownBenchDoc;

const text = doc === 'long' ? longBlocksFixture(bytes) : doc === 'list' ? longListFixture() : markdownFixture(bytes);
const prefixes = streamPrefixes(text, events);
const TOKEN = 'bench-token';
const base = createStream(TOKEN);
const streamdownPlugins = streamdownCode ? { code: streamdownCode } : undefined;

/** The stream object the kit's store would hold after each update (built before timing starts). */
function streamAt(answer: string, last: boolean): AgentStream {
  return {
    ...base,
    status: last ? 'agent_end' : 'agent_output',
    raw: answer,
    answer,
    segments: [{ kind: 'answer', text: answer }],
    isStreaming: !last,
    isDone: last,
    updatedAt: 1,
  };
}

function view(index: number, list: string[], streams: AgentStream[]): ReactElement {
  const answer = list[index] ?? '';
  const last = index === list.length - 1;
  switch (mode) {
    case 'ours':
      return createElement(AgentMessage, { stream: streams[index] as AgentStream });
    case 'ours-highlight':
      return createElement(AgentMessage, { stream: streams[index] as AgentStream, plugins: OUR_PLUGINS });
    case 'react-markdown':
      return createElement(Markdown, { remarkPlugins: REMARK_PLUGINS }, answer);
    case 'streamdown':
      // Streamdown's defaults: streaming mode, incomplete-markdown healing, controls on; no code plugin.
      return createElement(Streamdown, { isAnimating: !last }, answer);
    case 'streamdown-code':
      return createElement(Streamdown, { isAnimating: !last, plugins: streamdownPlugins }, answer);
  }
}

const yieldTask = (): Promise<void> =>
  new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(null);
  });

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Coloured code tokens in the page: both highlighters draw tokens as spans with an inline style. */
const colouredTokens = (root: ParentNode): number => root.querySelectorAll('pre span[style]').length;

/** Wait until asynchronous highlighting (loading Shiki and grammars) has settled. */
async function settle(root: ParentNode): Promise<void> {
  let previous = -1;
  let stableFor = 0;
  for (let waited = 0; waited < 15_000 && stableFor < 600; waited += 100) {
    await sleep(100);
    const now = colouredTokens(root);
    stableFor = now === previous && now > 0 ? stableFor + 100 : 0;
    previous = now;
  }
}

async function stream(list: string[], record: boolean): Promise<MarkdownPageResult> {
  const streams = list.map((answer, i) => streamAt(answer, i === list.length - 1));
  const container = document.createElement('div');
  document.body.append(container);
  const root = createRoot(container);
  const commitMs: number[] = [];
  const layoutMs: number[] = [];
  for (let i = 0; i < list.length; i++) {
    const element = view(i, list, streams);
    const t0 = performance.now();
    flushSync(() => root.render(element));
    const t1 = performance.now();
    void container.offsetHeight;
    const t2 = performance.now();
    if (record) {
      commitMs.push(t1 - t0);
      layoutMs.push(t2 - t1);
    }
    await yieldTask();
  }
  // Before the page reports ready, the highlighters have loaded Shiki and the fixture's grammars.
  if (!record && (mode === 'ours-highlight' || mode === 'streamdown-code')) await settle(container);
  const counts = {
    h2: container.querySelectorAll('h2').length,
    li: container.querySelectorAll('li').length,
    pre: container.querySelectorAll('pre').length,
    table: container.querySelectorAll('table').length,
    textLength: (container.textContent ?? '').length,
    coloured: colouredTokens(container),
  };
  root.unmount();
  container.remove();
  return { mode, bytes: text.length, events: list.length, commitMs, layoutMs, counts };
}

// Warm the JIT (and the highlighters) on shorter, different answers first, so the measured run is
// steady state: a realistic one, and one with a long paragraph and a long code block (the paths a
// long block takes, which the first does not reach, were compiled during the measured run otherwise).
void stream(streamPrefixes(markdownFixture(6000), 60), false)
  .then(() => stream(streamPrefixes(longBlocksFixture(6000), 60), false))
  .then(() => {
    window.__ready = true;
  });
window.__start = () => {
  void stream(prefixes, true).then((result) => {
    window.__benchResult = result;
  });
};
