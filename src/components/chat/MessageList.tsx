'use client';

import { useEffect, useLayoutEffect, useRef, type ReactElement, type ReactNode } from 'react';
import type { ChatMessage } from '../../chat/types.js';
import { kitClass, rootClass } from '../kit.js';
import { ArrowDownIcon } from './icons.js';
import { defaultChatLabels, type AgentChatLabels } from './labels.js';
import { useStickToBottom } from './use-stick-to-bottom.js';

// Layout effects warn during server rendering in React 18; the scroll work only matters in a browser.
const useBrowserLayoutEffect = typeof document === 'undefined' ? useEffect : useLayoutEffect;

/** Props of {@link MessageList}. */
export interface MessageListProps {
  messages: readonly ChatMessage[];
  /** Renders one turn (e.g. `<ChatTurn>`). */
  renderMessage: (message: ChatMessage) => ReactNode;
  /** Shown instead of the list when there are no messages and nothing is loading. */
  empty?: ReactNode;
  /** Show "Load older" at the top. */
  hasOlder?: boolean;
  isLoadingOlder?: boolean;
  onLoadOlder?: () => void;
  /**
   * Scroll to the end and follow again whenever this value changes (e.g. a counter bumped when the
   * user sends), even if they had scrolled up.
   */
  followKey?: unknown;
  className?: string;
  unstyled?: boolean;
  labels?: AgentChatLabels;
}

/**
 * The conversation as a `role="log"` region that sticks to the bottom while replies stream unless
 * the user scrolls up, then offers "Jump to latest". "Load older" at the top keeps the view where it
 * was when older turns are inserted above.
 */
export function MessageList(props: MessageListProps): ReactElement {
  const labels = props.labels ?? defaultChatLabels;
  const unstyled = props.unstyled ?? false;
  const { scrollRef, contentRef, atBottom, scrollToBottom, keepPositionAfterPrepend } = useStickToBottom();
  const { messages } = props;

  // Older turns were inserted when the first turn changed and the old first turn is still listed.
  const firstId = messages[0]?.id;
  const previousFirst = useRef(firstId);
  useBrowserLayoutEffect(() => {
    const before = previousFirst.current;
    previousFirst.current = firstId;
    if (before !== undefined && before !== firstId && messages.some((m) => m.id === before)) keepPositionAfterPrepend();
  }, [firstId, messages, keepPositionAfterPrepend]);

  const followKey = useRef(props.followKey);
  useBrowserLayoutEffect(() => {
    if (Object.is(followKey.current, props.followKey)) return;
    followKey.current = props.followKey;
    scrollToBottom();
  }, [props.followKey, scrollToBottom]);

  const showEmpty = messages.length === 0 && props.empty !== undefined;
  return (
    <div className={rootClass(unstyled, 'wiro-chat-list', props.className)}>
      <div ref={scrollRef} className={kitClass(unstyled, 'wiro-chat-scroll')} data-testid="wiro-chat-scroll">
        <div ref={contentRef} className={kitClass(unstyled, 'wiro-chat-content')}>
          {props.hasOlder && props.onLoadOlder ? (
            <div className={kitClass(unstyled, 'wiro-chat-older')}>
              <button
                type="button"
                className={kitClass(unstyled, 'wiro-chat-older-button')}
                onClick={props.onLoadOlder}
                disabled={props.isLoadingOlder}
                aria-busy={props.isLoadingOlder}
              >
                {props.isLoadingOlder ? labels.loadingOlder : labels.loadOlder}
              </button>
            </div>
          ) : null}
          {showEmpty ? props.empty : null}
          <div
            role="log"
            aria-live="polite"
            aria-relevant="additions"
            aria-label={labels.log}
            className={kitClass(unstyled, 'wiro-chat-turns')}
          >
            {messages.map((message) => (
              <div key={message.id} className={kitClass(unstyled, 'wiro-chat-row')}>
                {props.renderMessage(message)}
              </div>
            ))}
          </div>
        </div>
      </div>
      {atBottom ? null : (
        <button type="button" className={kitClass(unstyled, 'wiro-chat-jump')} onClick={scrollToBottom}>
          <ArrowDownIcon />
          {labels.jumpToLatest}
        </button>
      )}
    </div>
  );
}
