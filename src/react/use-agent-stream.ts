'use client';

import { useCallback, useContext, useEffect, useMemo, useSyncExternalStore } from 'react';
import type { AgentSocket } from '../connection/types.js';
import { createStream } from '../store/reduce.js';
import type { AgentStream } from '../store/types.js';
import { AgentSocketContext } from './context.js';
import { useSelection, type EqualityFn } from './use-selection.js';

export type { EqualityFn } from './use-selection.js';

const IDLE_NO_TOKEN: AgentStream = /* @__PURE__ */ Object.freeze(/* @__PURE__ */ createStream(''));
const noopSubscribe = (): (() => void) => () => {};

/**
 * Follow one agent reply.
 *
 * Subscribes while the component is mounted and releases on unmount or when `agenttoken` changes; a
 * `null`/`undefined`/empty (or blank) token means idle (no socket is opened). Streams are shared: many components
 * may follow the same token over the provider's one connection.
 *
 * Without a selector it returns the whole {@link AgentStream} (a new object only when that stream
 * changed). It follows the token through `socket.watchStream`: frames for other tokens never run its
 * listener, so its cost does not grow with the number of mounted replies. With a selector it re-renders only when the selected value changes (by `Object.is`, or by
 * `equalityFn`): `useAgentStream(token, (s) => s.status)` does not re-render while text streams in.
 *
 * Socket and protocol problems are state (`stream.error`), never thrown. On the server it returns
 * the idle stream.
 *
 * @throws Error when a token is given but there is no {@link AgentSocketProvider} above.
 */
export function useAgentStream(agenttoken: string | null | undefined): AgentStream;
export function useAgentStream<T>(
  agenttoken: string | null | undefined,
  selector: (stream: AgentStream) => T,
  equalityFn?: EqualityFn<T>,
): T;
export function useAgentStream<T>(
  agenttoken: string | null | undefined,
  selector?: (stream: AgentStream) => T,
  equalityFn: EqualityFn<T> = Object.is,
): T | AgentStream {
  const socket = useContext(AgentSocketContext);
  // A blank token (a form not filled in yet, a server field left empty) idles like a missing one.
  const token = typeof agenttoken === 'string' && agenttoken.trim() !== '' ? agenttoken : null;
  if (token !== null && !socket) {
    throw new Error(
      'useAgentStream: no <AgentSocketProvider> above this component. Wrap your app (or the chat) in one.',
    );
  }

  useEffect(() => {
    if (!socket || token === null) return;
    return subscribeSafely(socket, token);
  }, [socket, token]);

  // Only this token's changes wake the hook: frames for other tokens never run its listener, so a page
  // with a thousand mounted replies pays for the ones that stream, not for the ones that are idle.
  const subscribe = useCallback(
    (listener: () => void) => (socket && token !== null ? socket.watchStream(token, listener) : noopSubscribe()),
    [socket, token],
  );
  const readStream = useCallback(
    (): AgentStream => (socket && token !== null ? socket.getStream(token) : IDLE_NO_TOKEN),
    [socket, token],
  );
  // The server (and hydration) see the stream as it is before any frame: idle, text empty. Not the store's
  // stream: a socket shared with non-React code may already hold text on the client, and hydrating with it
  // would not match the server's HTML. The socket's own idle stream is used when it has nothing stored, so
  // the first client snapshot is the same object and hydration needs no extra render.
  const pristine = useMemo(() => (token === null ? IDLE_NO_TOKEN : createStream(token)), [token]);
  const readServerStream = useCallback((): AgentStream => {
    if (!socket || token === null) return pristine;
    // Nothing ever happened to a stream whose `updatedAt` is 0: that is the socket's own idle stream.
    const stream = socket.getStream(token);
    return stream.updatedAt === 0 ? stream : pristine;
  }, [socket, token, pristine]);

  const select = useSelection<AgentStream, T>(selector, equalityFn);
  const getSnapshot = useMemo(() => () => select(readStream()), [select, readStream]);
  const getServerSnapshot = useMemo(() => () => select(readServerStream()), [select, readServerStream]);
  return useSyncExternalStore(subscribe, getSnapshot, getServerSnapshot);
}

/** Subscribing can fail synchronously (no WebSocket in this runtime): that becomes stream state, not a render error. */
function subscribeSafely(socket: AgentSocket, token: string): () => void {
  try {
    return socket.subscribe(token);
  } catch (err) {
    socket.ingest({
      type: 'local_connection_failed',
      agenttoken: token,
      message: err instanceof Error ? err.message : 'Could not open the agent socket.',
    });
    return () => {};
  }
}
