/**
 * `<AgentChat sessions>` loads its sidebar (the conversations list, the layout and the sessions hook)
 * on demand, the first time it renders with `sessions`: a chat without it does not ship that code.
 * Bundlers that split code fetch it as its own chunk.
 * @packageDocumentation
 */
import type { SessionsChat } from '../sessions/SessionsChat.js';

/** The chat-with-sidebar component. */
export type SessionsChatComponent = typeof SessionsChat;

let loaded: SessionsChatComponent | null = null;
let loading: Promise<SessionsChatComponent> | null = null;

/** The component, if it has already been loaded in this page. */
export function loadedSessionsChat(): SessionsChatComponent | null {
  return loaded;
}

/** Load the component (once per page). Rejects when its chunk cannot be fetched; a later call tries again. */
export function loadSessionsChat(): Promise<SessionsChatComponent> {
  loading ??= import('../sessions/SessionsChat.js').then(
    (module) => (loaded = module.SessionsChat),
    (error: unknown) => {
      loading = null;
      throw error;
    },
  );
  return loading;
}
