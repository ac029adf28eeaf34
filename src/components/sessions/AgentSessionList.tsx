'use client';

import { memo, useCallback, useId, useRef, useState, type KeyboardEvent, type ReactElement } from 'react';
import type { AgentSessionsError } from '../../chat/sessions-types.js';
import { kitClass, rootClass, useStableMerge, visuallyHidden } from '../kit.js';
import { RelativeTime } from '../time/RelativeTime.js';
import { PlusIcon, TrashIcon } from './icons.js';
import { defaultSessionListLabels, type AgentSessionListLabels } from './labels.js';
import { useChatLayout } from './layout-context.js';
import { useBrowserLayoutEffect } from '../../react/use-browser-layout-effect.js';

/** One conversation as the list shows it: a Message/Sessions row (`SessionSummary`) or an `AgentSession`. */
export interface AgentSessionListItem {
  sessionkey: string;
  messagecount: number;
  /** Last activity, Unix seconds; `null` when unknown. */
  updatedat: number | null;
  /** The latest user message, the default title. */
  lastmessage: string;
  /** Nothing sent in it yet: titled "New chat". */
  isNew?: boolean;
}

/** Props of {@link AgentSessionList}. */
export interface AgentSessionListProps {
  /** The conversations, newest first (`useAgentSessions().sessions`). */
  sessions: readonly AgentSessionListItem[];
  /** The conversation shown in the thread (marked `aria-current`). */
  selected?: string | null;
  /** Called when a conversation is picked (click, Enter or Space). */
  onSelect?: (sessionkey: string) => void;
  /** Shows the "New chat" button. Typically `() => setCurrent(sessions.create())`. */
  onCreate?: () => void;
  /**
   * Shows a delete button on each conversation (and the Delete key), asked for after a confirm step.
   * Typically `useAgentSessions().remove`, which drops the row at once and puts it back on failure.
   */
  onDelete?: (sessionkey: string) => unknown;
  /** The list is loading: a loading state while it is empty, `aria-busy` otherwise. */
  isLoading?: boolean;
  /** What went wrong (`useAgentSessions().error`): shown as an alert, with Try again for a failed load. */
  error?: Pick<AgentSessionsError, 'kind' | 'message'> | null;
  /** Loads the list again (`useAgentSessions().refresh`); shows "Try again" on a load error. */
  onRetry?: () => void;
  /** Hides the error (`useAgentSessions().clearError`); shows "Dismiss" on the error. */
  onDismissError?: () => void;
  /** A conversation's title. Default: "New chat" for a new one, else its last message on one line. */
  getTitle?: (session: AgentSessionListItem) => string;
  /** BCP 47 locale of the relative times. Default: the runtime's. */
  locale?: string;
  /** Strings to override (translation). */
  labels?: Partial<AgentSessionListLabels>;
  className?: string;
  /** Render without the kit's class names (bring your own CSS). Default `false`. */
  unstyled?: boolean;
}

interface PendingDelete {
  sessionkey: string;
  title: string;
  index: number;
}

/**
 * An agent's conversations for a sidebar: each with its title (the last message), how long ago it was
 * active (the exact time on hover) and its message count; the current one marked; a "New chat" button;
 * delete with a confirm step; loading, empty and error states (with Try again).
 *
 * Keyboard: one Tab stop for the list; Up/Down move between conversations, Home/End to the first and
 * last, Enter or Space opens one, Delete (or Backspace) asks to delete it; in the confirm step Escape
 * cancels. After a delete, focus moves to the next conversation. Inside a `<ChatLayout>` drawer,
 * picking a conversation (or New chat) closes the drawer.
 *
 * Pairs with `useAgentSessions`:
 * @example
 * ```tsx
 * const list = useAgentSessions({ api, useragentguid: AGENT, sessionKeyPrefix: 'user-42:' });
 * <AgentSessionList
 *   sessions={list.sessions} isLoading={list.isLoading} error={list.error}
 *   onRetry={list.refresh} onDismissError={list.clearError} onDelete={list.remove}
 *   selected={current} onSelect={setCurrent} onCreate={() => setCurrent(list.create())}
 * />
 * ```
 */
