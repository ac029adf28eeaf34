'use client';

import { useContext, type ReactElement, type ReactNode } from 'react';
import type { Components } from 'react-markdown';
import type { ConversationMarkdownLabels } from '../../chat/conversation-markdown.js';
import type { SessionsApi } from '../../chat/sessions-types.js';
import type { ChatApi, ChatMessage, ChatSentEvent, UseAgentChatOptions } from '../../chat/types.js';
import { useAgentChat } from '../../chat/use-agent-chat.js';
import type { AgentSocket, AgentSocketOptions } from '../../connection/types.js';
import { AgentSocketContext } from '../../react/context.js';
import { AgentSocketProvider } from '../../react/provider.js';
import { useLatest } from '../../react/use-latest.js';
import type { AttachmentLabels } from '../attachments/labels.js';
import { CopyButton } from '../CopyButton.js';
import { kitClass, rootClass, useStableMerge, type CopyHandler } from '../kit.js';
import type { AgentMessageProps } from '../AgentMessage.js';
import type { AgentMessageLabels } from '../labels.js';
import type { MarkdownPlugin } from '../markdown/plugins.js';
import { useOnDemand } from '../on-demand.js';
import type { AgentSessionListLabels, ChatLayoutLabels } from '../sessions/labels.js';
import { ChatThread } from './ChatThread.js';
import { ConnectionIndicator } from './ConnectionIndicator.js';
import { defaultChatLabels, type AgentChatLabels } from './labels.js';
import { sessionsChat } from './load-sessions-chat.js';

/** Props of {@link AgentChat}: the {@link useAgentChat} options plus how the widget looks and connects. */
export interface AgentChatProps extends UseAgentChatOptions {
  /**
   * The REST client, usually `createAgentApi({ baseUrl: '/api/wiro' })` pointing at your proxy. With
   * `sessions` it also needs `sessions` and `deleteSession` (which `createAgentApi` has; allow
   * DeleteSession in your proxy).
   */
  api: ChatApi & Partial<SessionsApi>;
  /**
   * The conversation. Without `sessions`: the one shown (default `"default"`). With `sessions`: the one
   * shown first, and again whenever this prop changes; leave it out to open a new conversation.
   */
  sessionkey?: string;
  /**
   * Show the agent's conversations in a sidebar beside the thread (a drawer when the widget is
   * narrower than 640 px): pick one, start a new one, delete one (after a confirm step). A reply still
   * streaming in a conversation you leave goes on streaming, and is shown finished when you come back.
   * Its code is loaded on demand, the first time the chat renders with `sessions`.
   */
  sessions?: boolean;
  /**
   * Prefix of the keys of new conversations, e.g. `"user-42:"` when your proxy's `authorize` binds each
   * user to a `sessionPrefix`. Default `""`.
   */
  sessionKeyPrefix?: string;
  /** With `sessions`: called when another conversation is shown (picked, new, or moved to after a delete). */
  onSessionChange?: (sessionkey: string) => void;
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
  /** Offer a file picker, take pasted images and files dropped on the thread. Default `true`. */
  allowAttachments?: boolean;
  /** Accepted file types, as the file input's `accept` (`"image/*,.pdf"`); others are refused with a note. */
  accept?: string;
  /** Largest file, in bytes; larger ones are refused with a note. */
  maxFileBytes?: number;
  /** Most files on one message; more are refused with a note. */
  maxFiles?: number;
  /** Focus the composer on mount. Default `false`. */
  autoFocus?: boolean;
  /** Show the model's reasoning in the replies. Default `true`. */
  showThinking?: boolean;
  /** Show speed and counts under the replies. Default `false`. */
  showMetrics?: boolean;
  /** Show when each message was sent (relative, the exact time on hover). Default `true`. */
  showTimestamps?: boolean;
  /** Offer "Copy conversation as Markdown" in the header. Default `true`. */
  copyConversation?: boolean;
  /** BCP 47 locale of times (turns and conversations). Default: the runtime's. */
  locale?: string;
  /** react-markdown components for the replies (keep the object stable). */
  components?: Components;
  /**
   * Markdown plugins for the replies (`codeHighlight()`, `math()`, your own; see `AgentMessage`). A new
   * array holding the same plugins re-renders nothing.
   */
  plugins?: readonly MarkdownPlugin[];
  /**
   * Preview the files each reply links to (images an agent's tools made, players, downloads): pass
   * `LinkPreviews`, as to `AgentMessage`. Default: none, links stay links.
   */
  linkPreviews?: AgentMessageProps['linkPreviews'];
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
  /** Strings of files about to be sent, refused or sent (translation). */
  attachmentLabels?: Partial<AttachmentLabels>;
  /** Strings of the conversations sidebar (translation). */
  sessionListLabels?: Partial<AgentSessionListLabels>;
  /** Strings of the sidebar's drawer (translation). */
  layoutLabels?: Partial<ChatLayoutLabels>;
  /** Words of the copied Markdown (translation); its headings default to `labels.you` and `labels.agent`. */
  markdownLabels?: Partial<ConversationMarkdownLabels>;
}

