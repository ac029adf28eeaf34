/**
 * "Copy conversation as Markdown": the chat's turns as one Markdown document. Pure (no React, no DOM).
 * @packageDocumentation
 */
import { safeUrlTransform } from '../components/markdown/url.js';
import type { AgentStream } from '../store/types.js';
import type { ChatAttachment, ChatMessage } from './types.js';

/** Words of the exported document (translation). */
export interface ConversationMarkdownLabels {
  /** Heading of the user's part of a turn. */
  you: string;
  /** Heading of the agent's part of a turn. */
  agent: string;
  /** Summary of a reply's reasoning (with `thinking: 'details'`). */
  thinking: string;
  /** Heading of a turn's attachments list. */
  attachments: string;
  /** Note on a reply still being written when the document was made. */
  inProgress: string;
  /** Note on a cancelled reply (its partial text is kept above it). */
  cancelled: string;
  /** Note on a failed reply, with the reason when known (`""` otherwise). */
  failed: (reason: string) => string;
  /** Note on a message that was never sent. */
  notSent: string;
}

/** The English defaults. */
export const defaultConversationMarkdownLabels: Readonly<ConversationMarkdownLabels> = /* @__PURE__ */ Object.freeze({
  you: 'You',
  agent: 'Agent',
  thinking: 'Thinking',
  attachments: 'Attachments',
  inProgress: 'The reply was still being written.',
  cancelled: 'The reply was stopped.',
  failed: (reason: string) => (reason === '' ? 'The reply failed.' : `The reply failed: ${reason}`),
  notSent: 'This message was not sent.',
});

/** Options of {@link conversationToMarkdown}. */
export interface ConversationMarkdownOptions {
  /**
   * Where replies streaming live are read from: a turn with `stream === null` has its reply in the
   * socket's store, so pass `socket.getStream` (from `useAgentSocket()`). Without it such replies are
   * exported from nothing (only their status note).
   */
  getStream?: (agenttoken: string) => AgentStream | undefined;
  /**
   * The model's reasoning: `'omit'` (default) leaves it out; `'details'` keeps it, in order with the
   * answer, inside collapsed `<details>` blocks (GitHub and most Markdown viewers fold them).
   */
  thinking?: 'omit' | 'details';
  /** A `# title` line at the top. */
  title?: string;
  /** Put each turn's date and time (ISO 8601, UTC) under its heading. Default `false`. */
  timestamps?: boolean;
  /** Checks each attachment URL; `null` refuses it (the file is named, not linked). Default `safeUrlTransform`. */
  urlTransform?: (url: string) => string | null;
  labels?: Partial<ConversationMarkdownLabels>;
}

/**
 * The conversation as Markdown, oldest turn first: for each turn a `## You` section with what the user
 * wrote and the files they sent (as links), then an `## Agent` section with the reply's Markdown as the
 * agent wrote it. A reply that was cancelled, failed or is still running says so in an italic note; the
 * reasoning is left out unless `thinking: 'details'`.
 *
 * The user's text is kept as written (people often type Markdown); a line that would turn into a heading
 * or a rule of this document's structure is escaped.
 *
 * @example
 * ```ts
 * const socket = useAgentSocket();
 * const markdown = conversationToMarkdown(chat.messages, { getStream: (t) => socket.getStream(t) });
 * await navigator.clipboard.writeText(markdown);
 * ```
 */
export function conversationToMarkdown(
  messages: readonly ChatMessage[],
  options: ConversationMarkdownOptions = {},
): string {
  const labels = { ...defaultConversationMarkdownLabels, ...options.labels };
  const urlTransform = options.urlTransform ?? safeUrlTransform;
  const parts: string[] = [];
  if (options.title !== undefined && options.title.trim() !== '') parts.push(`# ${oneLine(options.title)}`);
  for (const message of messages) {
    parts.push(userSection(message, labels, urlTransform, options.timestamps === true));
    const reply = agentSection(message, labels, options);
    if (reply !== null) parts.push(reply);
  }
  return `${parts.join('\n\n')}\n`;
}

