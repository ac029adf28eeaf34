'use client';

import { useRef, useState, type FormEvent, type ReactElement } from 'react';
import { isInFlight } from '../../chat/state.js';
import type { ChatFeedbackValue, ChatMessage } from '../../chat/types.js';
import { kitClass, visuallyHidden } from '../kit.js';
import { ChevronIcon, RetryIcon, ThumbIcon } from './icons.js';
import type { AgentChatLabels } from './labels.js';

/** Props of {@link ReplyActions}. */
export interface ReplyActionsProps {
  message: ChatMessage;
  onRegenerate: (() => void) | undefined;
  onRate: ((id: string, value: ChatFeedbackValue, comment?: string) => void) | undefined;
  onSelectVersion: ((id: string, index: number) => void) | undefined;
  labels: AgentChatLabels;
  unstyled: boolean;
}

/** What {@link ReplyActions} would show for `message` (nothing: it renders nothing). */
function actionsOf(props: Pick<ReplyActionsProps, 'message' | 'onRegenerate' | 'onRate' | 'onSelectVersion'>) {
  const { message } = props;
  const done = message.status === 'done';
  return {
    done,
    versions: props.onSelectVersion !== undefined ? message.versions : undefined,
    rateable: props.onRate !== undefined && done && message.messageguid !== null,
    // While a new version streams, Regenerate stays (unavailable): the bar keeps its shape.
    regenerable:
      props.onRegenerate !== undefined && (done || (message.versions !== undefined && isInFlight(message.status))),
  };
}

/** `true` when {@link ReplyActions} has something to show for these props. */
export function hasReplyActions(
  props: Pick<ReplyActionsProps, 'message' | 'onRegenerate' | 'onRate' | 'onSelectVersion'>,
): boolean {
  const { versions, rateable, regenerable } = actionsOf(props);
  return versions !== undefined || rateable || regenerable;
}

/**
 * What can be done with a reply, under it: switch between its versions ("2 / 3"), regenerate it, rate
 * it. After a rating, an optional comment. Plain buttons in the tab order (no roving focus to learn).
 */
export function ReplyActions(props: ReplyActionsProps): ReactElement | null {
  const { message, labels, unstyled, onRegenerate, onRate, onSelectVersion } = props;
  const [commenting, setCommenting] = useState(false);
  const [comment, setComment] = useState('');
  const [thanked, setThanked] = useState(false);
  const upRef = useRef<HTMLButtonElement | null>(null);
  const downRef = useRef<HTMLButtonElement | null>(null);
  // Another version of the turn is shown in this row: its rating is its own.
  const [shownId, setShownId] = useState(message.id);
  if (shownId !== message.id) {
    setShownId(message.id);
    setCommenting(false);
    setComment('');
    setThanked(false);
  }
  const { done, versions, rateable, regenerable } = actionsOf(props);
  if (versions === undefined && !regenerable && !rateable) return null;
  const feedback = message.feedback;

  const rate = (value: ChatFeedbackValue): void => {
    onRate?.(message.id, value);
    setCommenting(true);
    setThanked(true);
  };
  /** Close the comment box, first handing the focus it holds to the chosen thumb. */
  const closeComment = (): void => {
    (feedback?.value === 'down' ? downRef : upRef).current?.focus();
    setCommenting(false);
  };
  const sendComment = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    if (!feedback || comment.trim() === '') return;
    onRate?.(message.id, feedback.value, comment);
    closeComment();
  };

  return (
    <div className={kitClass(unstyled, 'wiro-chat-actions')} role="group" aria-label={labels.actions}>
      {versions !== undefined ? (
        <span className={kitClass(unstyled, 'wiro-chat-versions')}>
          <button
            type="button"
            className={kitClass(unstyled, 'wiro-chat-action', 'wiro-chat-version-button')}
            aria-label={labels.previousVersion}
            title={labels.previousVersion}
            // aria-disabled, not disabled: a button that disables itself must not drop the keyboard focus.
            aria-disabled={versions.index === 0}
            onClick={() => versions.index > 0 && onSelectVersion?.(message.id, versions.index - 1)}
          >
            <ChevronIcon />
          </button>
          <span className={kitClass(unstyled, 'wiro-chat-version')} role="status">
            <span aria-hidden="true">{labels.versionCount(versions.index + 1, versions.count)}</span>
            <span style={visuallyHidden}>{labels.versionOf(versions.index + 1, versions.count)}</span>
          </span>
          <button
            type="button"
            className={kitClass(unstyled, 'wiro-chat-action', 'wiro-chat-version-button')}
            aria-label={labels.nextVersion}
            title={labels.nextVersion}
            aria-disabled={versions.index >= versions.count - 1}
            onClick={() => versions.index < versions.count - 1 && onSelectVersion?.(message.id, versions.index + 1)}
          >
            <ChevronIcon next />
          </button>
        </span>
      ) : null}
      {regenerable ? (
        <button
          type="button"
          className={kitClass(unstyled, 'wiro-chat-action')}
          aria-disabled={!done}
          onClick={() => done && onRegenerate?.()}
        >
          <RetryIcon />
          <span>{labels.regenerate}</span>
        </button>
      ) : null}
      {rateable
        ? (['up', 'down'] as const).map((value) => {
            const name = value === 'up' ? labels.goodReply : labels.badReply;
            return (
              <button
                key={value}
                ref={value === 'up' ? upRef : downRef}
                type="button"
                className={kitClass(unstyled, 'wiro-chat-action', 'wiro-chat-rate')}
                aria-label={name}
                title={name}
                aria-pressed={feedback?.value === value}
                data-value={value}
                onClick={() => rate(value)}
              >
                <ThumbIcon down={value === 'down'} />
              </button>
            );
          })
        : null}
      {rateable && commenting && feedback ? (
        <form className={kitClass(unstyled, 'wiro-chat-feedback')} onSubmit={sendComment}>
          <input
            className={kitClass(unstyled, 'wiro-chat-feedback-input')}
            value={comment}
            placeholder={labels.feedbackComment}
            aria-label={labels.feedbackComment}
            dir="auto"
            onChange={(event) => setComment(event.target.value)}
            onKeyDown={(event) => {
              if (event.key !== 'Escape') return;
              // Handled here: the chat must not also take it as "stop the reply".
              event.preventDefault();
              event.stopPropagation();
              closeComment();
            }}
          />
          <button type="submit" className={kitClass(unstyled, 'wiro-chat-action')} disabled={comment.trim() === ''}>
            {labels.sendFeedback}
          </button>
        </form>
      ) : null}
      <span role="status" style={visuallyHidden}>
        {thanked && feedback ? labels.feedbackThanks : ''}
      </span>
    </div>
  );
}
