/**
 * `wiro-agent-react/server`: server-side pieces that hold the Wiro API key. Import this only in
 * server code (route handlers, Node servers); nothing here is meant for a browser bundle.
 * @packageDocumentation
 */
export { createAgentProxy } from './api/proxy';
export type {
  AgentProxyAuthorize,
  AgentProxyCors,
  AgentProxyOptions,
  AuthorizeContext,
  AuthorizeResult,
  FetchHandler,
  ProxyErrorContext,
} from './api/proxy';
export { toNodeHandler } from './api/node-adapter';
export type { NodeRequestListener } from './api/node-adapter';
export { createNonce, hmacSha256Hex, signWiroRequest } from './api/sign';
export type { WiroAuthHeaders } from './api/sign';
export { AGENT_ENDPOINTS } from './api/types';
export type { AgentEndpoint } from './api/types';
export type { FetchLike } from './api/client';
// The REST client, for server code that calls Wiro directly with the key (server components, jobs):
// the main entry is marked 'use client', so server code imports it from here.
export { createAgentApi, DEFAULT_WIRO_API_URL } from './api/client';
export type { AgentApiOptions, AgentApiHeaders } from './api/client';
export { WiroApiError, isWiroApiError } from './api/errors';