function userSection(
  message: ChatMessage,
  labels: ConversationMarkdownLabels,
  urlTransform: (url: string) => string | null,
  timestamps: boolean,
): string {
  const lines = [`## ${oneLine(labels.you)}`];
  if (timestamps && message.createdAt > 0) lines.push('', `<sub>${new Date(message.createdAt).toISOString()}</sub>`);
  const text = message.content.trim();
  if (text !== '') lines.push('', protectStructure(text));
  if (message.attachments.length > 0) {
    lines.push('', `${oneLine(labels.attachments)}:`, '');
    for (const file of message.attachments) lines.push(`- ${attachmentLink(file, urlTransform)}`);
  }
  if (message.status === 'send-failed') lines.push('', `_${oneLine(labels.notSent)}_`);
  return lines.join('\n');
}

function agentSection(
  message: ChatMessage,
  labels: ConversationMarkdownLabels,
  options: ConversationMarkdownOptions,
): string | null {
  if (message.status === 'sending' || message.status === 'send-failed') return null;
  const stream =
    message.stream ?? (message.agenttoken !== null ? (options.getStream?.(message.agenttoken) ?? null) : null);
  const body: string[] = [];
  if (stream !== null) {
    if (options.thinking === 'details') {
      for (const segment of stream.segments) {
        const text = segment.text.trim();
        if (text === '') continue;
        body.push(segment.kind === 'answer' ? text : details(labels.thinking, text));
      }
    } else if (stream.answer.trim() !== '') {
      body.push(stream.answer.trim());
    }
  }
  const note = statusNote(message, stream, labels);
  if (note !== null) body.push(`_${oneLine(note)}_`);
  if (body.length === 0) return null;
  return [`## ${oneLine(labels.agent)}`, ...body].join('\n\n');
}

function statusNote(
  message: ChatMessage,
  stream: AgentStream | null,
  labels: ConversationMarkdownLabels,
): string | null {
  switch (message.status) {
    case 'queued':
    case 'streaming':
      return labels.inProgress;
    case 'cancelled':
      return labels.cancelled;
    case 'error':
      return labels.failed(stream?.error?.message.trim() ?? '');
    default:
      return null;
  }
}

function details(summary: string, text: string): string {
  // Blank lines around the content let Markdown inside a <details> render as Markdown.
  return `<details>\n<summary>${escapeHtml(oneLine(summary))}</summary>\n\n${text}\n\n</details>`;
}

function attachmentLink(file: ChatAttachment, urlTransform: (url: string) => string | null): string {
  const name = escapeLinkText(file.name === '' ? 'file' : file.name);
  const url = file.url === null ? null : urlTransform(file.url);
  if (url === null || url.trim() === '') return name;
  // The pointy-bracket form takes spaces and parentheses in the URL as they are.
  return `[${name}](<${url.replace(/[<>\n\r]/g, encodeURIComponent)}>)`;
}

/** Backslash-escape what would end or nest a link's text, or emphasise it. */
function escapeLinkText(text: string): string {
  return oneLine(text).replace(/[\\[\]*_`<>]/g, '\\$&');
}

/** An ATX heading, a thematic break (`---`, `* * *`) or a setext underline (`===`, `---`). */
const STRUCTURAL_LINE = /^ {0,3}(?:#{1,6}(?:[ \t]|$)|([-*_])(?:[ \t]*\1){2,}[ \t]*$|=+[ \t]*$|-+[ \t]*$)/;

/**
 * The user's text as written, except lines that would break the document's own structure: headings
 * (`# …`, or a line underlined with `===`/`---`, which would look like a new section) and rules are
 * backslash-escaped.
 */
function protectStructure(text: string): string {
  return text
    .split('\n')
    .map((line) => (STRUCTURAL_LINE.test(line) ? `\\${line.trimStart()}` : line))
    .join('\n');
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
