'use client';

import { memo, type ReactElement } from 'react';
import type { Components } from 'react-markdown';
import type { ChatAttachment, ChatMessage } from '../../chat/types.js';
import { AgentMessage } from '../AgentMessage.js';
import { kitClass, rootClass, visuallyHidden, type CopyHandler } from '../kit.js';
import type { AgentMessageLabels } from '../labels.js';
import type { MarkdownPlugin } from '../markdown/plugins.js';
import { RetryIcon } from './icons.js';
import { defaultChatLabels, type AgentChatLabels } from './labels.js';

/** Props of {@link ChatTurn}. */
export interface ChatTurnProps {
  message: ChatMessage;
  /** Called by the Retry button of a failed turn. */
  onRetry?: (id: string) => void;
  labels?: AgentChatLabels;
  messageLabels?: Partial<AgentMessageLabels>;
  unstyled?: boolean;
  className?: string;
  showThinking?: boolean;
  showMetrics?: boolean;
  components?: Components;
  /** Markdown plugins for the reply (see `AgentMessage`). */
  plugins?: readonly MarkdownPlugin[];
  onCopy?: CopyHandler;
}

/**
 * One turn: the user's message (text and files) and the agent's reply, live or loaded, with a Retry
 * button when the turn failed. Memoised: it re-renders only when its own turn changes (the reply's
 * text streams inside `AgentMessage`, not through here).
 */
export const ChatTurn = /* @__PURE__ */ memo(function ChatTurn(props: ChatTurnProps): ReactElement {
  const { message } = props;
  const labels = props.labels ?? defaultChatLabels;
  const unstyled = props.unstyled ?? false;
  const canRetry =
    props.onRetry !== undefined &&
    (message.status === 'send-failed' || message.status === 'error' || message.status === 'cancelled');

  return (
    <article className={rootClass(unstyled, 'wiro-chat-turn', props.className)} data-status={message.status}>
      <section className={kitClass(unstyled, 'wiro-chat-user')} aria-label={labels.you}>
        {message.content !== '' ? (
          <div className={kitClass(unstyled, 'wiro-chat-bubble')}>{message.content}</div>
        ) : null}
        {message.attachments.length > 0 ? (
          <ul className={kitClass(unstyled, 'wiro-chat-chips', 'wiro-chat-sent-files')}>
            {message.attachments.map((file, index) => (
              <li key={`${file.name}-${index}`} className={kitClass(unstyled, 'wiro-chat-chip')}>
                <AttachmentName file={file} unstyled={unstyled} newTab={labels.opensInNewTab} />
              </li>
            ))}
          </ul>
        ) : null}
      </section>
      <section className={kitClass(unstyled, 'wiro-chat-agent')} aria-label={labels.agent}>
        <Reply {...props} labels={labels} unstyled={unstyled} />
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

function Reply(props: ChatTurnProps & { labels: AgentChatLabels; unstyled: boolean }): ReactElement | null {
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
      onCopy={props.onCopy}
    />
  );
}

function AttachmentName({
  file,
  unstyled,
  newTab,
}: {
  file: ChatAttachment;
  unstyled: boolean;
  newTab: string;
}): ReactElement {
  const name = <span className={kitClass(unstyled, 'wiro-chat-chip-name')}>{file.name}</span>;
  if (file.url === null || !/^https?:\/\//i.test(file.url)) return name;
  return (
    <a href={file.url} target="_blank" rel="noopener noreferrer" className={kitClass(unstyled, 'wiro-chat-chip-link')}>
      {name}
      <span style={visuallyHidden}> {newTab}</span>
    </a>
  );
}
