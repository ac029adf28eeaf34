'use client';

import { createContext, type Context } from 'react';
import type { AgentSocket } from '../connection/types.js';

/** The socket of the nearest `AgentSocketProvider`; `null` outside one. */
export const AgentSocketContext: Context<AgentSocket | null> = /* @__PURE__ */ namedContext();

// displayName is set inside a pure call: a top-level assignment would be a side effect that keeps the
// context (and everything it imports) in a bundle that never uses it.
function namedContext(): Context<AgentSocket | null> {
  const context = createContext<AgentSocket | null>(null);
  context.displayName = 'AgentSocketContext';
  return context;
}
