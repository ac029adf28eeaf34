'use client';

import { useCallback, useContext, useSyncExternalStore } from 'react';
import { IDLE_CONNECTION } from '../store/store.js';
import type { ConnectionState } from '../store/types.js';
import { AgentSocketContext } from './context.js';

const noopSubscribe = (): (() => void) => () => {};
const idle = (): ConnectionState => IDLE_CONNECTION;

/**
 * State of the shared socket: `status` (`idle | connecting | open | reconnecting | closed`), reconnect
 * `attempt`, `lastError` and `nextRetryAt`. Follows `socket.watchConnection`: re-renders only when the
 * connection changes, and stream frames never run its listener.
 *
 * Outside an {@link AgentSocketProvider}, and during server rendering, returns the idle state.
 */
export function useAgentConnection(): ConnectionState {
  const socket = useContext(AgentSocketContext);
  const subscribe = useCallback(
    (listener: () => void) => (socket ? socket.watchConnection(listener) : noopSubscribe()),
    [socket],
  );
  const getSnapshot = useCallback(() => (socket ? socket.connection : IDLE_CONNECTION), [socket]);
  return useSyncExternalStore(subscribe, getSnapshot, idle);
}
