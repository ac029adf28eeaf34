'use client';

import {
  useCallback,
  useId,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type ReactElement,
  type ReactNode,
} from 'react';
import { CloseIcon } from '../chat/icons.js';
import { focusables, trapTab } from '../focus-trap.js';
import { kitClass, rootClass, useStableMerge } from '../kit.js';
import { SidebarIcon } from './icons.js';
import { defaultChatLayoutLabels, type ChatLayoutLabels } from './labels.js';
import { ChatLayoutContext, useChatLayout, type ChatLayoutState } from './layout-context.js';
import { useBrowserLayoutEffect } from '../../react/use-browser-layout-effect.js';

/** Props of {@link ChatLayout}. */
export interface ChatLayoutProps {
  /** What goes in the sidebar, usually an `<AgentSessionList>`. */
  sidebar: ReactNode;
  /** The thread, usually the chat. */
  children: ReactNode;
  /**
   * Below this width of the layout itself (not of the window), in CSS pixels, the sidebar becomes a
   * drawer over the thread. Default 640. The stylesheet's fallback before the first measurement (and
   * during server rendering) uses 640 too.
   */
  breakpoint?: number;
  /**
   * Render the layout's own toggle button above the thread in drawer mode. Default `true`. Pass `false`
   * and put a `<ChatLayoutToggle>` in your own header instead.
   */
  toggle?: boolean;
  /** Called when the drawer opens or closes. */
  onOpenChange?: (open: boolean) => void;
  labels?: Partial<ChatLayoutLabels>;
  className?: string;
  /** Render without the kit's class names (bring your own CSS). Default `false`. */
  unstyled?: boolean;
}

/**
 * A sidebar beside the thread that becomes a drawer when the layout is narrower than `breakpoint`
 * (640 px): a toggle button opens it over the thread, Escape, the close button or a click beside it
 * closes it, and focus goes back to the toggle. While the drawer is open the thread is inert and Tab
 * stays in the drawer; while it is closed, nothing in it can be focused.
 *
 * The layout fills its container (give the container a height). Components inside read its state with
 * `useChatLayout()`: `<AgentSessionList>` closes the drawer once a conversation is picked.
 *
 * @example
 * ```tsx
 * <ChatLayout sidebar={<AgentSessionList … />}>
 *   <AgentChat … />
 * </ChatLayout>
 * ```
 */
