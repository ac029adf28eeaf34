'use client';

import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual';
import {
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  type CSSProperties,
  type FocusEvent,
  type ReactElement,
  type ReactNode,
  type RefObject,
} from 'react';
import { isInFlight } from '../../chat/state.js';
import type { ChatMessage } from '../../chat/types.js';
import { rowKey } from '../../chat/view.js';
import { kitClass } from '../kit.js';
import { estimateTurnHeight, flowRun, mountedIndexes } from './turn-layout.js';
import { useBrowserLayoutEffect } from '../../react/use-browser-layout-effect.js';

/** How long a reply that just ended stays mounted out of view, for screen readers to announce it. */
export const LINGER_MS = 5000;
const NONE: ReadonlySet<string> = /* @__PURE__ */ new Set();

/** Rows mounted beyond each edge of the view: enough for a fast flick, few enough to stay cheap. */
const OVERSCAN = 3;

/** Props of {@link VirtualTurns}. */
export interface VirtualTurnsProps {
  messages: readonly ChatMessage[];
  renderMessage: (message: ChatMessage) => ReactNode;
  /** The scrolling element the list lives in. */
  scrollRef: RefObject<HTMLDivElement | null>;
  /** The scroller's height when the list mounted: the first rows are picked for it. */
  viewportHeight: number;
  /** Changes whenever something above the list (e.g. "Load older") may have changed height. */
  offsetKey: unknown;
  /** The log's accessible name. */
  label: string;
  /** Older turns are being loaded. */
  busy: boolean;
  unstyled: boolean;
}

/**
 * The turns of a long conversation, virtualised: only the rows in view (plus {@link OVERSCAN} on each
 * side) are mounted, measured as they render and re-measured as they grow. Every turn still in flight
 * stays mounted wherever the view is (and for {@link LINGER_MS} after it ended), so its reply keeps
 * streaming into a live region that screen readers announce, and so does the turn that holds the
 * keyboard focus.
 *
 * Layout: a spacer as tall as the rows above the mounted ones, the mounted rows in normal flow, a
 * spacer for the rows below; pinned rows far from the view are placed on their own. Keeping the view
 * still while the user scrolls and rows above it turn out taller or shorter than guessed is left to the
 * browser's scroll anchoring, which works with its own smooth scrolling (Home, Page Up, a wheel) where a
 * script writing the position would cut it short. An older page inserted above is anchored on the turn
 * being read (the virtualiser renders the rows around it at once; `MessageList` then puts it back to
 * the pixel). Following the newest reply is the scroller's job (`useStickToBottom`).
 */