export function AgentSessionList(props: AgentSessionListProps): ReactElement {
  const { sessions, selected, onSelect, onCreate, onDelete, getTitle, locale } = props;
  const unstyled = props.unstyled ?? false;
  const labels = useStableMerge(defaultSessionListLabels, props.labels);
  const layout = useChatLayout();
  const hintId = useId();
  const rootRef = useRef<HTMLElement | null>(null);
  const newRef = useRef<HTMLButtonElement | null>(null);
  const selectButtons = useRef(new Map<string, HTMLButtonElement>());
  const cancelButton = useRef<HTMLButtonElement | null>(null);
  /** What to focus after the next render: a conversation's select button, or the confirm step. */
  const focusAfterRender = useRef<{ sessionkey: string; target: 'select' | 'confirm' } | null>(null);
  const [focusKey, setFocusKey] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [pendingDelete, setPendingDelete] = useState<PendingDelete | null>(null);
  const movedAfterDelete = useRef<PendingDelete | null>(null);

  const titleOf = useCallback(
    (session: AgentSessionListItem): string => {
      const custom = getTitle?.(session);
      if (typeof custom === 'string' && custom.trim() !== '') return oneLine(custom);
      if (session.isNew) return labels.newChat;
      const text = oneLine(session.lastmessage);
      return text === '' ? labels.untitled : text;
    },
    [getTitle, labels],
  );

  // One Tab stop: the conversation last focused, else the current one, else the first.
  const has = (key: string | null | undefined): key is string =>
    typeof key === 'string' && sessions.some((s) => s.sessionkey === key);
  const tabStop = has(focusKey) ? focusKey : has(selected) ? selected : (sessions[0]?.sessionkey ?? null);
  const confirmingKey = has(confirming) ? confirming : null;
  const deletedGone = pendingDelete !== null && !has(pendingDelete.sessionkey);

  useBrowserLayoutEffect(() => {
    const request = focusAfterRender.current;
    if (request === null) return;
    focusAfterRender.current = null;
    if (request.target === 'confirm') cancelButton.current?.focus();
    else selectButtons.current.get(request.sessionkey)?.focus();
  });

  // After a delete: while the row is still listed, keep focus on it; once it is gone, move focus to the
  // conversation now in its place (or New chat, or the list) unless the user already went elsewhere.
  useBrowserLayoutEffect(() => {
    if (pendingDelete === null) return;
    const active = document.activeElement;
    const lost = active === null || active === document.body || !active.isConnected;
    if (!deletedGone) {
      if (lost) selectButtons.current.get(pendingDelete.sessionkey)?.focus();
      return;
    }
    if (movedAfterDelete.current === pendingDelete) return;
    movedAfterDelete.current = pendingDelete;
    if (!lost && !rootRef.current?.contains(active)) return;
    const next = sessions[Math.min(pendingDelete.index, sessions.length - 1)];
    if (next !== undefined) selectButtons.current.get(next.sessionkey)?.focus();
    else (newRef.current ?? rootRef.current)?.focus();
  }, [pendingDelete, deletedGone, sessions]);

  const select = useCallback(
    (sessionkey: string) => {
      onSelect?.(sessionkey);
      if (layout?.mode === 'drawer') layout.closeDrawer();
    },
    [onSelect, layout],
  );

  const askDelete = useCallback((sessionkey: string) => {
    setConfirming(sessionkey);
    focusAfterRender.current = { sessionkey, target: 'confirm' };
  }, []);

  const cancelDelete = useCallback((sessionkey: string) => {
    setConfirming(null);
    focusAfterRender.current = { sessionkey, target: 'select' };
  }, []);

  const confirmDelete = useCallback(
    (sessionkey: string, title: string, index: number) => {
      setConfirming(null);
      setPendingDelete({ sessionkey, title, index });
      try {
        const result = onDelete?.(sessionkey);
        // A rejected promise is the caller's to report (useAgentSessions never rejects).
        if (result instanceof Promise) result.catch(() => undefined);
      } catch {
        // A throwing handler must not break the list.
      }
    },
    [onDelete],
  );

  const onRowKeyDown = useCallback(
    (event: KeyboardEvent<HTMLButtonElement>, index: number) => {
      const move = (to: number): void => {
        const target = sessions[Math.max(0, Math.min(sessions.length - 1, to))];
        if (target !== undefined) selectButtons.current.get(target.sessionkey)?.focus();
      };
      switch (event.key) {
        case 'ArrowDown':
          move(index + 1);
          break;
        case 'ArrowUp':
          move(index - 1);
          break;
        case 'Home':
          move(0);
          break;
        case 'End':
          move(sessions.length - 1);
          break;
        case 'Delete':
        case 'Backspace': {
          const session = sessions[index];
          if (onDelete === undefined || session === undefined) return;
          askDelete(session.sessionkey);
          break;
        }
        default:
          return;
      }
      event.preventDefault();
    },
    [sessions, onDelete, askDelete],
  );

  const registerSelect = useCallback((sessionkey: string, element: HTMLButtonElement | null) => {
    if (element) selectButtons.current.set(sessionkey, element);
    else selectButtons.current.delete(sessionkey);
  }, []);

  const isLoading = props.isLoading ?? false;
  const error = props.error ?? null;
  const empty = sessions.length === 0;

  return (
    <nav
      ref={rootRef}
      className={rootClass(unstyled, 'wiro-sessions', props.className)}
      aria-label={labels.list}
      aria-busy={isLoading && !empty ? true : undefined}
      tabIndex={-1}
    >
      {onCreate ? (
        <button
          ref={newRef}
          type="button"
          className={kitClass(unstyled, 'wiro-sessions-new')}
          onClick={() => {
            onCreate();
            if (layout?.mode === 'drawer') layout.closeDrawer();
          }}
        >
          <PlusIcon />
          <span>{labels.newChat}</span>
        </button>
      ) : null}
      {error !== null ? (
        <div role="alert" className={kitClass(unstyled, 'wiro-sessions-error')} data-kind={error.kind}>
          <p className={kitClass(unstyled, 'wiro-sessions-error-text')}>{labels.error(error)}</p>
          <div className={kitClass(unstyled, 'wiro-sessions-error-actions')}>
            {error.kind === 'load' && props.onRetry ? (
              <button type="button" className={kitClass(unstyled, 'wiro-sessions-button')} onClick={props.onRetry}>
                {labels.retry}
              </button>
            ) : null}
            {props.onDismissError && !(error.kind === 'load' && empty) ? (
              <button
                type="button"
                className={kitClass(unstyled, 'wiro-sessions-button')}
                onClick={props.onDismissError}
              >
                {labels.dismiss}
              </button>
            ) : null}
          </div>
        </div>
      ) : null}
      {empty ? (
        isLoading ? (
          <p role="status" className={kitClass(unstyled, 'wiro-sessions-note', 'wiro-sessions-loading')}>
            {labels.loading}
          </p>
        ) : error?.kind === 'load' ? null : (
          <div className={kitClass(unstyled, 'wiro-sessions-empty')}>
            <p className={kitClass(unstyled, 'wiro-sessions-empty-title')}>{labels.empty}</p>
            {labels.emptyHint !== '' ? (
              <p className={kitClass(unstyled, 'wiro-sessions-note')}>{labels.emptyHint}</p>
            ) : null}
          </div>
        )
      ) : (
        <ul className={kitClass(unstyled, 'wiro-sessions-list')} role="list">
          {sessions.map((session, index) => (
            <SessionRow
              key={session.sessionkey}
              session={session}
              index={index}
              title={titleOf(session)}
              current={session.sessionkey === selected}
              tabbable={session.sessionkey === tabStop}
              confirming={session.sessionkey === confirmingKey}
              canDelete={onDelete !== undefined}
              hintId={hintId}
              locale={locale}
              labels={labels}
              unstyled={unstyled}
              cancelRef={cancelButton}
              registerSelect={registerSelect}
              onFocusRow={setFocusKey}
              onSelect={select}
              onKeyDown={onRowKeyDown}
              onAskDelete={askDelete}
              onCancelDelete={cancelDelete}
              onConfirmDelete={confirmDelete}
            />
          ))}
        </ul>
      )}
      <span id={hintId} hidden>
        {labels.keyboardHint}
      </span>
      <p role="status" style={visuallyHidden}>
        {deletedGone ? labels.deleted(shorten(pendingDelete.title)) : ''}
      </p>
    </nav>
  );
}

