/**
 * `wiro-agent-react/server`: the server-side pieces that hold the Wiro API key: `createAgentProxy`
 * (agent messaging), `createTaskProxy` (model runs for an allowlist of models) and `toNodeHandler`.
 * Import this only in server code (route handlers, Node servers); nothing here is meant for a browser bundle.
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
  ProxyBaseOptions,
  ProxyErrorContext,
} from './api/proxy.js';
export { createTaskProxy } from './api/task-proxy.js';
export type {
  TaskAuthorizeContext,
  TaskAuthorizeFile,
  TaskProxyAuthorize,
  TaskProxyOptions,
} from './api/task-proxy.js';
export { toNodeHandler } from './api/node-adapter.js';
export type { NodeRequestLike, NodeRequestListener, NodeResponseLike } from './api/node-adapter.js';
export { signWiroRequest } from './api/sign.js';
export type { WiroAuthHeaders } from './api/sign.js';
export { AGENT_ENDPOINTS } from './api/types.js';
export type { AgentEndpoint } from './api/types.js';
export { TASK_ENDPOINTS } from './api/task-types.js';
export type { TaskEndpoint } from './api/task-types.js';