export function VirtualTurns(props: VirtualTurnsProps): ReactElement {
  const { messages, renderMessage, scrollRef, unstyled } = props;
  const count = messages.length;
  const listRef = useRef<HTMLDivElement | null>(null);
  const [scrollMargin, setScrollMargin] = useState(0);
  const [focusedId, setFocusedId] = useState<string | null>(null);

  // A reply that just ended stays mounted a little longer: its live region's last update (the whole
  // answer, no longer busy) is what screen readers announce, and it must not vanish with it.
  const inFlight = useMemo(() => new Set(messages.filter((m) => isInFlight(m.status)).map((m) => m.id)), [messages]);
  const [ended, setEnded] = useState({ inFlight, lingering: NONE });
  let lingering = ended.lingering;
  if (ended.inFlight !== inFlight) {
    const done = [...ended.inFlight].filter((id) => !inFlight.has(id));
    const next = { inFlight, lingering: done.length > 0 ? new Set([...ended.lingering, ...done]) : ended.lingering };
    setEnded(next);
    lingering = next.lingering;
  }
  useEffect(() => {
    if (lingering.size === 0) return;
    const timer = setTimeout(() => setEnded((current) => ({ ...current, lingering: NONE })), LINGER_MS);
    return () => clearTimeout(timer);
  }, [lingering]);

  const pinned = useMemo(() => {
    const indexes: number[] = [];
    messages.forEach((message, index) => {
      if (inFlight.has(message.id) || lingering.has(message.id) || rowKey(message) === focusedId) indexes.push(index);
    });
    return indexes;
  }, [messages, inFlight, lingering, focusedId]);

  // Stable while the turns are: the virtualiser re-lays out every row when these change.
  const getItemKey = useCallback(
    (index: number) => {
      const message = messages[index];
      return message ? rowKey(message) : index;
    },
    [messages],
  );
  const estimateSize = useCallback(
    (index: number) => {
      const message = messages[index];
      return message ? estimateTurnHeight(message) : 0;
    },
    [messages],
  );
  const rangeExtractor = useCallback(
    (range: Range) => mountedIndexes(defaultRangeExtractor(range), pinned, range.count),
    [pinned],
  );

  // The virtualiser is a mutable instance read while rendering, by design; nothing here is memoised
  // across renders from it (this component re-renders whenever it reports a change).
  // eslint-disable-next-line react-hooks/incompatible-library -- see above
  const virtualizer = useVirtualizer<HTMLDivElement, HTMLDivElement>({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize,
    getItemKey,
    rangeExtractor,
    overscan: OVERSCAN,
    scrollMargin,
    // An older page inserted above keeps the turn being read in place, and the range rendered with it
    // is already the one around that turn (the browser cannot anchor on a row that was unmounted).
    anchorTo: 'end',
    initialRect: { width: 0, height: props.viewportHeight },
    // A conversation opens at its end.
    initialOffset: () => {
      let total = 0;
      for (let index = 0; index < count; index++) total += estimateSize(index);
      return Math.max(0, total - props.viewportHeight);
    },
  });
  // The browser anchors the view (see above); the virtualiser must not move it as well.
  useBrowserLayoutEffect(() => {
    virtualizer.shouldAdjustScrollPositionOnItemSizeChange = neverAdjust;
  }, [virtualizer]);

  // Where the list starts inside the scroller (below "Load older"): the virtualiser works in the
  // scroller's coordinates.
  const { offsetKey } = props;
  useBrowserLayoutEffect(() => {
    const list = listRef.current;
    const scroller = scrollRef.current;
    if (!list || !scroller) return;
    const top = list.getBoundingClientRect().top - scroller.getBoundingClientRect().top + scroller.scrollTop;
    const margin = Math.max(0, Math.round(top));
    if (margin !== scrollMargin) setScrollMargin(margin);
  }, [offsetKey, scrollRef, scrollMargin]);

  const onFocus = useCallback((event: FocusEvent<HTMLDivElement>) => {
    const row = event.target instanceof Element ? event.target.closest<HTMLElement>('[data-turn-id]') : null;
    setFocusedId(row?.dataset.turnId ?? null);
  }, []);
  const onBlur = useCallback((event: FocusEvent<HTMLDivElement>) => {
    if (!(event.relatedTarget instanceof Node) || !event.currentTarget.contains(event.relatedTarget)) {
      setFocusedId(null);
    }
  }, []);

  const items = virtualizer.getVirtualItems();
  const { first, last } = flowRun(items);
  const total = virtualizer.getTotalSize();
  const above = first ? first.start - scrollMargin : 0;
  const below = last ? Math.max(0, total - (last.end - scrollMargin)) : total;

  return (
    <div
      ref={listRef}
      role="log"
      // Rows mount and unmount as the view scrolls: that is not news. Each reply announces itself (a
      // polite live region, busy while it streams), and replies in flight stay mounted to do so.
      aria-live="off"
      aria-label={props.label}
      aria-busy={props.busy || undefined}
      className={kitClass(unstyled, 'wiro-chat-turns', 'wiro-chat-turns-virtual')}
      style={LIST}
      onFocus={onFocus}
      onBlur={onBlur}
    >
      {/* Spacers are siblings of the rows, never their parents: a parent changing size would stop the
          browser from anchoring the view. */}
      <div aria-hidden="true" style={{ height: above }} />
      {items.map((item) => {
        const message = messages[item.index];
        if (!message) return null;
        const inFlow =
          first !== undefined && last !== undefined && item.index >= first.index && item.index <= last.index;
        return (
          // Every row is a child of the log in turn order, so a row moving in or out of the flow keeps its
          // DOM (its focus, its live region, its open thinking block).
          <div
            key={rowKey(message)}
            ref={virtualizer.measureElement}
            data-index={item.index}
            data-turn-id={rowKey(message)}
            className={kitClass(unstyled, 'wiro-chat-row')}
            style={inFlow ? undefined : { position: 'absolute', insetInline: 0, top: item.start - scrollMargin }}
          >
            {renderMessage(message)}
          </div>
        );
      })}
      <div aria-hidden="true" style={{ height: below }} />
    </div>
  );
}

const LIST: CSSProperties = { position: 'relative' };
const neverAdjust = (): boolean => false;
