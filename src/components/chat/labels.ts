/**
 * User-facing strings of `<AgentChat>`, overridable through its `labels` prop (translation).
 * @packageDocumentation
 */
import { formatFileSize } from '../attachments/format.js';

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
  /** Reads a file size for a file about to be sent, e.g. `"12.3 kB"`. */
  fileSize: (bytes: number) => string;
  /** Accessible name of a turn's action bar. */
  actions: string;
  /** Asks for a new reply to the last message. */
  regenerate: string;
  /** Opens the last message for editing. */
  edit: string;
  /** Accessible name of the text box editing a message. */
  editMessage: string;
  /** Sends the edited message. */
  saveEdit: string;
  /** Leaves the edit without sending. */
  cancelEdit: string;
  /** Thumbs up. */
  goodReply: string;
  /** Thumbs down. */
  badReply: string;
  /** Accessible name (and placeholder) of the optional comment after a rating. */
  feedbackComment: string;
  /** Sends the comment. */
  sendFeedback: string;
  /** Shown once a rating (and its comment) was given. */
  feedbackThanks: string;
  /** The versions switcher's buttons. */
  previousVersion: string;
  nextVersion: string;
  /** The versions switcher's text, e.g. `"2 / 3"` (`index` from 1). */
  versionCount: (index: number, count: number) => string;
  /** Its accessible name, e.g. `"Version 2 of 3"`. */
  versionOf: (index: number, count: number) => string;
  /** Note on a regenerated or edited message whose original files could not be sent again. */
  filesNotResent: (names: readonly string[]) => string;
  /** The header button copying the whole conversation. */
  copyConversation: string;
  /** Shown after the conversation was copied. */
  copiedConversation: string;
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
  fileSize: (bytes: number) => formatFileSize(bytes),
  actions: 'Message actions',
  regenerate: 'Regenerate',
  edit: 'Edit',
  editMessage: 'Edit your message',
  saveEdit: 'Send',
  cancelEdit: 'Cancel',
  goodReply: 'Good reply',
  badReply: 'Bad reply',
  feedbackComment: 'Tell us more (optional)',
  sendFeedback: 'Send feedback',
  feedbackThanks: 'Thanks for your feedback',
  previousVersion: 'Previous version',
  nextVersion: 'Next version',
  versionCount: (index: number, count: number) => `${index} / ${count}`,
  versionOf: (index: number, count: number) => `Version ${index} of ${count}`,
  filesNotResent: (names: readonly string[]) =>
    names.length === 1
      ? `“${names[0]}” was not sent again: this page no longer holds the file.`
      : `${names.length} files were not sent again: this page no longer holds them.`,
  copyConversation: 'Copy conversation as Markdown',
  copiedConversation: 'Conversation copied',
});
