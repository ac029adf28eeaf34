/**
 * The `plugins` prop (and plain `remarkPlugins` / `rehypePlugins`) of StreamingMarkdown, AgentMessage
 * and AgentChat: merged with the kit's defaults, stable when recreated with the same entries, finished
 * blocks and list items memoized with plugins on, whole-document plugins, code renderers, and
 * `dir="auto"` on every text block.
 */
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ComponentProps, ReactElement, ReactNode } from 'react';
import type { Components, ExtraProps } from 'react-markdown';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createAgentApi, createStream, type AgentStream } from 'wiro-agent-react/core';
import {
  AgentChat,
  AgentMessage,
  memoryChatStorage,
  StreamingMarkdown,
  type CodeBlockRendererProps,
  type MarkdownPlugin,
} from 'wiro-agent-react';
import { codeHighlight } from 'wiro-agent-react/highlight';
import { math } from 'wiro-agent-react/math';
import type { AgentScenarioInput } from 'wiro-agent-react/testing';
import type { MockAgentServer } from 'wiro-agent-react/testing/node';
import { AGENT, API_BASE, scriptedChatPerTest, type ApiCall } from './chat-harness';

const WAIT = { timeout: 20_000, interval: 20 };

function plain(children: ReactNode): string {
  if (typeof children === 'string' || typeof children === 'number') return String(children);
  if (Array.isArray(children)) return children.map(plain).join('');
  return '';
}

/** A `p` slot counting its renders per paragraph (keyed by its first word). */
function countingParagraphs(): { components: Components; counts: Map<string, number> } {
  const counts = new Map<string, number>();
  function P({ node: _node, children, ...rest }: ComponentProps<'p'> & ExtraProps): ReactElement {
    const key = plain(children).split(' ')[0] ?? '';
    counts.set(key, (counts.get(key) ?? 0) + 1);
    return <p {...rest}>{children}</p>;
  }
  return { components: { p: P }, counts };
}

/** A rehype plugin that tags every document it sees with the number of top-level nodes. */
function rehypeCountRoots() {
  return (tree: { children: unknown[] }) => {
    const count = tree.children.length;
    tree.children.push({ type: 'element', tagName: 'hr', properties: { dataRoots: String(count) }, children: [] });
  };
}

function streamOf(answer: string, done: boolean): AgentStream {
  return {
    ...createStream('t'),
    status: done ? 'agent_end' : 'agent_output',
    answer,
    segments: [{ kind: 'answer', text: answer }],
    isStreaming: !done,
    isDone: done,
  };
}

