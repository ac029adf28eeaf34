/**
 * User-facing strings of `<AgentChat>`, overridable through its `labels` prop (translation).
 * @packageDocumentation
 */

/** Every string the chat widget shows or announces (the replies' own strings are `AgentMessageLabels`). */
export interface AgentChatLabels {
  /** Accessible name of the whole chat region. */
  chat: string;
  /** Accessible name of the message list. */
  log: string;
  /** Title of the empty state. */
  emptyTitle: string;
  /** Line under the empty-state title (empty string hides it). */
  emptyHint: string;
  /** Heading of the suggestions list. */
  suggestions: string;
  /** Placeholder and accessible name of the text box. */
  placeholder: string;
  send: string;
  stop: string;
  attach: string;
  /** Accessible name of a chip's remove button. */
  removeAttachment: (name: string) => string;
  retry: string;
  /** Shown while the conversation loads. */
  loading: string;
  loadOlder: string;
  loadingOlder: string;
  jumpToLatest: string;
  dismiss: string;
  /** Shown under a turn whose Send is in flight. */
  sending: string;
  /** Shown under a turn whose Send failed, when the error has no message. */
  sendFailed: string;
  /** Read after a sent file's link. */
  opensInNewTab: string;
  /** Accessible name of the user's part of a turn. */
  you: string;
  /** Accessible name of the agent's part of a turn. */
  agent: string;
  /** Connection indicator states. */
  connected: string;
  connecting: string;
  reconnecting: string;
  polling: string;
  offline: string;
  /** Reads a file size for a chip, e.g. `"12 KB"`. */
  fileSize: (bytes: number) => string;
}

/** The English defaults. */
export const defaultChatLabels: Readonly<AgentChatLabels> = /* @__PURE__ */ Object.freeze({
  chat: 'Chat with the agent',
  log: 'Conversation',
  emptyTitle: 'How can I help?',
  emptyHint: 'Ask a question to start the conversation.',
  suggestions: 'Suggestions',
  placeholder: 'Write a message…',
  send: 'Send',
  stop: 'Stop',
  attach: 'Attach files',
  removeAttachment: (name: string) => `Remove ${name}`,
  retry: 'Retry',
  loading: 'Loading the conversation…',
  loadOlder: 'Load older messages',
  loadingOlder: 'Loading…',
  jumpToLatest: 'Jump to latest',
  dismiss: 'Dismiss',
  sending: 'Sending…',
  sendFailed: 'The message could not be sent.',
  opensInNewTab: '(opens in a new tab)',
  you: 'You',
  agent: 'Agent',
  connected: 'Connected',
  connecting: 'Connecting…',
  reconnecting: 'Reconnecting…',
  polling: 'Offline: checking for replies',
  offline: 'Offline',
  fileSize: formatBytes,
});

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
