/**
 * User-facing strings of `<AgentSessionList>` and `<ChatLayout>`, overridable through their `labels`
 * prop (translation).
 * @packageDocumentation
 */
import type { AgentSessionsError } from '../../chat/sessions-types.js';

/** Every string the conversations list shows or announces. */
export interface AgentSessionListLabels {
  /** Accessible name of the list's navigation region. */
  list: string;
  /** The "New chat" button, and the title of a conversation nothing was sent in yet. */
  newChat: string;
  /** Title of a conversation whose last message has no text (e.g. only files). */
  untitled: string;
  /** How many messages a conversation holds. */
  messageCount: (count: number) => string;
  /** Read after each conversation's name: how to use the list from the keyboard. */
  keyboardHint: string;
  /** Shown while the list loads for the first time. */
  loading: string;
  /** Title of the empty list. */
  empty: string;
  /** Line under the empty list's title (empty string hides it). */
  emptyHint: string;
  /** The sentence shown for an error (default: the error's own sentence). */
  error: (error: Pick<AgentSessionsError, 'kind' | 'message'>) => string;
  /** Button that loads the list again after a failure. */
  retry: string;
  /** Button that hides an error. */
  dismiss: string;
  /** Accessible name of a conversation's delete button. */
  delete: (title: string) => string;
  /** The question of the confirm step. */
  confirmDelete: (title: string) => string;
  /** The confirm step's buttons. */
  confirm: string;
  cancel: string;
  /** Announced to screen readers once a conversation is removed from the list. */
  deleted: (title: string) => string;
}

/** The English defaults. */
export const defaultSessionListLabels: Readonly<AgentSessionListLabels> = /* @__PURE__ */ Object.freeze({
  list: 'Conversations',
  newChat: 'New chat',
  untitled: 'Untitled conversation',
  messageCount: (count: number) => (count === 1 ? '1 message' : `${count} messages`),
  keyboardHint: 'Arrow keys move between conversations, Enter opens one, Delete deletes it.',
  loading: 'Loading conversations…',
  empty: 'No conversations yet',
  emptyHint: 'Start a new chat and it will appear here.',
  error: (error: Pick<AgentSessionsError, 'kind' | 'message'>) =>
    error.message !== ''
      ? error.message
      : error.kind === 'delete'
        ? 'The conversation could not be deleted.'
        : 'The conversations could not be loaded.',
  retry: 'Try again',
  dismiss: 'Dismiss',
  delete: (title: string) => `Delete “${title}”`,
  confirmDelete: (title: string) => `Delete “${title}”? This cannot be undone.`,
  confirm: 'Delete',
  cancel: 'Cancel',
  deleted: (title: string) => `“${title}” deleted.`,
});

/** Strings of `<ChatLayout>`. */
export interface ChatLayoutLabels {
  /** Accessible name of the sidebar (and of the drawer on narrow screens). */
  sidebar: string;
  /** The toggle button while the drawer is closed. */
  openSidebar: string;
  /** The toggle button while the drawer is open, and the drawer's close button. */
  closeSidebar: string;
}

/** The English defaults. */
export const defaultChatLayoutLabels: Readonly<ChatLayoutLabels> = /* @__PURE__ */ Object.freeze({
  sidebar: 'Conversations',
  openSidebar: 'Show conversations',
  closeSidebar: 'Hide conversations',
});
