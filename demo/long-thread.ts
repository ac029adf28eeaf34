/**
 * A long conversation for the demo's `?turns=N`, the chat benchmark and the long-thread e2e test:
 * questions and finished answers in mixed Markdown (lists, code, tables, headings, plain lines), in
 * varied lengths so the turns have different heights. Deterministic: turn `i` is always the same.
 */

/** One stored turn: what the user asked and what the agent answered. */
export interface SeededTurn {
  question: string;
  answer: string;
  /** Reasoning before the answer, on some turns. */
  thinking?: string;
}

const TOPICS = [
  'the socket',
  'reconnecting',
  'the proxy',
  'markdown healing',
  'thinking blocks',
  'history pages',
  'polling',
  'attachments',
  'metrics',
  'the mock server',
  'StrictMode',
  'server rendering',
] as const;

/** Turn `i` (0-based) of the long conversation. */
export function seededTurn(i: number): SeededTurn {
  const n = i + 1;
  const topic = TOPICS[i % TOPICS.length] as string;
  switch (i % 6) {
    case 0:
      return {
        question: `Turn ${n}: what should I know about ${topic}?`,
        answer: [
          `Three things about **${topic}** (turn ${n}):`,
          '',
          `- it is shared by every reply on the page`,
          `- it recovers on its own after a fault`,
          `  - the text is replaced, never appended`,
          `  - nothing is lost or doubled`,
          `- it costs nothing while idle`,
        ].join('\n'),
      };
    case 1:
      return {
        question: `Turn ${n}: show me code for ${topic}.`,
        thinking: `The user wants an example about ${topic}; a short function will do.`,
        answer: [
          `Here is a small example (turn ${n}):`,
          '',
          '```ts',
          `export function turn${n}(input: string): string {`,
          `  // ${topic}`,
          `  const words = input.split(/\\s+/).filter(Boolean);`,
          `  return words.map((word) => word.toUpperCase()).join(' ');`,
          '}',
          '```',
          '',
          'It splits the input into words and upper-cases each one.',
        ].join('\n'),
      };
    case 2:
      return {
        question: `Turn ${n}: compare the options for ${topic}.`,
        answer: [
          `| Option | Cost | Turn |`,
          `| --- | --- | --- |`,
          `| keep it | none | ${n} |`,
          `| replace it | one render | ${n} |`,
          `| remove it | a reconnect | ${n} |`,
          '',
          `For ${topic}, keeping it is usually right.`,
        ].join('\n'),
      };
    case 3:
      return {
        question: `Turn ${n}: explain ${topic} step by step, in detail please.`,
        answer: [
          `### ${topic[0]?.toUpperCase() ?? ''}${topic.slice(1)}, step by step`,
          '',
          `1. The client asks the server for turn ${n}.`,
          '2. The server answers with the text so far.',
          '3. The client shows it, and asks again only when something changed.',
          '',
          `This is a longer paragraph, so that turns differ in height. ${'It keeps going for a while, the way real answers do when the question asks for detail. '.repeat(1 + (i % 4))}`,
        ].join('\n'),
      };
    case 4:
      return { question: `Turn ${n}: ok, thanks.`, answer: `You are welcome (turn ${n}).` };
    default:
      return {
        question: `Turn ${n}: one more question about ${topic}. ${'Some context. '.repeat(i % 5)}`,
        answer: `Short answer for turn ${n}: yes, \`${topic}\` works that way. See the previous turns for **details**.`,
      };
  }
}
