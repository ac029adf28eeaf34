import type { Meta, StoryObj } from '@storybook/react-vite';
import type { ReactElement } from 'react';
import { expect, waitFor, within } from 'storybook/test';
import 'katex/dist/katex.min.css';
import { StreamingMarkdown, type CodeBlockRendererProps, type MarkdownPlugin } from 'wiro-agent-react';
import { codeHighlight } from 'wiro-agent-react/highlight';
import { math } from 'wiro-agent-react/math';
import { Follow, MockProvider, StatusCaption } from './support/Live';
import { agentOf } from './support/mocks';
import { LONG_MARKDOWN } from './support/scenarios';

/**
 * The Markdown engine under `AgentMessage`, for custom layouts: give it the answer as it grows
 * (`streaming` while it does). Finished blocks never render again; the unfinished tail is healed (open
 * code fences, half tables, unclosed emphasis) so it looks now as it will when complete.
 */
const meta = {
  title: 'Components/StreamingMarkdown',
  component: StreamingMarkdown,
  args: { children: LONG_MARKDOWN, streaming: false, unstyled: false },
  argTypes: { children: { control: 'text', description: 'The Markdown, replaced (not appended) as it streams.' } },
} satisfies Meta<typeof StreamingMarkdown>;

export default meta;
type Story = StoryObj<typeof meta>;

const LONG = { timeout: 20_000 };

/** A stream's answer, rendered as it arrives from a scripted reply. */
function LiveAnswer({ token, unstyled }: { token: string; unstyled?: boolean }): ReactElement {
  return (
    <Follow token={token}>
      {(stream) => (
        <>
          <StreamingMarkdown streaming={stream.isStreaming} unstyled={unstyled}>
            {stream.answer}
          </StreamingMarkdown>
          <StatusCaption stream={stream} />
        </>
      )}
    </Follow>
  );
}

/** Live: the answer of a scripted reply, chunk by chunk, with the caret at its end. */
export const Streaming: Story = {
  parameters: {
    agent: { scenario: { text: LONG_MARKDOWN, chunkChars: 10, intervalMs: 30 } },
    docs: {
      description: {
        story:
          'Follows a live stream: `<StreamingMarkdown streaming={stream.isStreaming}>{stream.answer}</StreamingMarkdown>`.',
      },
    },
  },
  render: (args, { loaded }) => {
    const agent = agentOf(loaded);
    return (
      <MockProvider agent={agent}>
        <LiveAnswer token={agent.token} unstyled={args.unstyled} />
      </MockProvider>
    );
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await waitFor(() => expect(canvas.getByTestId('wire-status')).toHaveTextContent('status: agent_end'), LONG);
    await expect(canvas.getByRole('table')).toBeVisible();
    await expect(canvas.getByRole('heading', { name: 'Streaming replies in React' })).toBeVisible();
    await expect(canvasElement.querySelector('.wiro-caret')).toBeNull();
  },
};

/** The complete answer (`streaming={false}`): headings, lists, code with a copy button, a table, a quote. */
export const Finished: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByRole('table')).toBeVisible();
    await expect(canvas.getByRole('link', { name: 'Wiro docs' })).toHaveAttribute('href', 'https://wiro.ai/docs');
  },
};

/** Cut off inside a code block: the open fence is drawn as the code block it will be. */
export const HealedCodeFence: Story = {
  name: 'Incomplete code block, healed',
  args: { streaming: true, children: 'Create the client once:\n\n```ts\nconst api = createAgentApi({' },
  play: async ({ canvasElement }) => {
    await expect(canvasElement.querySelector('pre code')).toHaveTextContent('const api = createAgentApi({');
    await expect(canvasElement).not.toHaveTextContent('```');
  },
};

/** Cut off inside bold text: it is bold already, with no stray asterisks. */
export const HealedEmphasis: Story = {
  name: 'Incomplete emphasis, healed',
  args: { streaming: true, children: 'The answer is **almost there' },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByText('almost there').tagName).toBe('STRONG');
    await expect(canvasElement).not.toHaveTextContent('**');
  },
};

