'use client';

/**
 * What `<ChatLayout>` tells the components inside it: whether the sidebar is a drawer, whether it is
 * open, and how to open and close it (for a toggle placed in a chat header, and for the conversations
 * list to close the drawer once a conversation is picked).
 * @packageDocumentation
 */
import { createContext, useContext } from 'react';
import type { ChatLayoutLabels } from './labels.js';

/** The state of the nearest `<ChatLayout>`. */
export interface ChatLayoutState {
  /**
   * `sidebar`: the sidebar sits beside the thread. `drawer`: the layout is narrower than its
   * breakpoint and the sidebar slides over the thread when opened. `null` until measured (and during
   * server rendering), when the stylesheet decides by the container's width.
   */
  mode: 'sidebar' | 'drawer' | null;
  /** `true` while the drawer is open (always `false` in `sidebar` mode). */
  open: boolean;
  openDrawer: () => void;
  /** Close the drawer; focus goes back to what opened it. */
  closeDrawer: () => void;
  toggleDrawer: () => void;
  /** The sidebar element's id (for `aria-controls`). */
  sidebarId: string;
  labels: ChatLayoutLabels;
  unstyled: boolean;
}

/** Context of {@link ChatLayoutState}; `null` outside a `<ChatLayout>`. */
export const ChatLayoutContext = /* @__PURE__ */ createContext<ChatLayoutState | null>(null);

/** The nearest `<ChatLayout>`'s state, or `null` outside one. */
export function useChatLayout(): ChatLayoutState | null {
  return useContext(ChatLayoutContext);
}
