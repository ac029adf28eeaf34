/**
 * The browser-safe REST client for Wiro's agent messaging API. The server proxy lives in
 * `wiro-agent-react/server` (src/server.ts), not here.
 * @packageDocumentation
 */
export { createAgentApi, DEFAULT_WIRO_API_URL } from './client';
export type { AgentApiHeaders, AgentApiOptions, FetchLike } from './client';
export { WiroApiError, isAbortError, isWiroApiError } from './errors';
export type { WiroApiErrorCode, WiroApiErrorInit } from './errors';
export { parseAttachments, parseMetadata, parseMessageRecord } from './normalize';
export { AGENT_ENDPOINTS } from './types';
export type * from './types';
