/**
 * What the demo's mock agent answers. The prompts are offered as suggestions in the demo, and the
 * end-to-end tests send them and compare what the page shows with the scripted text.
 */
import type { AgentScenarioInput } from 'wiro-agent-react/testing';

/** The prompts the demo suggests; each picks one scripted reply. */
export const DEMO_PROMPTS = {
  markdown: 'Show me Markdown with code and a table',
  think: 'Think it through step by step',
  plain: 'Stream a long plain-text reply',
  slow: 'Count slowly to one hundred',
  error: 'Fail with an error',
  grid: 'Think, then count to thirty',
  rich: 'Show me code, math and Arabic',
} as const;

/** A long reply with no Markdown syntax, so the text on screen equals the script character for character. */
export const PLAIN_REPLY = Array.from(
  { length: 40 },
  (_, i) => `Sentence ${String(i + 1).padStart(2, '0')} of the plain reply arrives in order.`,
).join(' ');

/** Reasoning for the thinking prompt. */
export const THINK_REASONING =
  'First I restate the question. Then I list what the kit does: one socket, many streams, Markdown ' +
  'healed while it streams. Finally I check that nothing in the answer needs an API key in the browser.';

/** The answer after {@link THINK_REASONING}. */
export const THINK_ANSWER = 'Step by step: one provider, one socket, and every reply streams on its own.';

const MARKDOWN_REPLY = `## What you are looking at

This reply streams from a **mock Wiro agent** on your machine, through the same server-side proxy you would
deploy, to \`<AgentChat>\`.

- one WebSocket for every reply on the page
- thinking blocks that collapse when the answer starts
- Markdown that renders while it is still incomplete

\`\`\`ts
const api = createAgentApi({ baseUrl: '/api/wiro' }); // key stays server-side
\`\`\`

| Piece | Where it runs |
| --- | --- |
| \`createAgentProxy\` | your server |
| \`<AgentChat>\` | the browser |
`;

/**
 * A reply for the demo's plugins (`codeHighlight()` and `math()`): highlighted code in two languages,
 * display and inline math (and a price that stays text), and a right-to-left paragraph.
 */
export const RICH_REPLY = String.raw`### Highlighted code

${'```'}ts
// Subscribe to a reply and render it as it streams.
export function Reply({ token }: { token: string }) {
  const { answer, isStreaming } = useAgentStream(token);
  return <StreamingMarkdown streaming={isStreaming}>{answer}</StreamingMarkdown>;
}
${'```'}

${'```'}python
def backoff(attempt: int, cap: float = 30.0) -> float:
    return min(cap, 2 ** attempt)  # seconds
${'```'}

### Math

The retry delay doubles until it reaches the cap:

$$
d_n = \min\left(c,\; 2^{n}\right), \qquad \sum_{k=0}^{n-1} 2^{k} = 2^{n} - 1
$$

Inline, \(e^{i\pi} + 1 = 0\); and a price stays a price: the plan costs $20 a month.

### من اليمين إلى اليسار

هذه فقرة باللغة العربية: يعرض المكوّن النص أثناء وصوله، ويتبع اتجاه كل فقرة محتواها.
`;

/** The numbers the slow prompt counts through. */
export const SLOW_REPLY = Array.from({ length: 100 }, (_, i) => String(i + 1)).join(', ') + '.';

/** Reasoning for the grid prompt. */
export const GRID_REASONING = 'Counting, one number at a time.';

/** What every chat of the 20-chat page answers: slow enough that all of them stream at the same time. */
export const GRID_REPLY = Array.from({ length: 30 }, (_, i) => String(i + 1)).join(', ') + '.';

/** How many times each message was sent in each session, so a regenerated reply reads differently. */
const asked = new Map<string, number>();

/** The echo of a message the demo has no script for; the `n`th time it is asked in its session, from 1. */
export function echoReply(text: string, n = 1): string {
  const again = n > 1 ? `\n\nThis is answer ${n} to the same message: regenerated.` : '';
  return `You wrote: “${text.slice(0, 200)}”.\n\nThis demo answers from a scripted mock agent. Try one of the suggestions to see Markdown, thinking, errors and a long reply.${again}`;
}

/** The scripted reply to a message (`context`: where it was sent, as the mock agent tells it). */
export function demoReply(text: string, context?: { sessionkey: string }): AgentScenarioInput {
  switch (text.trim()) {
    case DEMO_PROMPTS.plain:
      return { text: PLAIN_REPLY, chunkChars: 12, intervalMs: 40 };
    case DEMO_PROMPTS.think:
      return { thinking: THINK_REASONING, text: THINK_ANSWER, chunkChars: 4, intervalMs: 40 };
    case DEMO_PROMPTS.slow:
      return { text: SLOW_REPLY, chunkChars: 2, intervalMs: 60 };
    case DEMO_PROMPTS.error:
      return { text: 'I started answering, but', fail: 'string', chunkChars: 4, intervalMs: 40 };
    case DEMO_PROMPTS.grid:
      return { thinking: GRID_REASONING, text: GRID_REPLY, chunkChars: 2, intervalMs: 80 };
    case DEMO_PROMPTS.rich:
      return { text: RICH_REPLY, chunkChars: 12, intervalMs: 30 };
    case DEMO_PROMPTS.markdown:
      return { thinking: 'A tour of what the kit renders.', text: MARKDOWN_REPLY, chunkChars: 16, intervalMs: 30 };
    default: {
      const key = JSON.stringify([context?.sessionkey ?? '', text]);
      const n = (asked.get(key) ?? 0) + 1;
      asked.set(key, n);
      return {
        thinking: 'The user wrote something of their own; I will echo it back.',
        text: echoReply(text, n),
        chunkChars: 10,
        intervalMs: 30,
      };
    }
  }
}