export function ChatLayout(props: ChatLayoutProps): ReactElement {
  const unstyled = props.unstyled ?? false;
  const labels = useStableMerge(defaultChatLayoutLabels, props.labels);
  const breakpoint = props.breakpoint ?? 640;
  const rootRef = useRef<HTMLDivElement | null>(null);
  const sidebarRef = useRef<HTMLDivElement | null>(null);
  const mainRef = useRef<HTMLDivElement | null>(null);
  const [mode, setMode] = useState<ChatLayoutState['mode']>(null);
  const [open, setOpen] = useState(false);
  const opener = useRef<HTMLElement | null>(null);
  const restoreFocus = useRef(true);
  const wasOpen = useRef(false);
  const sidebarId = useId();
  const onOpenChange = props.onOpenChange;

  useBrowserLayoutEffect(() => {
    const root = rootRef.current;
    if (root === null) return;
    const measure = (width: number): void => {
      // A zero width is a layout that is not rendered (display: none): nothing to decide.
      if (width <= 0) return;
      const next = width < breakpoint ? 'drawer' : 'sidebar';
      setMode(next);
      if (next === 'sidebar') setOpen(false);
    };
    measure(root.getBoundingClientRect().width);
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver((entries) => {
      const entry = entries[entries.length - 1];
      if (entry) measure(entry.contentRect.width);
    });
    observer.observe(root);
    return () => observer.disconnect();
  }, [breakpoint]);

  const drawer = mode === 'drawer';
  const isOpen = drawer && open;

  // Inert through the attribute (React 18 does not know the `inert` prop): a closed drawer cannot be
  // focused, and the thread under an open one cannot either. Then focus moves in or back.
  useBrowserLayoutEffect(() => {
    sidebarRef.current?.toggleAttribute('inert', drawer && !isOpen);
    mainRef.current?.toggleAttribute('inert', isOpen);
    const opened = isOpen && !wasOpen.current;
    const closed = !isOpen && wasOpen.current;
    wasOpen.current = isOpen;
    if (opened) focusInto(sidebarRef.current);
    if (closed && restoreFocus.current) {
      const target = opener.current;
      if (target?.isConnected) target.focus();
    }
  }, [drawer, isOpen]);

  const openDrawer = useCallback(() => {
    const active = typeof document === 'undefined' ? null : document.activeElement;
    opener.current = active instanceof HTMLElement ? active : null;
    restoreFocus.current = true;
    setOpen(true);
    onOpenChange?.(true);
  }, [onOpenChange]);
  const closeDrawer = useCallback(
    (focusBack = true) => {
      if (!open) return;
      restoreFocus.current = focusBack;
      setOpen(false);
      onOpenChange?.(false);
    },
    [open, onOpenChange],
  );
  const toggleDrawer = useCallback(() => (open ? closeDrawer() : openDrawer()), [open, openDrawer, closeDrawer]);

  const state = useMemo<ChatLayoutState>(
    () => ({
      mode,
      open: isOpen,
      openDrawer,
      closeDrawer: () => closeDrawer(),
      toggleDrawer,
      sidebarId,
      labels,
      unstyled,
    }),
    [mode, isOpen, openDrawer, closeDrawer, toggleDrawer, sidebarId, labels, unstyled],
  );

  const onSidebarKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (!isOpen) return;
    if (event.key === 'Escape') {
      event.preventDefault();
      closeDrawer();
    } else if (event.key === 'Tab') {
      trapTab(event, sidebarRef.current);
    }
  };

  return (
    <ChatLayoutContext.Provider value={state}>
      <div
        ref={rootRef}
        className={rootClass(unstyled, 'wiro-layout', props.className)}
        data-mode={mode ?? undefined}
        data-open={isOpen ? 'true' : undefined}
      >
        <div
          ref={sidebarRef}
          id={sidebarId}
          className={kitClass(unstyled, 'wiro-layout-sidebar')}
          role={isOpen ? 'dialog' : undefined}
          aria-modal={isOpen ? true : undefined}
          aria-label={isOpen ? labels.sidebar : undefined}
          onKeyDown={onSidebarKeyDown}
        >
          {isOpen ? (
            <button
              type="button"
              className={kitClass(unstyled, 'wiro-layout-close')}
              aria-label={labels.closeSidebar}
              title={labels.closeSidebar}
              onClick={() => closeDrawer()}
            >
              <CloseIcon />
            </button>
          ) : null}
          {props.sidebar}
        </div>
        {isOpen ? (
          <div
            className={kitClass(unstyled, 'wiro-layout-backdrop')}
            aria-hidden="true"
            onClick={() => closeDrawer()}
          />
        ) : null}
        <div ref={mainRef} className={kitClass(unstyled, 'wiro-layout-main')}>
          {(props.toggle ?? true) && drawer ? (
            <div className={kitClass(unstyled, 'wiro-layout-bar')}>
              <ChatLayoutToggle />
            </div>
          ) : null}
          {props.children}
        </div>
      </div>
    </ChatLayoutContext.Provider>
  );
}

/** Props of {@link ChatLayoutToggle}. */
export interface ChatLayoutToggleProps {
  className?: string;
}

/**
 * The button that opens and closes the nearest `<ChatLayout>`'s drawer, for placing in your own header
 * (with `<ChatLayout toggle={false}>`). Renders nothing outside a layout or while the sidebar is shown
 * beside the thread.
 */
export function ChatLayoutToggle(props: ChatLayoutToggleProps): ReactElement | null {
  const layout = useChatLayout();
  if (layout === null || layout.mode !== 'drawer') return null;
  const label = layout.open ? layout.labels.closeSidebar : layout.labels.openSidebar;
  return (
    <button
      type="button"
      className={rootClass(layout.unstyled, 'wiro-layout-toggle', props.className)}
      aria-label={label}
      title={label}
      aria-expanded={layout.open}
      aria-controls={layout.sidebarId}
      onClick={layout.toggleDrawer}
    >
      <SidebarIcon />
    </button>
  );
}

/** Focus the current conversation in the drawer, else its first focusable element. */
function focusInto(container: HTMLElement | null): void {
  if (container === null) return;
  const current = container.querySelector<HTMLElement>('[aria-current="true"]');
  const target = current ?? focusables(container)[0];
  target?.focus();
}