/** Your own renderers for some elements (here links), merged over the kit's. */
export const CustomComponents: Story = {
  name: 'Custom components',
  args: {
    children: 'Read the [Wiro docs](https://wiro.ai/docs) or the [kit README](https://github.com/).',
    components: {
      a: ({ href, children }) => (
        <a href={href} target="_blank" rel="noreferrer" style={{ color: 'var(--wiro-accent)', fontWeight: 600 }}>
          {children} ↗
        </a>
      ),
    },
  },
  play: async ({ canvasElement }) => {
    const link = within(canvasElement).getByRole('link', { name: /Wiro docs/ });
    await expect(link).toHaveTextContent('Wiro docs ↗');
    await expect(link).toHaveAttribute('target', '_blank');
  },
};

// ---- Plugins: code highlighting, math, right to left, long lists -------------------------------

const CODE_ANSWER = `Here is the handler, then the worker:

\`\`\`ts
import { createAgentApi } from 'wiro-agent-react/core';

/** Send one message; the key stays on the server. */
export async function ask(text: string): Promise<string> {
  const api = createAgentApi({ baseUrl: '/api/wiro' });
  const { agenttoken } = await api.send({ useragentguid: 'AGENT', sessionkey: 'user-1', message: text });
  return agenttoken; // subscribe to it with useAgentStream
}
\`\`\`

\`\`\`python
def backoff(attempt: int, cap: float = 30.0) -> float:
    """Seconds to wait before retry number \`attempt\`."""
    return min(cap, 2 ** attempt)
\`\`\`

An unknown language stays plain:

\`\`\`nosuchlang
this is { not highlighted }
\`\`\`
`;

const HIGHLIGHT = [codeHighlight()];
const HIGHLIGHT_NUMBERED = [codeHighlight({ lineNumbers: true })];

/** A live answer rendered with `plugins`. */
function LivePlugins({ token, plugins }: { token: string; plugins: readonly MarkdownPlugin[] }): ReactElement {
  return (
    <Follow token={token}>
      {(stream) => (
        <>
          <StreamingMarkdown streaming={stream.isStreaming} plugins={plugins}>
            {stream.answer}
          </StreamingMarkdown>
          <StatusCaption stream={stream} />
        </>
      )}
    </Follow>
  );
}

/**
 * `plugins={[codeHighlight()]}` (from `wiro-agent-react/highlight`): Shiki loads when the first fence
 * appears, each complete line is highlighted once as it arrives, the half-written line stays plain, and
 * the colours follow the kit's light/dark theme (switch it in the toolbar: nothing is highlighted again).
 */
export const HighlightedCodeStreaming: Story = {
  name: 'Plugin: highlighted code, streaming',
  parameters: { agent: { scenario: { text: CODE_ANSWER, chunkChars: 6, intervalMs: 25 } } },
  render: (_args, { loaded }) => {
    const agent = agentOf(loaded);
    return (
      <MockProvider agent={agent}>
        <LivePlugins token={agent.token} plugins={HIGHLIGHT} />
      </MockProvider>
    );
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await waitFor(() => expect(canvas.getByTestId('wire-status')).toHaveTextContent('status: agent_end'), LONG);
    await waitFor(() => expect(canvasElement.querySelectorAll('pre[data-highlighted]')).toHaveLength(2), LONG);
    const ts = canvasElement.querySelector('pre code.language-ts') as HTMLElement;
    await expect(ts.textContent).toContain("const api = createAgentApi({ baseUrl: '/api/wiro' });");
    // Coloured by the kit's CSS variables, not by inline hex colours.
    await expect(ts.querySelector('span[style*="--wiro-code-token-keyword"]')).not.toBeNull();
    await expect(
      canvasElement.querySelector('pre code.language-nosuchlang')?.closest('pre[data-highlighted]'),
    ).toBeNull();
  },
};

/** `codeHighlight({ lineNumbers: true })`: numbers drawn by CSS, so copying the code copies no numbers. */
export const HighlightedCodeLineNumbers: Story = {
  name: 'Plugin: highlighted code, line numbers',
  args: { children: CODE_ANSWER, plugins: HIGHLIGHT_NUMBERED },
  play: async ({ canvasElement }) => {
    await waitFor(
      () => expect(canvasElement.querySelectorAll('pre[data-line-numbers][data-highlighted]')).toHaveLength(2),
      LONG,
    );
  },
};

const MATH_ANSWER = String.raw`The quadratic formula:

$$
x = \frac{-b \pm \sqrt{b^2 - 4ac}}{2a}
$$

In text, \(e^{i\pi} + 1 = 0\) is inline, and \[ \sum_{k=1}^{n} k = \frac{n(n+1)}{2} \] is displayed.
Prices stay prices: it costs $20 and $30.

A formula that does not parse shows its source: $$\frac{1}{$$.
`;

