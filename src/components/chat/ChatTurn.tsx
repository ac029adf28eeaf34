'use client';

import { memo, type ReactElement } from 'react';
import type { Components } from 'react-markdown';
import type { ChatFeedbackValue, ChatMessage } from '../../chat/types.js';
import { AgentMessage, type AgentMessageProps } from '../AgentMessage.js';
import { MessageAttachments } from '../attachments/MessageAttachments.js';
import type { AttachmentLabels } from '../attachments/labels.js';
import { kitClass, rootClass, type CopyHandler } from '../kit.js';
import type { AgentMessageLabels } from '../labels.js';
import type { MarkdownPlugin } from '../markdown/plugins.js';
import { RelativeTime } from '../time/RelativeTime.js';
import { EditIcon, RetryIcon } from './icons.js';
import { defaultChatLabels, type AgentChatLabels } from './labels.js';
import { MessageEditor } from './MessageEditor.js';
import { hasReplyActions, ReplyActions } from './ReplyActions.js';

/** Props of {@link ChatTurn}. */
export interface ChatTurnProps {
  message: ChatMessage;
  /** The conversation's last turn: its actions stay visible (others show theirs on hover and focus). */
  last?: boolean;
  /** Called by the Retry button of a failed turn. */
  onRetry?: (id: string) => void;
  /**
   * Shows "Regenerate" once the reply is done, and keeps it (unavailable) while a new version streams,
   * so the keyboard focus stays on it. Give it to the last turn only: `useAgentChat().regenerate` works
   * on the last turn.
   */
  onRegenerate?: () => void;
  /** Shows "Edit" on the user's message (give it to the last turn only). */
  onEdit?: (id: string) => void;
  /** Show the message as an editor (after `onEdit`). */
  editing?: boolean;
  /** The editor sends the changed text (`useAgentChat().edit`). */
  onEditSubmit?: (id: string, text: string) => void;
  /** The editor was left without sending. */
  onEditCancel?: () => void;
  /** Shows thumbs up and down on a finished reply (`useAgentChat().rate`). */
  onRate?: (id: string, value: ChatFeedbackValue, comment?: string) => void;
  /** Shows the versions switcher on a turn with versions (`useAgentChat().selectVersion`). */
  onSelectVersion?: (id: string, index: number) => void;
  /** Show when the message was sent (relative, the exact time on hover). Default `true`. */
  showTimestamp?: boolean;
  /** BCP 47 locale of the timestamp. Default: the runtime's. */
  locale?: string;
  labels?: AgentChatLabels;
  messageLabels?: Partial<AgentMessageLabels>;
  /** Strings of the sent files (translation). */
  attachmentLabels?: Partial<AttachmentLabels>;
  unstyled?: boolean;
  className?: string;
  showThinking?: boolean;
  showMetrics?: boolean;
  components?: Components;
  /** Markdown plugins for the reply (see `AgentMessage`). */
  plugins?: readonly MarkdownPlugin[];
  /** Previews of the files the reply links to (see `AgentMessage`). */
  linkPreviews?: AgentMessageProps['linkPreviews'];
  onCopy?: CopyHandler;
}

/**
 * One turn: the user's message (text, files and when it was sent) and the agent's reply, live or
 * loaded, with its actions: Retry when it failed; on request Regenerate, Edit, thumbs up and down and
 * the versions switcher. Memoised: it re-renders only when its own props change (the reply's text
 * streams inside `AgentMessage`, not through here).
 *
 * The actions are in the tab order; the stylesheet shows them on hover and focus (always on the last
 * turn and on touch screens).
 */