describe('plugins prop', () => {
  it('re-renders no finished block when the plugin arrays are recreated with the same entries', () => {
    const { components, counts } = countingParagraphs();
    const tree = (text: string) => (
      <StreamingMarkdown
        streaming
        components={components}
        plugins={[codeHighlight(), math()]}
        remarkPlugins={[]}
        rehypePlugins={[[rehypeCountRoots, {}]]}
      >
        {text}
      </StreamingMarkdown>
    );
    let text = 'Alpha is first.\n\nBravo is second.\n\nCharlie';
    const { rerender } = render(tree(text));
    for (let i = 0; i < 20; i++) {
      text += ` word${i}`;
      rerender(tree(text));
    }
    expect(counts.get('Alpha')).toBe(1);
    expect(counts.get('Bravo')).toBe(1);
    expect(counts.get('Charlie')).toBe(21);
  });

  it('renders each paragraph of a long streaming answer at most twice (live, then finished)', () => {
    const { components, counts } = countingParagraphs();
    let text = '';
    const { rerender, container } = render(
      <StreamingMarkdown streaming components={components}>
        {text}
      </StreamingMarkdown>,
    );
    // 40 paragraphs: more than one group of blocks, each paragraph arriving in three updates.
    for (let n = 0; n < 40; n++) {
      for (const piece of [`P${n} starts`, ' and goes on', ' to its end.\n\n']) {
        text += piece;
        rerender(
          <StreamingMarkdown streaming components={components}>
            {text}
          </StreamingMarkdown>,
        );
      }
    }
    rerender(<StreamingMarkdown components={components}>{text}</StreamingMarkdown>);
    expect(container.querySelectorAll('p')).toHaveLength(40);
    for (let n = 0; n < 40; n++) expect(counts.get(`P${n}`), `P${n}`).toBeLessThanOrEqual(4);
    // Updates of later paragraphs never render an earlier one again.
    expect(counts.get('P0')).toBe(counts.get('P20'));
  });

  it('sets a remark plugin up once per plugin set, not once per update of a streaming answer', () => {
    // A plugin's attacher is its set-up (remark-gfm builds its parser extensions there): running it on
    // every render made each update of the live block pay for it again.
    let setups = 0;
    const plugin: MarkdownPlugin = {
      name: 'counting',
      remarkPlugins: [
        () => {
          setups++;
        },
      ],
    };
    const plugins = [plugin];
    const words = 'one two three four five six seven eight nine ten eleven twelve'.split(' ');
    let text = 'Intro paragraph.\n\n';
    const { rerender, container } = render(
      <StreamingMarkdown streaming plugins={plugins}>
        {text}
      </StreamingMarkdown>,
    );
    for (const word of [...words, ...words, ...words]) {
      text += `${word} `;
      rerender(
        <StreamingMarkdown streaming plugins={plugins}>
          {text}
        </StreamingMarkdown>,
      );
    }
    rerender(<StreamingMarkdown plugins={plugins}>{text}</StreamingMarkdown>);
    expect(container.querySelectorAll('p')).toHaveLength(2);
    // One frozen processor per variant the blocks use (with and without the caret), whatever the updates.
    expect(setups).toBeGreaterThan(0);
    expect(setups).toBeLessThanOrEqual(3);
  });

  it("applies a plugin's remark and rehype plugins and components, and the plain plugin props", () => {
    const shout: MarkdownPlugin = {
      name: 'shout',
      rehypePlugins: [rehypeCountRoots],
      components: { strong: ({ children }) => <strong data-shout="">{children}</strong> },
    };
    const { container } = render(
      <StreamingMarkdown plugins={[shout]} rehypePlugins={[() => rehypeCountRoots()]}>
        {'Say **this**.'}
      </StreamingMarkdown>,
    );
    expect(container.querySelector('strong[data-shout]')?.textContent).toBe('this');
    // Both rehype plugins ran on the block (the plugin's first, then the prop's).
    expect([...container.querySelectorAll('hr')].map((hr) => hr.dataset.roots)).toEqual(['1', '2']);
  });

  it('renders the final text as one document when a plugin says it needs the whole document', () => {
    const text = 'One.\n\nTwo.\n\nThree.';
    const blocks = render(<StreamingMarkdown rehypePlugins={[rehypeCountRoots]}>{text}</StreamingMarkdown>);
    expect(blocks.container.querySelectorAll('hr')).toHaveLength(3);
    const whole: MarkdownPlugin = { name: 'whole', needsWholeDocument: (t) => t.includes('Three') };
    const single = render(
      <StreamingMarkdown plugins={[whole]} rehypePlugins={[rehypeCountRoots]}>
        {text}
      </StreamingMarkdown>,
    );
    expect(single.container.querySelectorAll('hr')).toHaveLength(1);
    expect(single.container.querySelectorAll('p')).toHaveLength(3);
  });

  it('hands fenced code to the first code renderer that accepts its language, with its state', () => {
    function Diagram({ code, complete }: CodeBlockRendererProps): ReactElement {
      return complete ? <figure data-diagram="">{code.trim()}</figure> : <pre data-pending="">{code}</pre>;
    }
    const diagrams: MarkdownPlugin = {
      name: 'diagram',
      codeBlock: { accepts: (lang) => lang === 'mermaid', component: Diagram },
    };
    const plugins = [diagrams, codeHighlight()];
    const live = render(
      <StreamingMarkdown streaming plugins={plugins}>
        {'```mermaid\ngraph TD; A-->B'}
      </StreamingMarkdown>,
    );
    expect(live.container.querySelector('pre[data-pending]')?.textContent).toBe('graph TD; A-->B\n');
    live.rerender(
      <StreamingMarkdown streaming plugins={plugins}>
        {'```mermaid\ngraph TD; A-->B\n```\n\nAfter'}
      </StreamingMarkdown>,
    );
    expect(live.container.querySelector('figure[data-diagram]')?.textContent).toBe('graph TD; A-->B');
    // The kit's frame is kept: the copy button copies the diagram's source.
    expect(live.container.querySelector('.wiro-code-lang')?.textContent).toBe('mermaid');
  });
});

