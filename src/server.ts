/**
 * `wiro-agent-react/server`: the server-side pieces that hold the Wiro API key. Import this only in
 * server code (route handlers, Node servers); nothing here is meant for a browser bundle.
 *
 * The REST client for server code that calls Wiro directly with the key (server components, jobs)
 * is `createAgentApi` from `wiro-agent-react/core`.
 * @packageDocumentation
 */
export { createAgentProxy } from './api/proxy.js';
export type {
  AgentProxyAuthorize,
  AgentProxyCors,
  AgentProxyOptions,
  AuthorizeContext,
  AuthorizeResult,
  FetchHandler,
  ProxyErrorContext,
} from './api/proxy.js';
export { toNodeHandler } from './api/node-adapter.js';
export type { NodeRequestListener } from './api/node-adapter.js';
export { signWiroRequest } from './api/sign.js';
export type { WiroAuthHeaders } from './api/sign.js';
export { AGENT_ENDPOINTS } from './api/types.js';
export type { AgentEndpoint } from './api/types.js';
