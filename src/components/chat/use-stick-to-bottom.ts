'use client';

import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';

/** What {@link useStickToBottom} gives its list. */
export interface StickToBottom {
  /** Attach to the scrolling element. */
  scrollRef: RefObject<HTMLDivElement | null>;
  /** Attach to the element whose content grows (inside the scrolling one). */
  contentRef: RefObject<HTMLDivElement | null>;
  /** `true` while the view follows the newest content. */
  atBottom: boolean;
  /** Scroll to the end and follow new content again. */
  scrollToBottom: () => void;
  /**
   * Call in a layout effect right after older content was inserted above: keeps what the user was
   * reading where it was, instead of letting the view jump.
   */
  keepPositionAfterPrepend: () => void;
}

/** Options of {@link useStickToBottom}. */
export interface StickToBottomOptions {
  /**
   * Keep track of the content's size while the view is away from the end. Default `true`: needed by
   * `keepPositionAfterPrepend`, which measures how much was inserted. A list that keeps its own place
   * on inserts (a virtualised one) passes `false`: scrolling through it then mounts and unmounts rows
   * without a layout forced for each change.
   */
  trackWhileAway?: boolean;
}

/** How close to the end (px) still counts as "at the bottom". */
const THRESHOLD_PX = 32;

/**
 * Chat scrolling: follow the newest content while the user is at the bottom (also while a reply
 * streams, which changes the DOM without re-rendering the list), stop the moment they scroll up, and
 * resume when they come back down or ask for it.
 *
 * Growth is noticed through a `ResizeObserver` where there is one and a `MutationObserver` always
 * (streamed text changes character data; jsdom has no ResizeObserver).
 */
export function useStickToBottom(options: StickToBottomOptions = {}): StickToBottom {
  const trackWhileAway = useRef(options.trackWhileAway ?? true);
  useEffect(() => {
    trackWhileAway.current = options.trackWhileAway ?? true;
  });
  const scrollRef = useRef<HTMLDivElement | null>(null);
  const contentRef = useRef<HTMLDivElement | null>(null);
  const stuck = useRef(true);
  /** Geometry at the last scroll, pin or growth: tells a user's scroll from growth, and anchors prepends. */
  const last = useRef({ top: 0, height: 0 });
  const [atBottom, setAtBottom] = useState(true);

  const setStuck = useCallback((value: boolean) => {
    stuck.current = value;
    setAtBottom(value);
  }, []);

  const measure = useCallback((el: HTMLElement) => {
    last.current = { top: el.scrollTop, height: el.scrollHeight };
  }, []);

  const pin = useCallback(() => {
    const el = scrollRef.current;
    if (!el) return;
    el.scrollTop = el.scrollHeight;
    measure(el);
  }, [measure]);

  const scrollToBottom = useCallback(() => {
    setStuck(true);
    pin();
  }, [pin, setStuck]);

  const keepPositionAfterPrepend = useCallback(() => {
    const el = scrollRef.current;
    if (!el) return;
    const { top, height } = last.current;
    el.scrollTop = top + (el.scrollHeight - height);
    measure(el);
    // Decide now, before the growth observers run: the view is where the user was, not at the end.
    setStuck(el.scrollHeight - el.scrollTop - el.clientHeight <= THRESHOLD_PX);
  }, [measure, setStuck]);

  useEffect(() => {
    const el = scrollRef.current;
    const content = contentRef.current;
    if (!el || !content) return;

    const onScroll = (): void => {
      const distance = el.scrollHeight - el.scrollTop - el.clientHeight;
      const bottom = distance <= THRESHOLD_PX;
      if (bottom !== stuck.current) setStuck(bottom);
      measure(el);
    };
    const onWheel = (event: WheelEvent): void => {
      // Intent, before the scroll event: an upward wheel must win over growth arriving in the same frame.
      if (event.deltaY < 0 && stuck.current && el.scrollHeight > el.clientHeight) setStuck(false);
    };
    const onGrow = (): void => {
      // Away from the end, a change below the view needs nothing (unless a prepend will need the size).
      if (!stuck.current && !trackWhileAway.current) return;
      // The user moved up since the last pin but the scroll event has not arrived yet: respect that.
      // (A taller container also lowers scrollTop, by clamping, but then the view is still at the end.)
      const distance = el.scrollHeight - el.scrollTop - el.clientHeight;
      if (stuck.current && el.scrollTop + 1 < last.current.top && distance > THRESHOLD_PX) setStuck(false);
      if (stuck.current) pin();
      else measure(el);
    };

    el.addEventListener('scroll', onScroll, { passive: true });
    el.addEventListener('wheel', onWheel, { passive: true });
    const mutations = typeof MutationObserver === 'function' ? new MutationObserver(onGrow) : null;
    mutations?.observe(content, { childList: true, subtree: true, characterData: true });
    const resizes = typeof ResizeObserver === 'function' ? new ResizeObserver(onGrow) : null;
    resizes?.observe(content);
    resizes?.observe(el);
    pin();
    return () => {
      el.removeEventListener('scroll', onScroll);
      el.removeEventListener('wheel', onWheel);
      mutations?.disconnect();
      resizes?.disconnect();
    };
  }, [measure, pin, setStuck]);

  return { scrollRef, contentRef, atBottom, scrollToBottom, keepPositionAfterPrepend };
}