describe('lists, item by item', () => {
  it('renders each finished item of a growing 200-item list once', () => {
    const renders = new Map<string, number>();
    function Li({ node: _node, children, ...rest }: ComponentProps<'li'> & ExtraProps): ReactElement {
      const key = plain(children).trim();
      renders.set(key, (renders.get(key) ?? 0) + 1);
      return <li {...rest}>{children}</li>;
    }
    const components: Components = { li: Li };
    let text = 'Steps:\n\n';
    const { container, rerender } = render(
      <StreamingMarkdown streaming components={components}>
        {text}
      </StreamingMarkdown>,
    );
    for (let i = 1; i <= 200; i++) {
      text += `${i}. step ${i}\n`;
      rerender(
        <StreamingMarkdown streaming components={components}>
          {text}
        </StreamingMarkdown>,
      );
    }
    rerender(<StreamingMarkdown components={components}>{text}</StreamingMarkdown>);
    expect(container.querySelectorAll('ol > li')).toHaveLength(200);
    expect(container.querySelectorAll('ol')).toHaveLength(1);
    // Each item: once while it was the last, once more when the next one arrived; never again.
    for (let i = 1; i < 200; i++) expect(renders.get(`step ${i}`), `step ${i}`).toBe(2);
    expect(renders.get('step 200')).toBe(2);
  });

  it('keeps the list loose or tight, numbered and with its task class, as the whole list would', () => {
    const loose = render(<StreamingMarkdown>{'3. a\n\n4. b'}</StreamingMarkdown>).container;
    expect(loose.querySelector('ol')?.getAttribute('start')).toBe('3');
    expect([...loose.querySelectorAll('li > p')].map((p) => p.textContent)).toEqual(['a', 'b']);
    const tasks = render(<StreamingMarkdown>{'- [ ] open\n- [x] done'}</StreamingMarkdown>).container;
    expect(tasks.querySelector('ul')?.className).toBe('contains-task-list');
    expect(tasks.querySelectorAll('input[type="checkbox"]')).toHaveLength(2);
  });
});

describe('direction', () => {
  it('gives every text block dir="auto" and keeps code left to right', () => {
    const answer = [
      '## مرحبا',
      '',
      'هذه فقرة باللغة العربية مع كلمة English في الوسط.',
      '',
      '- عنصر أول',
      '- second item',
      '',
      '> اقتباس',
      '',
      '| عمود | قيمة |',
      '|---|---|',
      '| أ | 1 |',
      '',
      '```ts',
      'const x = 1;',
      '```',
    ].join('\n');
    document.documentElement.dir = 'rtl';
    try {
      const { container } = render(<AgentMessage stream={streamOf(answer, true)} />);
      // Each top-level block finds its own direction; what is inside inherits it (an element with a
      // `dir` of its own would hide its text from its block's).
      const blocks = [...(container.querySelector('.wiro-md') as HTMLElement).children];
      expect(blocks.map((block) => block.tagName.toLowerCase())).toEqual(['h2', 'p', 'ul', 'blockquote', 'div', 'div']);
      for (const block of blocks.slice(0, 4)) expect(block.getAttribute('dir'), block.tagName).toBe('auto');
      expect(container.querySelector('table')?.getAttribute('dir')).toBe('auto');
      for (const inner of container.querySelectorAll('li, blockquote p, td, th'))
        expect(inner.getAttribute('dir')).toBeNull();
      expect(container.querySelector('.wiro-code')?.getAttribute('dir')).toBe('ltr');
    } finally {
      document.documentElement.removeAttribute('dir');
    }
  });
});

describe('plugins through AgentMessage and AgentChat', () => {
  it('AgentMessage passes its plugins to the answer', async () => {
    const { container } = render(
      <AgentMessage
        stream={streamOf('Cost: $$\\sqrt{2}$$\n\n```js\nlet a = 1;\n```', true)}
        plugins={[math(), codeHighlight()]}
      />,
    );
    expect(container.querySelector('.katex')).not.toBeNull();
    await waitFor(() => expect(container.querySelector('pre[data-highlighted]')).not.toBeNull(), WAIT);
  });

  describe('AgentChat', () => {
    const scripts = new Map<string, AgentScenarioInput>();
    const calls: ApiCall[] = [];
    let server: MockAgentServer;
    scriptedChatPerTest(scripts, calls, (started) => (server = started));

    it('passes its plugins to every reply', async () => {
      scripts.set('Show me', {
        text: 'Here: $$x^2$$\n\n```py\nprint("hi")\n```\n',
        chunkChars: 8,
        intervalMs: 3,
        queueMs: 5,
      });
      const user = userEvent.setup();
      render(
        <div style={{ height: 600 }}>
          <AgentChat
            api={createAgentApi({ baseUrl: API_BASE })}
            useragentguid={AGENT}
            sessionkey="plugins"
            socketUrl={server.url}
            socketOptions={{ WebSocket, schedule: 'microtask' }}
            storage={memoryChatStorage()}
            plugins={[math(), codeHighlight()]}
          />
        </div>,
      );
      await screen.findByText('How can I help?');
      await user.click(screen.getByRole('textbox', { name: 'Write a message…' }));
      await user.keyboard('Show me{Enter}');
      const log = screen.getByRole('log');
      await waitFor(() => expect(log.querySelector('pre[data-highlighted]')).not.toBeNull(), WAIT);
      expect(log.querySelector('.katex')).not.toBeNull();
    });
  });
});
