'use client';

import { useEffect, useState, type ReactNode } from 'react';
import { createAgentSocket } from '../connection/socket.js';
import type { AgentSocket, AgentSocketOptions } from '../connection/types.js';
import { AgentSocketContext } from './context.js';

/** Props of {@link AgentSocketProvider}. */
export interface AgentSocketProviderProps {
  /**
   * A socket you created and own (e.g. shared with non-React code). The provider never closes it.
   * When omitted, the provider creates one from `url` and `options` and closes it on unmount (also when
   * `socket` was given at first and is later removed). Changing it moves every subscription below to the
   * new socket.
   */
  socket?: AgentSocket;
  /**
   * Socket URL for the socket the provider creates. Default `wss://socket.wiro.ai/v1`. Changing it
   * replaces that socket with one on the new URL (the old one is closed) and moves every subscription.
   */
  url?: string;
  /**
   * Options for the socket the provider creates. Read when that socket is created (first render, or a
   * new `url`): an inline object does not reconnect on every render. To apply new options, change `key`.
   */
  options?: AgentSocketOptions;
  children?: ReactNode;
}

/** Sockets whose provider unmounted, waiting one task in case the same provider mounts again (StrictMode). */
const pendingClose = /* @__PURE__ */ new WeakMap<AgentSocket, ReturnType<typeof setTimeout>>();

/**
 * Owns one {@link AgentSocket} for its subtree: every `useAgentStream` below shares its single connection.
 *
 * Nothing connects until a hook subscribes, and nothing touches `window` while rendering, so the provider
 * is safe in server rendering. Nested providers shadow outer ones; several providers on a page each own a
 * connection.
 */
export function AgentSocketProvider({ socket, url, options, children }: AgentSocketProviderProps): ReactNode {
  // Creating a socket opens nothing (it connects on first subscribe), so doing it during render is SSR-safe.
  const [ownedFor, setOwnedFor] = useState<OwnedSocket | null>(() => (socket ? null : createOwned(url, options)));
  if (!socket && (ownedFor === null || ownedFor.url !== url)) {
    // No socket yet (one was passed at first and is gone now) or a new URL: the subtree needs a socket
    // for it. Setting state while rendering makes React render this provider again at once, before any
    // child sees a missing or stale socket; the effect below closes the replaced one.
    setOwnedFor(createOwned(url, options));
  }
  const owned = ownedFor?.socket ?? null;
  const value = socket ?? owned;

  useEffect(() => {
    if (!owned) return;
    const pending = pendingClose.get(owned);
    if (pending !== undefined) {
      clearTimeout(pending);
      pendingClose.delete(owned);
    }
    return () => {
      // StrictMode unmounts and remounts at once: closing right away would drop the connection and
      // send every subscription twice. Close on the next task unless the provider came back.
      pendingClose.set(
        owned,
        setTimeout(() => {
          pendingClose.delete(owned);
          owned.close();
        }, 0),
      );
    };
  }, [owned]);

  return <AgentSocketContext.Provider value={value}>{children}</AgentSocketContext.Provider>;
}

/** A socket the provider created, with the `url` prop it was created for. */
interface OwnedSocket {
  socket: AgentSocket;
  url: string | undefined;
}

function createOwned(url: string | undefined, options: AgentSocketOptions | undefined): OwnedSocket {
  return { socket: createAgentSocket(url === undefined ? options : { ...options, url }), url };
}
