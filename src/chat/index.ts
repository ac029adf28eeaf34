/**
 * The chat layer: `useAgentChat` (history, send, live replies, cancel, retry, polling fallback,
 * reload resume) and its storage helpers.
 * @packageDocumentation
 */
export { useAgentChat, chatStatus } from './use-agent-chat';
export { sessionChatStorage, memoryChatStorage, pendingKey } from './pending-store';
export type { ChatStorage, PendingTurn } from './pending-store';
export { recordEvents, recordStream } from './records';
export { socketLooksBlocked } from './polling';
export type {
  ChatApi,
  ChatAttachment,
  ChatError,
  ChatMessage,
  ChatMessageStatus,
  ChatRecord,
  ChatStatus,
  UseAgentChatOptions,
  UseAgentChatResult,
} from './types';
