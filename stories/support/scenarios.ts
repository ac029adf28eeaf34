/**
 * The scripted replies the stories stream: one per state a reply can be in. Each is a plain
 * `agentScenario` input, so any of them can be copied into your own tests.
 */
import type { AgentScenarioInput } from 'wiro-agent-react/testing';

/** A short reasoning paragraph, streamed before most answers. */
export const THINKING =
  'The user wants to know how to stream an agent reply into a React app. I should mention the shared socket, ' +
  'the provider, and the component that renders the answer as it arrives.';

/** A typical answer with a little Markdown. */
export const SHORT_ANSWER =
  'Wrap your app in `<AgentSocketProvider>` and render `<AgentMessage agenttoken={token} />`. ' +
  'The reply streams in **as the agent writes it**, over one WebSocket shared by every message on the page.';

/** Several paragraphs, for replies that alternate thinking and answering. */
export const INTERLEAVED_ANSWER = [
  'First, the provider opens **one** socket for the whole page.',
  'Then each message subscribes with its agenttoken; the server sends the full text so far on every update.',
  'Finally, when the reply ends, the socket is closed once nothing else is streaming.',
].join('\n\n');

/** Reasoning blocks that alternate with {@link INTERLEAVED_ANSWER}'s paragraphs. */
export const INTERLEAVED_THINKING = [
  'Start with the connection model.',
  'Next, how a single message follows its reply.',
  'Last, what happens at the end.',
];

/** A long answer with headings, lists, code, a table and a quote. */
export const LONG_MARKDOWN = `## Streaming replies in React

The kit keeps **one** WebSocket per provider and fans frames out to every subscribed message.

### Steps

1. Send the user's message through your server-side proxy.
2. Subscribe to the returned \`agenttoken\`.
3. Render the stream:
   - thinking blocks collapse when the answer starts;
   - the answer is Markdown, healed while it is incomplete.

\`\`\`tsx
import { AgentSocketProvider, AgentMessage } from 'wiro-agent-react';

export function Reply({ token }: { token: string }) {
  return (
    <AgentSocketProvider>
      <AgentMessage agenttoken={token} showMetrics />
    </AgentSocketProvider>
  );
}
\`\`\`

| Event | Meaning | Final? |
| --- | --- | --- |
| \`agent_start\` | the agent picked the message up | no |
| \`agent_output\` | the full text so far | no |
| \`agent_end\` | the answer is complete | yes |
| \`agent_error\` | the agent failed | yes |

> Tip: a reconnecting socket re-subscribes and recovers the text from the snapshot, so nothing is lost.

Read more in the [Wiro docs](https://wiro.ai/docs).`;

/** Plain text (no Markdown), so what is shown can be compared with what was sent, character for character. */
export const PLAIN_LONG = Array.from({ length: 30 }, (_, i) => `Sentence ${i + 1} of the reply arrives in order.`).join(
  ' ',
);

/** The states every component has a story for. */
export type ReplyState =
  | 'queued'
  | 'thinking'
  | 'interleaved'
  | 'longMarkdown'
  | 'stringError'
  | 'objectError'
  | 'cancelled'
  | 'unknownToken'
  | 'reconnecting'
  | 'dark'
  | 'narrow';

/** How a state is staged: its scripted reply and, for some, the connection, theme or width around it. */
export interface ReplyStateSetup {
  /** What the story shows, for the docs page. */
  description: string;
  scenario: AgentScenarioInput;
  /** Refuse reconnections for a while after the drop (see `refuseAfterFirst`). */
  refuseReconnectsMs?: number;
  theme?: 'dark';
  /** Container width in px. */
  width?: number;
}

/** A day: long enough for a queued reply to stay queued while anyone looks at it. */
const FOREVER_MS = 24 * 60 * 60 * 1000;

/** Every state, staged. */
export const REPLY_STATES: Readonly<Record<ReplyState, ReplyStateSetup>> = {
  queued: {
    description: 'Accepted by the server, not yet picked up by the agent: a quiet placeholder.',
    scenario: { text: SHORT_ANSWER, queueMs: FOREVER_MS },
  },
  thinking: {
    description: 'The model reasons before answering: a live timer, then "Thought for N s", collapsed.',
    scenario: { thinking: `${THINKING} ${THINKING}`, text: SHORT_ANSWER, chunkChars: 6, intervalMs: 45 },
  },
  interleaved: {
    description: 'Thinking blocks alternate with parts of the answer, shown in reply order.',
    scenario: { thinking: INTERLEAVED_THINKING, text: INTERLEAVED_ANSWER, chunkChars: 8, intervalMs: 35 },
  },
  longMarkdown: {
    description: 'Headings, lists, a code block with a copy button, a table and a quote, healed while streaming.',
    scenario: { text: LONG_MARKDOWN, chunkChars: 24, intervalMs: 30 },
  },
  stringError: {
    description:
      'The agent failed mid-reply (`agent_error` with a sentence): the partial text stays, the error is an alert.',
    scenario: { text: SHORT_ANSWER, fail: 'string', chunkChars: 10, intervalMs: 30 },
  },
  objectError: {
    description: 'The agent finished without a real answer (`agent_error` with a progress object).',
    scenario: { text: '...', fail: 'object', intervalMs: 30 },
  },
  cancelled: {
    description: 'The run was cancelled part-way (`agent_cancel`): the text so far stays, marked as cancelled.',
    scenario: { thinking: THINKING, text: LONG_MARKDOWN, cancelAt: 420, chunkChars: 20, intervalMs: 30 },
  },
  unknownToken: {
    description: 'The server does not know the token (expired or mistyped): a clear message, nothing streams.',
    scenario: { text: '', unknown: true },
  },
  reconnecting: {
    description:
      'The connection drops mid-reply and the server refuses reconnections for a few seconds: the text stays, ' +
      'a "Reconnecting…" note shows, and the reply completes from the snapshot once the socket is back.',
    scenario: { text: LONG_MARKDOWN, dropConnectionAt: 300, chunkChars: 12, intervalMs: 60 },
    refuseReconnectsMs: 2500,
  },
  dark: {
    description: 'The same reply under `[data-theme="dark"]` (or `.wiro-dark`, or the OS preference).',
    scenario: { thinking: THINKING, text: LONG_MARKDOWN, chunkChars: 24, intervalMs: 30 },
    theme: 'dark',
  },
  narrow: {
    description: 'A phone-width container: code and tables scroll inside the reply, nothing overflows.',
    scenario: { thinking: THINKING, text: LONG_MARKDOWN, chunkChars: 24, intervalMs: 30 },
    width: 360,
  },
};

/**
 * A connection policy for {@link ReplyStateSetup.refuseReconnectsMs}: accept the first connection, refuse
 * every new one for `ms` after the first refusal, then accept again.
 */
export function refuseAfterFirst(ms: number): (connection: number) => boolean {
  let firstRefusal: number | null = null;
  return (connection) => {
    if (connection === 1) return true;
    firstRefusal ??= Date.now();
    return Date.now() - firstRefusal >= ms;
  };
}
