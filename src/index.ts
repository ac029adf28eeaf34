/**
 * `wiro-agent-react`: React hooks and components for streaming Wiro AI-agent replies over one
 * shared WebSocket.
 *
 * This entry holds everything a React app needs: the framework-free engine of `wiro-agent-react/core`
 * (re-exported here), and on top of it
 * - **react**: `AgentSocketProvider`, `useAgentStream`, `useAgentConnection`, `useAgentSocket`;
 * - **components**: `AgentMessage`, `ThinkingBlock`, `StreamMetrics`, `StreamingMarkdown`, `CopyButton`;
 * - **chat**: `useAgentChat` and the drop-in `AgentChat` widget with its parts.
 *
 * Only the React modules carry `'use client'`, so the engine's functions stay callable from React
 * Server Components. Server-only code (the API-key proxy) lives in `wiro-agent-react/server`; mocks for
 * tests and Storybook in `wiro-agent-react/testing`, `/testing/msw` and `/testing/node`.
 * @packageDocumentation
 */
export * from './core.js';

export { AgentSocketProvider } from './react/provider.js';
export type { AgentSocketProviderProps } from './react/provider.js';
export { useAgentStream } from './react/use-agent-stream.js';
export type { EqualityFn } from './react/use-agent-stream.js';
export { useAgentConnection } from './react/use-agent-connection.js';
export { useAgentSocket } from './react/use-agent-socket.js';

export { AgentMessage } from './components/AgentMessage.js';
export type { AgentMessageProps, AgentMessageStatus } from './components/AgentMessage.js';
export { ThinkingBlock } from './components/ThinkingBlock.js';
export type { ThinkingBlockProps } from './components/ThinkingBlock.js';
export { StreamMetrics } from './components/StreamMetrics.js';
export type { StreamMetricsProps } from './components/StreamMetrics.js';
export { CopyButton } from './components/CopyButton.js';
export type { CopyButtonProps } from './components/CopyButton.js';
export type { CopyHandler, CopyKind } from './components/kit.js';
export { defaultLabels } from './components/labels.js';
export type { AgentMessageLabels } from './components/labels.js';
export { StreamingMarkdown } from './components/markdown/StreamingMarkdown.js';
export type { StreamingMarkdownProps } from './components/markdown/StreamingMarkdown.js';
export { safeUrlTransform } from './components/markdown/url.js';

export { useAgentChat } from './chat/use-agent-chat.js';
export { memoryChatStorage, sessionChatStorage } from './chat/pending-store.js';
export type { ChatStorage, PendingTurn } from './chat/pending-store.js';
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
} from './chat/types.js';

export { AgentChat } from './components/chat/AgentChat.js';
export type { AgentChatProps } from './components/chat/AgentChat.js';
export { ChatTurn } from './components/chat/ChatTurn.js';
export type { ChatTurnProps } from './components/chat/ChatTurn.js';
export { Composer } from './components/chat/Composer.js';
export type { ComposerProps } from './components/chat/Composer.js';
export { MessageList } from './components/chat/MessageList.js';
export type { MessageListProps } from './components/chat/MessageList.js';
export { ConnectionIndicator } from './components/chat/ConnectionIndicator.js';
export type { ConnectionIndicatorProps, ConnectionIndicatorState } from './components/chat/ConnectionIndicator.js';
export { ErrorBanner } from './components/chat/ErrorBanner.js';
export type { ErrorBannerProps } from './components/chat/ErrorBanner.js';
export { EmptyState } from './components/chat/EmptyState.js';
export type { EmptyStateProps } from './components/chat/EmptyState.js';
export { useStickToBottom } from './components/chat/use-stick-to-bottom.js';
export type { StickToBottom } from './components/chat/use-stick-to-bottom.js';
export { defaultChatLabels } from './components/chat/labels.js';
export type { AgentChatLabels } from './components/chat/labels.js';
