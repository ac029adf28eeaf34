'use client';

import { useRef, useState, type CSSProperties, type ReactElement, type ReactNode, type RefObject } from 'react';
import type { ChatMessage } from '../../chat/types.js';
import { rowKey } from '../../chat/view.js';
import { kitClass, rootClass } from '../kit.js';
import { useOnDemand } from '../on-demand.js';
import { ArrowDownIcon } from './icons.js';
import { defaultChatLabels, type AgentChatLabels } from './labels.js';
import { useStickToBottom } from './use-stick-to-bottom.js';
import { virtualTurns } from './load-virtual-turns.js';
import { useBrowserLayoutEffect } from '../../react/use-browser-layout-effect.js';

/**
 * Turns rendered where the list cannot be laid out (server rendering, jsdom, a hidden container), in
 * place of the virtualised rows: the newest ones.
 */
export const TURNS_WITHOUT_LAYOUT = 50;

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
  /**
   * Mount only the turns in view (plus a few on each side, and every turn whose reply is still
   * running). Default `true`: a 10,000-turn conversation then costs about what a 50-turn one does.
   *
   * What it changes: the browser's find-in-page (Ctrl+F) only finds text in mounted turns, and
   * assistive technology only reads mounted turns when it walks the page (scrolling mounts the others;
   * keyboard scrolling works as usual once the list has focus). Where the list cannot be laid out
   * (jsdom, a hidden container) the newest {@link TURNS_WITHOUT_LAYOUT} turns are rendered instead.
   * `false` keeps every loaded turn in the DOM, for short conversations that must be searchable.
   *
   * The virtualiser is loaded on demand, in the browser only (its own chunk where your bundler splits
   * code); should it fail to load, every turn is mounted.
   */
  virtualize?: boolean;
  className?: string;
  unstyled?: boolean;
  labels?: AgentChatLabels;
}

/**
 * The conversation as a `role="log"` list that sticks to the bottom while replies stream unless the
 * user scrolls up, then offers "Jump to latest". "Load older" at the top keeps the view where it was
 * when older turns are inserted above. The scroller takes keyboard focus (arrows, Page Up/Down,
 * Home/End).
 *
 * Virtualised by default (see {@link MessageListProps.virtualize}). Announcements: the virtualised log
 * is not itself live (scrolling mounts rows, which is not news); each reply is a polite live region,
 * busy while it streams, and stays mounted while in flight, so it is announced wherever the user has
 * scrolled. With `virtualize={false}` the log is a polite live region of its own, announcing additions.
 */