const MATH = [math()];

/**
 * `plugins={[math()]}` (from `wiro-agent-react/math`, with `katex/dist/katex.min.css` imported):
 * `$$…$$`, `\[…\]` and `\(…\)`. While the answer streams, a `$$` block whose end has not arrived shows
 * as its text so far, never as a KaTeX error flashing by.
 */
export const MathStreaming: Story = {
  name: 'Plugin: math, streaming',
  parameters: { agent: { scenario: { text: MATH_ANSWER, chunkChars: 5, intervalMs: 25 } } },
  render: (_args, { loaded }) => {
    const agent = agentOf(loaded);
    return (
      <MockProvider agent={agent}>
        <LivePlugins token={agent.token} plugins={MATH} />
      </MockProvider>
    );
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await waitFor(() => expect(canvas.getByTestId('wire-status')).toHaveTextContent('status: agent_end'), LONG);
    await expect(canvasElement.querySelectorAll('.katex-display')).toHaveLength(2);
    await expect(canvasElement.querySelectorAll('.wiro-math[data-display="inline"]')).toHaveLength(1);
    await expect(canvasElement.querySelector('.wiro-math-error')).toHaveTextContent('\\frac{1}{');
    await expect(canvasElement).toHaveTextContent('it costs $20 and $30');
  },
};

/** Cut off inside a `$$` block: its text so far, as text, until the closing `$$` arrives. */
export const MathUnterminated: Story = {
  name: 'Plugin: math, unterminated $$',
  args: { streaming: true, plugins: MATH, children: 'The area is\n\n$$\n\\pi r^2 + \\frac{a}{' },
  play: async ({ canvasElement }) => {
    await expect(canvasElement.querySelector('.katex, .wiro-math-error')).toBeNull();
    await expect(canvasElement).toHaveTextContent('$$ \\pi r^2 + \\frac{a}{');
  },
};

const RTL_ANSWER = `## كيف تعمل البث المباشر

يستخدم المكوّن **اتصالاً واحداً** عبر WebSocket لكل الردود، ويعرض النص أثناء وصوله.

- اشترك في \`agenttoken\` الخاص بالرسالة.
- اعرض الرد باستخدام AgentMessage.
- ثم تابع النص.

This paragraph is in English, so it reads left to right inside the Arabic answer.

> المفتاح السري يبقى على الخادم دائماً.

\`\`\`ts
const stream = useAgentStream(token); // code stays left to right
\`\`\`

| الخطوة | المكان |
| --- | --- |
| createAgentProxy | الخادم |
| AgentChat | المتصفح |
`;

/**
 * A right-to-left answer in a right-to-left page: every block has `dir="auto"` (an English paragraph
 * in an Arabic answer reads left to right), the kit's CSS uses logical properties (list indents, quote
 * borders and the code header mirror), and code blocks stay left to right.
 */
export const RightToLeft: Story = {
  name: 'Right-to-left answer',
  args: { children: RTL_ANSWER },
  render: (args) => (
    <div dir="rtl" lang="ar">
      <StreamingMarkdown {...args} />
    </div>
  ),
  play: async ({ canvasElement }) => {
    const [arabic, english] = [...canvasElement.querySelectorAll<HTMLElement>('.wiro-md > p')];
    await expect(arabic).toHaveAttribute('dir', 'auto');
    await expect(getComputedStyle(arabic as HTMLElement).direction).toBe('rtl');
    await expect(getComputedStyle(english as HTMLElement).direction).toBe('ltr');
    const item = canvasElement.querySelector('li') as HTMLElement;
    await expect(getComputedStyle(item).direction).toBe('rtl');
    const code = canvasElement.querySelector('.wiro-code') as HTMLElement;
    await expect(getComputedStyle(code).direction).toBe('ltr');
    // The list indent is on the right: the inline start of a right-to-left list.
    const list = canvasElement.querySelector('ul') as HTMLElement;
    await expect(getComputedStyle(list).paddingRight).not.toBe('0px');
    await expect(getComputedStyle(list).paddingLeft).toBe('0px');
  },
};

const LONG_LIST = Array.from(
  { length: 200 },
  (_, i) => `${i + 1}. Check **item ${i + 1}**: confirm the setting and note it in the \`audit\` log.`,
).join('\n');