export const ChatTurn = /* @__PURE__ */ memo(function ChatTurn(props: ChatTurnProps): ReactElement {
  const { message } = props;
  const labels = props.labels ?? defaultChatLabels;
  const unstyled = props.unstyled ?? false;
  const canRetry =
    props.onRetry !== undefined &&
    (message.status === 'send-failed' || message.status === 'error' || message.status === 'cancelled');
  const canEdit = props.onEdit !== undefined && message.status !== 'sending' && message.status !== 'send-failed';
  const showTime = (props.showTimestamp ?? true) && message.createdAt > 0;
  const notResent = message.filesNotResent ?? [];
  const actionProps = {
    message,
    onRegenerate: props.onRegenerate,
    onRate: props.onRate,
    onSelectVersion: props.onSelectVersion,
  };
  // In the reply's footer, beside Copy; on their own while there is no reply to show (a version being sent).
  const actions = hasReplyActions(actionProps) ? (
    <ReplyActions {...actionProps} labels={labels} unstyled={unstyled} />
  ) : null;
  const hasReply =
    message.status !== 'sending' &&
    message.status !== 'send-failed' &&
    (message.stream !== null || message.agenttoken !== null);

  return (
    <article
      className={rootClass(unstyled, 'wiro-chat-turn', props.className)}
      data-status={message.status}
      data-last={props.last ? 'true' : undefined}
    >
      <section className={kitClass(unstyled, 'wiro-chat-user')} aria-label={labels.you}>
        {props.editing && props.onEditSubmit ? (
          <MessageEditor
            text={message.content}
            onSubmit={(text) => props.onEditSubmit?.(message.id, text)}
            onCancel={() => props.onEditCancel?.()}
            labels={labels}
            unstyled={unstyled}
          />
        ) : message.content !== '' ? (
          <div className={kitClass(unstyled, 'wiro-chat-bubble')} dir="auto">
            {message.content}
          </div>
        ) : null}
        <MessageAttachments
          attachments={message.attachments}
          labels={{ opensInNewTab: labels.opensInNewTab, ...props.attachmentLabels }}
          unstyled={unstyled}
          className={kitClass(unstyled, 'wiro-chat-sent-files')}
        />
        {notResent.length > 0 ? (
          <p className={kitClass(unstyled, 'wiro-chat-note', 'wiro-chat-not-resent')}>
            {labels.filesNotResent(notResent.map((file) => file.name))}
          </p>
        ) : null}
        {showTime || (canEdit && !props.editing) ? (
          <div className={kitClass(unstyled, 'wiro-chat-meta')}>
            {showTime ? <RelativeTime timestamp={message.createdAt} locale={props.locale} unstyled={unstyled} /> : null}
            {canEdit && !props.editing ? (
              <button
                type="button"
                className={kitClass(unstyled, 'wiro-chat-action')}
                onClick={() => props.onEdit?.(message.id)}
              >
                <EditIcon />
                <span>{labels.edit}</span>
              </button>
            ) : null}
          </div>
        ) : null}
      </section>
      <section className={kitClass(unstyled, 'wiro-chat-agent')} aria-label={labels.agent}>
        <Reply {...props} labels={labels} unstyled={unstyled} footer={actions} />
        {hasReply ? null : actions}
        {canRetry ? (
          <button
            type="button"
            className={kitClass(unstyled, 'wiro-chat-retry')}
            onClick={() => props.onRetry?.(message.id)}
          >
            <RetryIcon />
            {labels.retry}
          </button>
        ) : null}
      </section>
    </article>
  );
});

function Reply(
  props: ChatTurnProps & { labels: AgentChatLabels; unstyled: boolean; footer: ReactElement | null },
): ReactElement | null {
  const { message, labels, unstyled } = props;
  if (message.status === 'sending') {
    return (
      <p role="status" className={kitClass(unstyled, 'wiro-chat-note')}>
        {labels.sending}
      </p>
    );
  }
  if (message.status === 'send-failed') {
    return (
      <p role="alert" className={kitClass(unstyled, 'wiro-chat-send-error')}>
        {message.error?.message || labels.sendFailed}
      </p>
    );
  }
  if (message.stream === null && message.agenttoken === null) return null;
  return (
    <AgentMessage
      {...(message.stream !== null ? { stream: message.stream } : { agenttoken: message.agenttoken })}
      unstyled={unstyled}
      labels={props.messageLabels}
      showThinking={props.showThinking}
      showMetrics={props.showMetrics}
      components={props.components}
      plugins={props.plugins}
      linkPreviews={props.linkPreviews}
      onCopy={props.onCopy}
      footer={props.footer}
    />
  );
}
