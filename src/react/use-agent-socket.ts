'use client';

import { useContext } from 'react';
import type { AgentSocket } from '../connection/types.js';
import { AgentSocketContext } from './context.js';

/**
 * The socket of the nearest {@link AgentSocketProvider}, for custom UIs (subscribe by hand, read the
 * store, `reconnectNow()`).
 *
 * @throws Error when there is no provider above: a wiring mistake, reported at once rather than as a
 * stream that never moves.
 */
export function useAgentSocket(): AgentSocket {
  const socket = useContext(AgentSocketContext);
  if (!socket) {
    throw new Error(
      'useAgentSocket: no <AgentSocketProvider> above this component. Wrap your app (or the chat) in one.',
    );
  }
  return socket;
}
