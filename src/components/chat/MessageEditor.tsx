'use client';

import { useRef, useState, type KeyboardEvent, type ReactElement } from 'react';
import { kitClass } from '../kit.js';
import type { AgentChatLabels } from './labels.js';
import { useBrowserLayoutEffect } from '../../react/use-browser-layout-effect.js';

/** Props of {@link MessageEditor}. */
export interface MessageEditorProps {
  /** The message as sent. */
  text: string;
  onSubmit: (text: string) => void;
  onCancel: () => void;
  labels: AgentChatLabels;
  unstyled: boolean;
}

/**
 * The user's last message, open for editing in place: focused with the caret at the end; Enter sends,
 * Shift+Enter starts a new line, Escape leaves it unchanged (and stops there, so the chat does not
 * also take it as "stop the reply").
 */
export function MessageEditor(props: MessageEditorProps): ReactElement {
  const { labels, unstyled } = props;
  const [text, setText] = useState(props.text);
  const ref = useRef<HTMLTextAreaElement | null>(null);
  const composing = useRef(false);

  useBrowserLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.focus();
    el.setSelectionRange(el.value.length, el.value.length);
  }, []);

  const empty = text.trim() === '';
  // The editor goes away with either: it lets go of the focus first (the chat then focuses the
  // composer), rather than being removed while it holds it.
  const submit = (): void => {
    if (empty) return;
    ref.current?.blur();
    props.onSubmit(text);
  };
  const cancel = (): void => {
    ref.current?.blur();
    props.onCancel();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>): void => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      cancel();
      return;
    }
    if (event.key !== 'Enter' || event.shiftKey) return;
    if (composing.current || event.nativeEvent.isComposing || event.keyCode === 229) return;
    event.preventDefault();
    submit();
  };

  return (
    <form
      className={kitClass(unstyled, 'wiro-chat-edit')}
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <textarea
        ref={ref}
        className={kitClass(unstyled, 'wiro-chat-edit-input')}
        value={text}
        rows={Math.min(8, Math.max(2, text.split('\n').length))}
        aria-label={labels.editMessage}
        dir="auto"
        onChange={(event) => setText(event.target.value)}
        onKeyDown={onKeyDown}
        onCompositionStart={() => {
          composing.current = true;
        }}
        onCompositionEnd={() => {
          composing.current = false;
        }}
      />
      <div className={kitClass(unstyled, 'wiro-chat-edit-buttons')}>
        <button type="button" className={kitClass(unstyled, 'wiro-chat-action')} onClick={cancel}>
          {labels.cancelEdit}
        </button>
        <button
          type="submit"
          className={kitClass(unstyled, 'wiro-chat-action', 'wiro-chat-action-primary')}
          disabled={empty}
        >
          {labels.saveEdit}
        </button>
      </div>
    </form>
  );
}
