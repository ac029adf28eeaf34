/**
 * The drop-in chat widget and its parts, for apps that want to arrange them differently.
 * @packageDocumentation
 */
export { AgentChat } from './AgentChat';
export type { AgentChatProps } from './AgentChat';
export { ChatTurn } from './ChatTurn';
export type { ChatTurnProps } from './ChatTurn';
export { Composer } from './Composer';
export type { ComposerProps } from './Composer';
export { MessageList } from './MessageList';
export type { MessageListProps } from './MessageList';
export { ConnectionIndicator, connectionIndicatorState } from './ConnectionIndicator';
export type { ConnectionIndicatorProps, ConnectionIndicatorState } from './ConnectionIndicator';
export { ErrorBanner } from './ErrorBanner';
export type { ErrorBannerProps } from './ErrorBanner';
export { EmptyState } from './EmptyState';
export type { EmptyStateProps } from './EmptyState';
export { useStickToBottom } from './use-stick-to-bottom';
export type { StickToBottom } from './use-stick-to-bottom';
export { defaultChatLabels } from './labels';
export type { AgentChatLabels } from './labels';
