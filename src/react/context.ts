import { createContext } from 'react';
import type { AgentSocket } from '../connection/types';

/** The socket of the nearest {@link AgentSocketProvider}; `null` outside one. */
export const AgentSocketContext = createContext<AgentSocket | null>(null);
AgentSocketContext.displayName = 'AgentSocketContext';
