/**
 * `wiro-agent-react`: React hooks and components for streaming Wiro AI-agent replies over one
 * shared WebSocket.
 *
 * This entry holds everything a React app needs: the framework-free engine of `wiro-agent-react/core`
 * (re-exported here), and on top of it
 * - **react**: `AgentSocketProvider`, `useAgentStream`, `useAgentConnection`, `useAgentSocket`, and for
 *   model runs on the same socket `useTaskStream` and `useRunModel`;
 * - **components**: `AgentMessage`, `ThinkingBlock`, `StreamMetrics`, `StreamingMarkdown`, `CopyButton`,
 *   and for model runs `TaskProgress`, `TaskOutputs`, `TaskText`;
 * - **chat**: `useAgentChat` and the drop-in `AgentChat` widget with its parts;
 * - **conversations**: `useAgentSessions`, `AgentSessionList`, `ChatLayout`, the attachment pieces
 *   (`useAttachments`, `useFileDrop`, `usePasteFiles`, `AttachmentPreviews`, `MessageAttachments`),
 *   `RelativeTime` and `conversationToMarkdown`.
 *
 * Only the React modules carry `'use client'`, so the engine's functions stay callable from React
 * Server Components. Server-only code (the API-key proxy) lives in `wiro-agent-react/server`; mocks for
 * tests and Storybook in `wiro-agent-react/testing`, `/testing/msw` and `/testing/node`.
 * @packageDocumentation
 */
// Everything of the framework-free core, by name (api-report.json pins the list).
export {
  DEFAULT_SOCKET_URL,
  DEFAULT_WIRO_API_URL,
  TASK_ENDPOINTS,
  TASK_LOG_LIMIT,
  WiroApiError,
  createAgentApi,
  createAgentSocket,
  createStream,
  createTask,
  decodeFrame,
  decodeTaskFrame,
  isProtocolError,
  isTaskTerminalStatus,
  isTerminalStatus,
  isWiroApiError,
  redactToken,
  reduceStream,
  reduceTask,
  splitThinking,
  withTasks,
} from './core.js';
export type {
  AgentApi,
  AgentApiHeaders,
  AgentApiOptions,
  AgentCancelFrame,
  AgentEndFrame,
  AgentEndpoint,
  AgentErrorFrame,
  AgentInfoFrame,
  AgentLifecycleFrame,
  AgentMessageRecord,
  AgentMetrics,
  AgentOutputFrame,
  AgentProgress,
  AgentRequestOptions,
  AgentSocket,
  AgentSocketOptions,
  AgentStartFrame,
  AgentStatus,
  AgentStoreState,
  AgentStream,
  AgentStreamError,
  AgentSubscribedFrame,
  ConnectedFrame,
  ConnectionState,
  ConnectionStatus,
  ConnectionWatcher,
  DeleteSessionParams,
  FetchLike,
  HistoryPage,
  HistoryParams,
  LocalStreamEvent,
  LocalTaskEvent,
  MessageAttachment,
  MessageMetadata,
  MessageRef,
  MessageStatus,
  ProtocolError,
  ReadonlyStore,
  ReconnectOptions,
  RunInputValue,
  RunInputs,
  RunOptions,
  RunResult,
  SendParams,
  SendResult,
  ServerErrorFrame,
  ServerFrame,
  SessionSummary,
  SessionsParams,
  StreamEvent,
  StreamSegment,
  StreamWatcher,
  SubscribedStatus,
  TaskApi,
  TaskCancelFrame,
  TaskCostFrame,
  TaskDetailRecord,
  TaskEndpoint,
  TaskErrorFrame,
  TaskErrorFullFrame,
  TaskEvent,
  TaskFrameType,
  TaskInfoFrame,
  TaskLifecycleFrame,
  TaskLifecycleType,
  TaskOutputFile,
  TaskOutputFrame,
  TaskOutputFullFrame,
  TaskOutputMessage,
  TaskPostprocessEndFrame,
  TaskProgressFigures,
  TaskProtocolError,
  TaskRawContent,
  TaskRealtimeFrame,
  TaskRealtimeType,
  TaskRecord,
  TaskRecordFile,
  TaskRecordOutput,
  TaskRecordRaw,
  TaskRecordStatus,
  TaskRecoveryApi,
  TaskRef,
  TaskServerFrame,
  TaskSocket,
  TaskSocketMethods,
  TaskStatus,
  TaskStream,
  TaskStreamError,
  TaskTerminalStatus,
  TaskWatcher,
  TerminalStatus,
  ThinkingSplit,
  WebSocketConstructor,
  WebSocketLike,
  WiroApiErrorCode,
  WiroApiErrorInit,
  WiroEndpoint,
  WiroErrorItem,
  WithTasksOptions,
} from './core.js';

export { AgentSocketProvider } from './react/provider.js';
export type { AgentSocketProviderProps } from './react/provider.js';
export { useAgentStream } from './react/use-agent-stream.js';
export type { EqualityFn } from './react/use-agent-stream.js';
export { useAgentConnection } from './react/use-agent-connection.js';
export { useAgentSocket } from './react/use-agent-socket.js';
export { useTaskStream } from './react/use-task-stream.js';
export { useRunModel } from './react/use-run-model.js';
export type { RunModelStatus, UseRunModelOptions, UseRunModelResult } from './react/use-run-model.js';

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
export type {
  CodeBlockRenderer,
  CodeBlockRendererProps,
  MarkdownPluggableList,
  MarkdownPlugin,
} from './components/markdown/plugins.js';
export { safeUrlTransform } from './components/markdown/url.js';

