/**
 * `<AgentChat sessions>` loads its sidebar (the conversations list, the layout and the sessions hook)
 * on demand, the first time it renders with `sessions`: a chat without it does not ship that code.
 * @packageDocumentation
 */
import { onDemand } from '../on-demand.js';
import type { SessionsChat } from '../sessions/SessionsChat.js';

/** The chat-with-sidebar component. */
export type SessionsChatComponent = typeof SessionsChat;

/** The chat-with-sidebar component, loaded on demand. */
export const sessionsChat = /* @__PURE__ */ onDemand<SessionsChatComponent>(() =>
  import('../sessions/SessionsChat.js').then((module) => module.SessionsChat),
);