/**
 * A complete chat with an agent: history with "Load older", live streaming replies, a composer with
 * attachments (picked, pasted or dropped on the thread, checked against `accept`, `maxFileBytes` and
 * `maxFiles`), Stop (or Escape) and Retry, an action bar on each reply (regenerate the last one with
 * versions "2 / 2", thumbs up and down through `onFeedback`), editing the last message (or Up in the
 * empty composer), timestamps, "Copy conversation as Markdown", an error banner and a connection
 * indicator; with `sessions`, the agent's conversations in a sidebar.
 *
 * Brings its own `AgentSocketProvider` when there is none above it (configured by `socketUrl`,
 * `socketOptions` or `socket`); under an existing provider it shares that socket. Fills its container
 * (give the container a height), from 360 px wide to full page.
 *
 * @example
 * ```tsx
 * const api = useMemo(() => createAgentApi({ baseUrl: '/api/wiro' }), []);
 * <div style={{ height: 600 }}>
 *   <AgentChat api={api} useragentguid={AGENT} sessions sessionKeyPrefix={`user-${user.id}:`} title="Support" />
 * </div>
 * ```
 */
export function AgentChat(props: AgentChatProps): ReactElement {
  const outer = useContext(AgentSocketContext);
  if (outer) return <ChatRoot {...props} />;
  return (
    <AgentSocketProvider socket={props.socket} url={props.socketUrl} options={props.socketOptions}>
      <ChatRoot {...props} />
    </AgentSocketProvider>
  );
}

function ChatRoot(props: AgentChatProps): ReactElement {
  return props.sessions ? <ChatWithSessions {...props} /> : <ChatView {...props} />;
}

/** The chat with its sidebar, once the sidebar's code has loaded; a plain chat if it cannot be. */
function ChatWithSessions(props: AgentChatProps): ReactElement {
  const SessionsChat = useOnDemand(sessionsChat);
  const labels = useStableMerge(defaultChatLabels, props.labels);
  const unstyled = props.unstyled ?? false;
  if (SessionsChat === 'failed') return <ChatView {...props} />;
  if (SessionsChat === null) {
    // A moment (the chunk is small): the chat's frame, so the page does not jump when it arrives.
    return (
      <section
        className={rootClass(unstyled, 'wiro-chat', props.className)}
        aria-label={typeof props.title === 'string' ? props.title : labels.chat}
        aria-busy="true"
      >
        <p role="status" className={kitClass(unstyled, 'wiro-chat-note', 'wiro-chat-loading')}>
          {labels.loading}
        </p>
      </section>
    );
  }
  const { api } = props;
  return (
    // The component comes from a dynamic import cached for the page: its identity never changes.
    // eslint-disable-next-line react-hooks/static-components -- see above
    <SessionsChat
      api={{
        sessions: (params, options) => missing(api.sessions, 'sessions')(params, options),
        deleteSession: (params, options) => missing(api.deleteSession, 'deleteSession')(params, options),
      }}
      useragentguid={props.useragentguid}
      sessionkey={props.sessionkey}
      sessionKeyPrefix={props.sessionKeyPrefix}
      onSessionChange={props.onSessionChange}
      listLabels={props.sessionListLabels}
      layoutLabels={props.layoutLabels}
      locale={props.locale}
      unstyled={unstyled}
      renderThread={(thread) => (
        <ChatView
          {...props}
          sessionkey={thread.sessionkey}
          headerStart={thread.headerStart}
          onMessageSent={(event: ChatSentEvent) => {
            thread.onMessageSent(event);
            props.onMessageSent?.(event);
          }}
        />
      )}
    />
  );
}

/** `api`'s method, or one that says which method the app's client lacks (shown as the list's error). */
function missing<T extends (...args: never[]) => Promise<unknown>>(method: T | undefined, name: string): T {
  if (method) return method;
  return (() => Promise.reject(new TypeError(`AgentChat sessions: the api has no ${name}()`))) as unknown as T;
}

function ChatView(props: AgentChatProps & { headerStart?: ReactNode }): ReactElement {
  const chat = useAgentChat(props);
  const unstyled = props.unstyled ?? false;
  const labels = useStableMerge(defaultChatLabels, props.labels);
  const socket = useContext(AgentSocketContext);
  const sessionkey = props.sessionkey ?? 'default';
  const latest = useLatest({
    messages: chat.messages,
    markdownLabels: props.markdownLabels,
    labels,
    title: props.title,
  });

  // The export is loaded when first asked for: most visits never copy the conversation.
  const copyMarkdown = async (): Promise<string> => {
    const { conversationToMarkdown } = await import('../../chat/conversation-markdown.js');
    const current = latest.current;
    return conversationToMarkdown(current.messages, {
      getStream: socket ? (token) => socket.getStream(token) : undefined,
      title: typeof current.title === 'string' ? current.title : undefined,
      labels: { you: current.labels.you, agent: current.labels.agent, ...current.markdownLabels },
    });
  };
  const canCopy = (props.copyConversation ?? true) && chat.messages.some((m: ChatMessage) => m.status !== 'sending');

  return (
    <section
      className={rootClass(unstyled, 'wiro-chat', props.className)}
      aria-label={typeof props.title === 'string' ? props.title : labels.chat}
      data-status={chat.status}
    >
      <header className={kitClass(unstyled, 'wiro-chat-header')}>
        {props.headerStart}
        {props.title !== undefined ? <h2 className={kitClass(unstyled, 'wiro-chat-title')}>{props.title}</h2> : null}
        {canCopy ? (
          <CopyButton
            kind="answer"
            text={copyMarkdown}
            label={labels.copyConversation}
            labels={{ ...props.messageLabels, copied: labels.copiedConversation }}
            onCopy={noop}
            unstyled={unstyled}
            className={kitClass(unstyled, 'wiro-chat-copy-all')}
          />
        ) : null}
        <ConnectionIndicator isPolling={chat.isPolling} labels={labels} unstyled={unstyled} />
      </header>
      <ChatThread key={sessionkey} chat={chat} props={props} labels={labels} unstyled={unstyled} />
    </section>
  );
}

const noop = (): void => {};