interface SessionRowProps {
  session: AgentSessionListItem;
  index: number;
  title: string;
  current: boolean;
  tabbable: boolean;
  confirming: boolean;
  canDelete: boolean;
  hintId: string;
  locale: string | undefined;
  labels: AgentSessionListLabels;
  unstyled: boolean;
  cancelRef: { current: HTMLButtonElement | null };
  registerSelect: (sessionkey: string, element: HTMLButtonElement | null) => void;
  onFocusRow: (sessionkey: string) => void;
  onSelect: (sessionkey: string) => void;
  onKeyDown: (event: KeyboardEvent<HTMLButtonElement>, index: number) => void;
  onAskDelete: (sessionkey: string) => void;
  onCancelDelete: (sessionkey: string) => void;
  onConfirmDelete: (sessionkey: string, title: string, index: number) => void;
}

/** One conversation: its select button and delete button, or the confirm step in their place. */
const SessionRow = /* @__PURE__ */ memo(function SessionRow(props: SessionRowProps): ReactElement {
  const { session, title, labels, unstyled, index, current, tabbable, canDelete, hintId, locale, cancelRef } = props;
  const { registerSelect, onFocusRow, onSelect, onKeyDown, onAskDelete, onCancelDelete, onConfirmDelete } = props;
  const { sessionkey } = session;
  const questionId = useId();
  const short = shorten(title);

  if (props.confirming) {
    return (
      <li className={kitClass(unstyled, 'wiro-sessions-item')} data-confirming="true">
        <div
          role="group"
          aria-labelledby={questionId}
          className={kitClass(unstyled, 'wiro-sessions-confirm')}
          onKeyDown={(event) => {
            if (event.key !== 'Escape') return;
            // Handled here: a drawer around the list must not close on the same key.
            event.preventDefault();
            event.stopPropagation();
            onCancelDelete(sessionkey);
          }}
        >
          <p id={questionId} className={kitClass(unstyled, 'wiro-sessions-confirm-text')}>
            {labels.confirmDelete(short)}
          </p>
          <div className={kitClass(unstyled, 'wiro-sessions-confirm-actions')}>
            <button
              type="button"
              className={kitClass(unstyled, 'wiro-sessions-button', 'wiro-sessions-confirm-delete')}
              onClick={() => onConfirmDelete(sessionkey, title, index)}
            >
              {labels.confirm}
            </button>
            <button
              ref={cancelRef}
              type="button"
              className={kitClass(unstyled, 'wiro-sessions-button')}
              onClick={() => onCancelDelete(sessionkey)}
            >
              {labels.cancel}
            </button>
          </div>
        </div>
      </li>
    );
  }

  const time = session.updatedat !== null && Number.isFinite(session.updatedat) ? session.updatedat * 1000 : null;
  const showCount = !session.isNew;
  return (
    <li
      className={kitClass(unstyled, 'wiro-sessions-item')}
      data-current={current ? 'true' : undefined}
      data-new={session.isNew ? 'true' : undefined}
    >
      <button
        ref={(element) => registerSelect(sessionkey, element)}
        type="button"
        className={kitClass(unstyled, 'wiro-sessions-select')}
        aria-current={current ? 'true' : undefined}
        aria-describedby={hintId}
        aria-keyshortcuts={canDelete ? 'Delete' : undefined}
        tabIndex={tabbable ? 0 : -1}
        onFocus={() => onFocusRow(sessionkey)}
        onClick={() => onSelect(sessionkey)}
        onKeyDown={(event) => onKeyDown(event, index)}
      >
        {/* The name is all of the visible text (title, then time and count), so speech input finds it. */}
        {/* dir="auto": a title is the user's own text, in whatever language and direction they wrote. */}
        <span className={kitClass(unstyled, 'wiro-sessions-title')} dir="auto">
          {title}
        </span>{' '}
        <span className={kitClass(unstyled, 'wiro-sessions-meta')}>
          {time !== null ? <RelativeTime timestamp={time} locale={locale} unstyled={unstyled} /> : null}
          {time !== null && showCount ? ' · ' : null}
          {showCount ? <span>{labels.messageCount(session.messagecount)}</span> : null}
        </span>
      </button>
      {canDelete ? (
        <button
          type="button"
          className={kitClass(unstyled, 'wiro-sessions-delete')}
          aria-label={labels.delete(short)}
          title={labels.delete(short)}
          tabIndex={tabbable ? 0 : -1}
          onClick={() => onAskDelete(sessionkey)}
        >
          <TrashIcon />
        </button>
      ) : null}
    </li>
  );
});

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** A title short enough to read inside a sentence ("Delete “…”?"). */
function shorten(title: string): string {
  return title.length <= 60 ? title : `${title.slice(0, 59).trimEnd()}…`;
}
