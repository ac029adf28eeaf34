/**
 * Browser page of the markdown benchmark: streams one answer as `events` replace updates into one
 * renderer (`?mode=ours|react-markdown|streamdown`) and times every update from `root.render` to
 * commit with `flushSync`, then the layout it causes. Between updates it yields a task, so work a
 * renderer defers (idle callbacks, effects) runs and shows in Chromium's script time.
 */
import { createElement, type ReactElement } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import Markdown from 'react-markdown';
import remarkGfm from 'remark-gfm';
import { Streamdown } from 'streamdown';
import { AgentMessage } from 'wiro-agent-react';
import { createStream, type AgentStream } from 'wiro-agent-react/core';
import { longBlocksFixture, markdownFixture, streamPrefixes } from './fixture';

export type MarkdownBenchMode = 'ours' | 'react-markdown' | 'streamdown';

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
  counts: { h2: number; li: number; pre: number; table: number; textLength: number };
}

declare global {
  interface Window {
    __ready?: boolean;
    __start?: () => void;
    __benchResult?: MarkdownPageResult;
  }
}

const REMARK_PLUGINS = [remarkGfm];
const params = new URLSearchParams(location.search);
const mode = (params.get('mode') ?? 'ours') as MarkdownBenchMode;
const events = Number(params.get('events') ?? '500');
const bytes = Number(params.get('bytes') ?? String(20 * 1024));
/** `answer`: a realistic answer; `long`: one long paragraph and one long code block. */
const doc = params.get('doc') === 'long' ? 'long' : 'answer';

const text = doc === 'long' ? longBlocksFixture(bytes) : markdownFixture(bytes);
const prefixes = streamPrefixes(text, events);
const TOKEN = 'bench-token';
const base = createStream(TOKEN);

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
  if (mode === 'ours') return createElement(AgentMessage, { stream: streams[index] as AgentStream });
  if (mode === 'react-markdown') return createElement(Markdown, { remarkPlugins: REMARK_PLUGINS }, answer);
  // Streamdown's defaults: streaming mode, incomplete-markdown healing, controls on; no code or
  // mermaid plugin is installed, so nothing highlights.
  return createElement(Streamdown, { isAnimating: !last }, answer);
}

const yieldTask = (): Promise<void> =>
  new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(null);
  });

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
  const counts = {
    h2: container.querySelectorAll('h2').length,
    li: container.querySelectorAll('li').length,
    pre: container.querySelectorAll('pre').length,
    table: container.querySelectorAll('table').length,
    textLength: (container.textContent ?? '').length,
  };
  root.unmount();
  container.remove();
  return { mode, bytes: text.length, events: list.length, commitMs, layoutMs, counts };
}

// Warm the JIT on a shorter, different answer first, so the measured run is steady state.
void stream(streamPrefixes(markdownFixture(6000), 60), false).then(() => {
  window.__ready = true;
});
window.__start = () => {
  void stream(prefixes, true).then((result) => {
    window.__benchResult = result;
  });
};
