'use client';

import { useCallback, useContext, useState, type ReactElement, type ReactNode } from 'react';
import type { Components } from 'react-markdown';
import { useAgentChat } from '../../chat/use-agent-chat.js';
import type { ChatMessage, UseAgentChatOptions } from '../../chat/types.js';
import type { AgentSocket, AgentSocketOptions } from '../../connection/types.js';
import { AgentSocketContext } from '../../react/context.js';
import { AgentSocketProvider } from '../../react/provider.js';
import { kitClass, rootClass, useStableMerge, type CopyHandler } from '../kit.js';
import type { AgentMessageLabels } from '../labels.js';
import type { MarkdownPlugin } from '../markdown/plugins.js';
import { ChatTurn } from './ChatTurn.js';
import { Composer } from './Composer.js';
import { ConnectionIndicator } from './ConnectionIndicator.js';
import { EmptyState } from './EmptyState.js';
import { ErrorBanner } from './ErrorBanner.js';
import { defaultChatLabels, type AgentChatLabels } from './labels.js';
import { MessageList } from './MessageList.js';

/** Props of {@link AgentChat}: the {@link useAgentChat} options plus how the widget looks and connects. */
export interface AgentChatProps extends UseAgentChatOptions {
  /**
   * Socket URL, used only when the chat brings its own `AgentSocketProvider` (none above it).
   * Default `wss://socket.wiro.ai/v1`.
   */
  socketUrl?: string;
  /** Options for the socket the chat creates when there is no provider above (read once). */
  socketOptions?: AgentSocketOptions;
  /** A socket you own, used when there is no provider above. */
  socket?: AgentSocket;
  /** Shown in the header (with the connection indicator). */
  title?: ReactNode;
  /** One-click prompts in the empty state. */
  suggestions?: readonly string[];
  /** Replaces the whole empty state. */
  emptyState?: ReactNode;
  /** Offer a file picker in the composer. Default `true`. */
  allowAttachments?: boolean;
  /** The file input's `accept`. */
  accept?: string;
  /** Focus the composer on mount. Default `false`. */
  autoFocus?: boolean;
  /** Show the model's reasoning in the replies. Default `true`. */
  showThinking?: boolean;
  /** Show speed and counts under the replies. Default `false`. */
  showMetrics?: boolean;
  /** react-markdown components for the replies (keep the object stable). */
  components?: Components;
  /**
   * Markdown plugins for the replies (`codeHighlight()`, `math()`, your own; see `AgentMessage`). A new
   * array holding the same plugins re-renders nothing.
   */
  plugins?: readonly MarkdownPlugin[];
  /** Called after a reply or code block was copied. */
  onCopy?: CopyHandler;
  /**
   * Mount only the turns in view, so a conversation of thousands of turns stays as fast as a short one.
   * Default `true`. Find-in-page then only finds text in mounted turns: pass `false` to keep every
   * loaded turn in the DOM (see `MessageListProps.virtualize`).
   */
  virtualize?: boolean;
  className?: string;
  /** Render without the kit's class names (bring your own CSS). Default `false`. */
  unstyled?: boolean;
  /** The widget's strings (translation). */
  labels?: Partial<AgentChatLabels>;
  /** The replies' strings (translation). */
  messageLabels?: Partial<AgentMessageLabels>;
}

/**
 * A complete chat with one agent session: history with "Load older", live streaming replies, a
 * composer with attachments, Stop and Retry, an error banner and a connection indicator.
 *
 * Brings its own `AgentSocketProvider` when there is none above it (configured by `socketUrl`,
 * `socketOptions` or `socket`); under an existing provider it shares that socket. Fills its container
 * (give the container a height), from 360 px wide to full page.
 *
 * @example
 * ```tsx
 * const api = useMemo(() => createAgentApi({ baseUrl: '/api/wiro' }), []);
 * <div style={{ height: 600 }}>
 *   <AgentChat api={api} useragentguid={AGENT} sessionkey={`user-${user.id}`} title="Support" />
 * </div>
 * ```
 */
export function AgentChat(props: AgentChatProps): ReactElement {
  const outer = useContext(AgentSocketContext);
  if (outer) return <ChatView {...props} />;
  return (
    <AgentSocketProvider socket={props.socket} url={props.socketUrl} options={props.socketOptions}>
      <ChatView {...props} />
    </AgentSocketProvider>
  );
}

function ChatView(props: AgentChatProps): ReactElement {
  const chat = useAgentChat(props);
  const unstyled = props.unstyled ?? false;
  const labels = useStableMerge(defaultChatLabels, props.labels);
  const [followKey, setFollowKey] = useState(0);
  const { send, retry, cancel, clearError } = chat;

  const onSend = useCallback(
    (text: string, files: File[] = []) => {
      setFollowKey((key) => key + 1);
      void send(text, files);
    },
    [send],
  );
  const onRetry = useCallback(
    (id: string) => {
      setFollowKey((key) => key + 1);
      void retry(id);
    },
    [retry],
  );
  const onStop = useCallback(() => void cancel(), [cancel]);

  const { messageLabels, showThinking, showMetrics, components, plugins, onCopy } = props;
  const renderMessage = useCallback(
    (message: ChatMessage) => (
      <ChatTurn
        message={message}
        onRetry={onRetry}
        labels={labels}
        messageLabels={messageLabels}
        unstyled={unstyled}
        showThinking={showThinking}
        showMetrics={showMetrics}
        components={components}
        plugins={plugins}
        onCopy={onCopy}
      />
    ),
    [labels, onRetry, unstyled, messageLabels, showThinking, showMetrics, components, plugins, onCopy],
  );

  const stoppable = chat.messages.some(
    (m) => !m.cancelRequested && (m.status === 'queued' || m.status === 'streaming' || m.status === 'sending'),
  );
  const empty =
    chat.status === 'loading' ? (
      <p role="status" className={kitClass(unstyled, 'wiro-chat-note', 'wiro-chat-loading')}>
        {labels.loading}
      </p>
    ) : (
      (props.emptyState ?? (
        <EmptyState
          suggestions={props.suggestions}
          onSuggestion={(text) => onSend(text)}
          labels={labels}
          unstyled={unstyled}
        />
      ))
    );
  // A failed Send is shown, with Retry, on its own turn: the banner is for everything else.
  const bannerError = chat.error?.kind === 'send' ? null : chat.error;

  return (
    <section
      className={rootClass(unstyled, 'wiro-chat', props.className)}
      aria-label={typeof props.title === 'string' ? props.title : labels.chat}
      data-status={chat.status}
    >
      <header className={kitClass(unstyled, 'wiro-chat-header')}>
        {props.title !== undefined ? <h2 className={kitClass(unstyled, 'wiro-chat-title')}>{props.title}</h2> : null}
        <ConnectionIndicator isPolling={chat.isPolling} labels={labels} unstyled={unstyled} />
      </header>
      <ErrorBanner error={bannerError} onDismiss={clearError} labels={labels} unstyled={unstyled} />
      <MessageList
        messages={chat.messages}
        renderMessage={renderMessage}
        empty={empty}
        hasOlder={chat.hasOlder}
        isLoadingOlder={chat.isLoadingHistory}
        onLoadOlder={() => void chat.loadOlder()}
        followKey={followKey}
        virtualize={props.virtualize}
        labels={labels}
        unstyled={unstyled}
      />
      <Composer
        onSend={onSend}
        onStop={onStop}
        streaming={stoppable}
        allowAttachments={props.allowAttachments}
        accept={props.accept}
        autoFocus={props.autoFocus}
        labels={labels}
        unstyled={unstyled}
      />
    </section>
  );
}
