'use client';

import { useCallback, useState, type KeyboardEvent, type ReactElement, type ReactNode } from 'react';
import type { ChatMessage, UseAgentChatResult } from '../../chat/types.js';
import { useLatest } from '../../react/use-latest.js';
import { DropOverlay } from '../attachments/DropOverlay.js';
import { useAttachments } from '../attachments/use-attachments.js';
import { useFileDrop } from '../attachments/use-file-drop.js';
import { kitClass } from '../kit.js';
import type { AgentChatProps } from './AgentChat.js';
import { ChatTurn } from './ChatTurn.js';
import { Composer } from './Composer.js';
import { EmptyState } from './EmptyState.js';
import { ErrorBanner } from './ErrorBanner.js';
import type { AgentChatLabels } from './labels.js';
import { MessageList } from './MessageList.js';

/** Props of {@link ChatThread}. */
interface ChatThreadProps {
  chat: UseAgentChatResult;
  props: AgentChatProps;
  labels: AgentChatLabels;
  unstyled: boolean;
}

/**
 * One conversation's thread inside `<AgentChat>`: the error banner, the turns with their actions, and
 * the composer. The thread is a drop target for files; Escape stops the replies running; Up in an
 * empty composer edits the last message. `<AgentChat>` keys it by conversation, so a draft, its files
 * and the scroll position belong to the conversation they were made in.
 */
export function ChatThread({ chat, props, labels, unstyled }: ChatThreadProps): ReactElement {
  const { send, retry, cancel, clearError, regenerate, edit, rate, selectVersion, messages } = chat;
  const allowAttachments = props.allowAttachments ?? true;
  const [followKey, setFollowKey] = useState(0);
  const [focusKey, setFocusKey] = useState(0);
  const [editingId, setEditingId] = useState<string | null>(null);
  const attachments = useAttachments({
    accept: props.accept,
    maxFileBytes: props.maxFileBytes,
    maxFiles: props.maxFiles,
  });
  const drop = useFileDrop({ onFiles: attachments.add, disabled: !allowAttachments });

  const last: ChatMessage | undefined = messages[messages.length - 1];
  const lastId = last?.id ?? null;
  // Only the last turn can be edited: an edit left open on a turn that is no longer last is closed.
  const editing = editingId !== null && editingId === lastId ? editingId : null;
  const latest = useLatest(last);
  const follow = (): void => setFollowKey((key) => key + 1);

  const onSend = useCallback(
    (text: string, files: File[] = []) => {
      follow();
      void send(text, files);
    },
    [send],
  );
  const onRetry = useCallback(
    (id: string) => {
      follow();
      // The Retry button goes with the failure: the keyboard focus goes back to the composer.
      setFocusKey((key) => key + 1);
      const current = latest.current;
      // Retrying the last reply makes a new version of it; an earlier one is sent again at the end.
      if (current?.id === id && (current.status === 'error' || current.status === 'cancelled')) void regenerate();
      else void retry(id);
    },
    [retry, regenerate, latest],
  );
  const onRegenerate = useCallback(() => {
    follow();
    // The new version replaces the reply, and its bar, while it is sent: the focus goes to the composer.
    setFocusKey((key) => key + 1);
    void regenerate();
  }, [regenerate]);
  const onEditSubmit = useCallback(
    (id: string, text: string) => {
      setEditingId(null);
      setFocusKey((key) => key + 1);
      follow();
      void edit(id, text);
    },
    [edit],
  );
  const onEditCancel = useCallback(() => {
    setEditingId(null);
    setFocusKey((key) => key + 1);
  }, []);
  const onEditLast = (): boolean => {
    if (!last || last.status === 'sending' || last.status === 'send-failed') return false;
    setEditingId(last.id);
    return true;
  };
  const onStop = useCallback(() => void cancel(), [cancel]);

  const stoppable = messages.some(
    (m) => !m.cancelRequested && (m.status === 'queued' || m.status === 'streaming' || m.status === 'sending'),
  );
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.key !== 'Escape' || event.defaultPrevented || !stoppable) return;
    event.preventDefault();
    onStop();
  };

  const {
    messageLabels,
    showThinking,
    showMetrics,
    components,
    plugins,
    linkPreviews,
    onCopy,
    locale,
    attachmentLabels,
  } = props;
  const showTimestamp = props.showTimestamps ?? true;
  const renderMessage = useCallback(
    (message: ChatMessage): ReactNode => {
      const isLast = message.id === lastId;
      return (
        <ChatTurn
          message={message}
          last={isLast}
          onRetry={onRetry}
          onRegenerate={isLast ? onRegenerate : undefined}
          onEdit={isLast ? setEditingId : undefined}
          editing={message.id === editing}
          onEditSubmit={onEditSubmit}
          onEditCancel={onEditCancel}
          onRate={rate}
          onSelectVersion={selectVersion}
          showTimestamp={showTimestamp}
          locale={locale}
          labels={labels}
          messageLabels={messageLabels}
          attachmentLabels={attachmentLabels}
          unstyled={unstyled}
          showThinking={showThinking}
          showMetrics={showMetrics}
          components={components}
          plugins={plugins}
          linkPreviews={linkPreviews}
          onCopy={onCopy}
        />
      );
    },
    [
      lastId,
      editing,
      onRetry,
      onRegenerate,
      onEditSubmit,
      onEditCancel,
      rate,
      selectVersion,
      showTimestamp,
      locale,
      labels,
      messageLabels,
      attachmentLabels,
      unstyled,
      showThinking,
      showMetrics,
      components,
      plugins,
      linkPreviews,
      onCopy,
    ],
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
    <div className={kitClass(unstyled, 'wiro-chat-thread')} onKeyDown={onKeyDown} {...drop.dropProps}>
      <ErrorBanner error={bannerError} onDismiss={clearError} labels={labels} unstyled={unstyled} />
      <MessageList
        messages={messages}
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
        allowAttachments={allowAttachments}
        accept={props.accept}
        attachments={attachments}
        onEditLast={onEditLast}
        focusKey={focusKey}
        autoFocus={props.autoFocus}
        labels={labels}
        attachmentLabels={attachmentLabels}
        unstyled={unstyled}
      />
      <DropOverlay active={drop.isDragOver} labels={attachmentLabels} unstyled={unstyled} />
    </div>
  );
}