export { TaskProgress } from './components/tasks/TaskProgress.js';
export type { TaskProgressProps } from './components/tasks/TaskProgress.js';
export { TaskOutputs } from './components/tasks/TaskOutputs.js';
export type { TaskOutputsProps } from './components/tasks/TaskOutputs.js';
export { TaskText } from './components/tasks/TaskText.js';
export { LinkPreviews } from './components/tasks/LinkPreviews.js';
export type { LinkPreviewsProps } from './components/tasks/LinkPreviews.js';
export type { TaskTextProps } from './components/tasks/TaskText.js';
export { taskStage } from './components/tasks/stage.js';
export type { TaskOutputKind, TaskStage } from './components/tasks/stage.js';
export { defaultTaskLabels } from './components/tasks/labels.js';
export type { TaskLabels } from './components/tasks/labels.js';

export { useAgentChat } from './chat/use-agent-chat.js';
export { memoryChatStorage, sessionChatStorage } from './chat/pending-store.js';
export type { ChatStorage, PendingTurn } from './chat/pending-store.js';
export type {
  ChatApi,
  ChatAttachment,
  ChatError,
  ChatFeedback,
  ChatFeedbackEvent,
  ChatFeedbackValue,
  ChatMessage,
  ChatMessageStatus,
  ChatRecord,
  ChatSentEvent,
  ChatStatus,
  ChatTurnVersions,
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
export type { StickToBottom, StickToBottomOptions } from './components/chat/use-stick-to-bottom.js';
export { defaultChatLabels } from './components/chat/labels.js';
export type { AgentChatLabels } from './components/chat/labels.js';

// Conversations (issue 14): the sessions list, a sidebar layout, attachments, relative times and the
// Markdown export, ready for `<AgentChat>` and for your own layouts.
export { useAgentSessions } from './chat/use-agent-sessions.js';
export { createSessionKey } from './chat/session-key.js';
export type {
  AgentSession,
  AgentSessionsError,
  SessionsApi,
  UseAgentSessionsOptions,
  UseAgentSessionsResult,
} from './chat/sessions-types.js';
export { AgentSessionList } from './components/sessions/AgentSessionList.js';
export type { AgentSessionListItem, AgentSessionListProps } from './components/sessions/AgentSessionList.js';
export { ChatLayout, ChatLayoutToggle } from './components/sessions/ChatLayout.js';
export type { ChatLayoutProps, ChatLayoutToggleProps } from './components/sessions/ChatLayout.js';
export { useChatLayout } from './components/sessions/layout-context.js';
export type { ChatLayoutState } from './components/sessions/layout-context.js';
export { defaultChatLayoutLabels, defaultSessionListLabels } from './components/sessions/labels.js';
export type { AgentSessionListLabels, ChatLayoutLabels } from './components/sessions/labels.js';

export { useAttachments } from './components/attachments/use-attachments.js';
export type { UseAttachmentsOptions, UseAttachmentsResult } from './components/attachments/use-attachments.js';
export { useFileDrop } from './components/attachments/use-file-drop.js';
export type { FileDrop, FileDropProps, UseFileDropOptions } from './components/attachments/use-file-drop.js';
export { usePasteFiles } from './components/attachments/use-paste-files.js';
export type { UsePasteFilesOptions } from './components/attachments/use-paste-files.js';
export { validateFiles } from './components/attachments/validate.js';
export type { AttachmentLimits, FileRejection, FileValidation } from './components/attachments/validate.js';
export { AttachmentPreviews } from './components/attachments/AttachmentPreviews.js';
export type { AttachmentPreviewsProps } from './components/attachments/AttachmentPreviews.js';
export { AttachmentErrors } from './components/attachments/AttachmentErrors.js';
export type { AttachmentErrorsProps } from './components/attachments/AttachmentErrors.js';
export { MessageAttachments } from './components/attachments/MessageAttachments.js';
export type { MessageAttachmentsProps } from './components/attachments/MessageAttachments.js';
export { DropOverlay } from './components/attachments/DropOverlay.js';
export type { DropOverlayProps } from './components/attachments/DropOverlay.js';
export { defaultAttachmentLabels } from './components/attachments/labels.js';
export type { AttachmentLabels } from './components/attachments/labels.js';

export { formatRelativeTime } from './components/time/relative-time.js';
export type { RelativeTimeOptions, RelativeTimeText } from './components/time/relative-time.js';
export { RelativeTime, useRelativeTime } from './components/time/RelativeTime.js';
export type { RelativeTimeProps, RelativeTimeValue } from './components/time/RelativeTime.js';
export { conversationToMarkdown, defaultConversationMarkdownLabels } from './chat/conversation-markdown.js';
export type { ConversationMarkdownLabels, ConversationMarkdownOptions } from './chat/conversation-markdown.js';