/** A 200-item list streaming: rendered item by item, so each update costs the last item, not the list. */
export const LongListStreaming: Story = {
  name: 'A 200-item list, streaming',
  parameters: { agent: { scenario: { text: `The checklist:\n\n${LONG_LIST}\n`, chunkChars: 60, intervalMs: 10 } } },
  render: (_args, { loaded }) => {
    const agent = agentOf(loaded);
    return (
      <MockProvider agent={agent}>
        <LiveAnswer token={agent.token} />
      </MockProvider>
    );
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await waitFor(() => expect(canvas.getByTestId('wire-status')).toHaveTextContent('status: agent_end'), LONG);
    await expect(canvasElement.querySelectorAll('ol')).toHaveLength(1);
    await expect(canvasElement.querySelectorAll('ol > li')).toHaveLength(200);
  },
};

/**
 * A toy stand-in for mermaid (not a dependency of the kit), drawing `graph LR; A-->B-->C` as boxes.
 * The real recipe is in this story's description.
 */
function ToyDiagram({ code, lang, complete }: CodeBlockRendererProps): ReactElement {
  const nodes = /^graph LR;\s*([\w-]+(?:\s*-->\s*[\w-]+)+)\s*$/.exec(code.trim())?.[1]?.split(/\s*-->\s*/);
  if (!complete || !nodes) {
    // Still arriving, or not a diagram this renderer understands: the source, as code.
    return (
      <pre data-diagram-source="">
        <code className={`language-${lang}`}>{code}</code>
      </pre>
    );
  }
  return (
    <figure data-diagram="" style={{ display: 'flex', gap: 8, alignItems: 'center', margin: 0, padding: 12 }}>
      {nodes.map((node, k) => (
        <span key={node} style={{ display: 'contents' }}>
          {k > 0 ? <span aria-hidden="true">→</span> : null}
          <span style={{ border: '1px solid var(--wiro-border)', borderRadius: 6, padding: '2px 8px' }}>{node}</span>
        </span>
      ))}
    </figure>
  );
}

const DIAGRAMS: MarkdownPlugin[] = [
  { name: 'toy-diagram', codeBlock: { accepts: (lang) => lang === 'mermaid', component: ToyDiagram } },
  codeHighlight(),
];

/**
 * Diagrams are a recipe, not a kit entry: a `MarkdownPlugin` whose `codeBlock` takes `mermaid` fences
 * draws a closed fence as a diagram and leaves an open one as code (`complete` tells which). This story
 * uses a toy renderer; with mermaid installed the component is:
 *
 * ```tsx
 * function MermaidDiagram({ code, complete }: CodeBlockRendererProps) {
 *   const [svg, setSvg] = useState<string | null>(null);
 *   const [failed, setFailed] = useState(false);
 *   useEffect(() => {
 *     if (!complete) return;
 *     let live = true;
 *     void import('mermaid').then(async ({ default: mermaid }) => {
 *       mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' });
 *       const { svg } = await mermaid.render(`d${crypto.randomUUID()}`, code);
 *       if (live) setSvg(svg);
 *     }).catch(() => live && setFailed(true));
 *     return () => { live = false; };
 *   }, [code, complete]);
 *   if (!complete || failed || svg === null) return <pre><code>{code}</code></pre>;
 *   return <div className="diagram" dangerouslySetInnerHTML={{ __html: svg }} />; // mermaid's sanitized SVG
 * }
 * const diagrams: MarkdownPlugin = { name: 'mermaid', codeBlock: { accepts: (l) => l === 'mermaid', component: MermaidDiagram } };
 * <AgentMessage plugins={[diagrams, codeHighlight()]} … />
 * ```
 */
export const DiagramRecipe: Story = {
  name: 'Recipe: diagrams (mermaid)',
  args: {
    children:
      'A pipeline:\n\n```mermaid\ngraph LR; Send-->Stream-->Render\n```\n\nA broken one stays source:\n\n```mermaid\nnot a graph\n```\n',
    plugins: DIAGRAMS,
  },
  play: async ({ canvasElement }) => {
    await expect(canvasElement.querySelector('figure[data-diagram]')).toHaveTextContent('Send→Stream→Render');
    await expect(canvasElement.querySelector('pre[data-diagram-source]')).toHaveTextContent('not a graph');
  },
};