export function MessageList(props: MessageListProps): ReactElement {
  const labels = props.labels ?? defaultChatLabels;
  const unstyled = props.unstyled ?? false;
  const [viewportHeight, setViewportHeight] = useState<number | null>(null);
  const wantsVirtual = props.virtualize ?? true;
  // Until the rows are loaded (or when they cannot be), the list mounts every turn.
  const loadedRows = useOnDemand(virtualTurns, wantsVirtual);
  const VirtualRows = typeof loadedRows === 'function' ? loadedRows : null;
  const virtualizes = wantsVirtual && loadedRows !== 'failed';
  const virtual = VirtualRows !== null && virtualizes && (viewportHeight ?? 0) > 0;
  // The virtualised rows keep their own place on inserts: nothing to track while away from the end.
  const { scrollRef, contentRef, atBottom, scrollToBottom, keepPositionAfterPrepend } = useStickToBottom({
    trackWhileAway: !virtual,
  });
  useViewportHeight(scrollRef, setViewportHeight);
  const { messages } = props;

  // While an older page loads, remember which turn the reader is at and where: the virtualised rows
  // are placed from guessed heights of turns not seen yet, so the page is put back on that turn exactly.
  const readingAt = useRef<ReadingPosition | null>(null);
  const loadingOlder = props.isLoadingOlder === true;
  useBrowserLayoutEffect(() => {
    const el = scrollRef.current;
    if (!virtual || !loadingOlder || !el) return;
    const note = (): void => {
      readingAt.current = readingPosition(el);
    };
    note();
    el.addEventListener('scroll', note, { passive: true });
    return () => el.removeEventListener('scroll', note);
  }, [virtual, loadingOlder, scrollRef]);

  // Older turns were inserted when the first turn changed and the old first turn is still listed.
  const firstId = messages[0]?.id;
  const previousFirst = useRef(firstId);
  useBrowserLayoutEffect(() => {
    const before = previousFirst.current;
    previousFirst.current = firstId;
    if (before === undefined || before === firstId || !messages.some((m) => m.id === before)) return;
    const reading = readingAt.current;
    readingAt.current = null;
    if (!virtual) keepPositionAfterPrepend();
    else if (reading && scrollRef.current) restoreReadingPosition(scrollRef.current, reading);
  }, [firstId, messages, keepPositionAfterPrepend, virtual, scrollRef]);

  const followKey = useRef(props.followKey);
  useBrowserLayoutEffect(() => {
    if (Object.is(followKey.current, props.followKey)) return;
    followKey.current = props.followKey;
    scrollToBottom();
  }, [props.followKey, scrollToBottom]);

  const showEmpty = messages.length === 0 && props.empty !== undefined;
  const showOlder = props.hasOlder === true && props.onLoadOlder !== undefined;
  let turns: ReactElement;
  if (virtual && VirtualRows !== null && messages.length > 0) {
    turns = (
      // Mounted when the first turns arrive (in place of the empty log), so it opens at their end. The
      // component comes from a dynamic import cached for the page: its identity never changes.
      // eslint-disable-next-line react-hooks/static-components -- see above
      <VirtualRows
        messages={messages}
        renderMessage={props.renderMessage}
        scrollRef={scrollRef}
        viewportHeight={viewportHeight ?? 0}
        offsetKey={showOlder}
        label={labels.log}
        busy={props.isLoadingOlder === true}
        unstyled={unstyled}
      />
    );
  } else {
    const virtualized = virtualizes;
    // Laid out, and the virtualised rows are still loading (a moment): mount no turn until they are,
    // rather than mounting many only to replace them.
    const waiting = virtualized && (viewportHeight ?? 0) > 0;
    const shown = waiting ? [] : virtualized ? messages.slice(-TURNS_WITHOUT_LAYOUT) : messages;
    turns = (
      <div
        role="log"
        aria-live={virtualized ? 'off' : 'polite'}
        aria-relevant={virtualized ? undefined : 'additions'}
        aria-label={labels.log}
        aria-busy={props.isLoadingOlder === true || (waiting && messages.length > 0) || undefined}
        className={kitClass(unstyled, 'wiro-chat-turns')}
      >
        {shown.map((message) => (
          <div key={rowKey(message)} className={kitClass(unstyled, 'wiro-chat-row')}>
            {props.renderMessage(message)}
          </div>
        ))}
      </div>
    );
  }

  return (
    <div className={rootClass(unstyled, 'wiro-chat-list', props.className)}>
      <div
        ref={scrollRef}
        className={kitClass(unstyled, 'wiro-chat-scroll')}
        data-testid="wiro-chat-scroll"
        // Keyboard scrolling: the list takes focus even when no turn has a focusable control in view.
        tabIndex={0}
        // Virtualised rows rely on the browser keeping the view still when rows above change size.
        style={virtual ? ANCHORED : undefined}
      >
        <div ref={contentRef} className={kitClass(unstyled, 'wiro-chat-content')}>
          {showOlder ? (
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
          {turns}
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

const ANCHORED: CSSProperties = { overflowAnchor: 'auto' };

/** A turn in view and how far below the top of the view it starts. */
interface ReadingPosition {
  id: string;
  offset: number;
}

/** The first turn (at least partly) in view, or `null`. Reads layout. */
function readingPosition(el: HTMLElement): ReadingPosition | null {
  const top = el.getBoundingClientRect().top;
  for (const row of el.querySelectorAll<HTMLElement>('[data-turn-id]')) {
    const box = row.getBoundingClientRect();
    if (box.bottom > top) return { id: row.dataset.turnId ?? '', offset: box.top - top };
  }
  return null;
}

/** Scroll so the turn of `reading` is where it was. */
function restoreReadingPosition(el: HTMLElement, reading: ReadingPosition): void {
  const row = [...el.querySelectorAll<HTMLElement>('[data-turn-id]')].find((r) => r.dataset.turnId === reading.id);
  if (!row) return;
  const drift = row.getBoundingClientRect().top - el.getBoundingClientRect().top - reading.offset;
  if (Math.abs(drift) >= 1) el.scrollTop += drift;
}

/**
 * Report the scroller's height: before the first paint, then as a `ResizeObserver` sees it change.
 * Nothing is reported where nothing can be laid out (server rendering, jsdom: no `ResizeObserver`).
 */
function useViewportHeight(ref: RefObject<HTMLDivElement | null>, report: (height: number) => void): void {
  useBrowserLayoutEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver !== 'function') return;
    // Measured now, so turns that arrive with the first render are already laid out virtualised.
    report(el.clientHeight);
    const observer = new ResizeObserver(() => report(el.clientHeight));
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref, report]);
}
