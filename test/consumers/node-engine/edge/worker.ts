/**
 * Type-checked only: the proxy in a fetch-style runtime without Node's types (an edge worker), with
 * `skipLibCheck: false`, so any Node type leaking into `wiro-agent-react/server`'s declarations shows.
 */
import { createAgentProxy, type FetchHandler } from 'wiro-agent-react/server';

interface Env {
  WIRO_API_KEY: string;
  WIRO_API_SECRET: string;
  WIRO_AGENT_GUID: string;
}

export function proxyFor(env: Env): FetchHandler {
  return createAgentProxy({
    apiKey: env.WIRO_API_KEY,
    apiSecret: env.WIRO_API_SECRET,
    useragentguid: env.WIRO_AGENT_GUID,
  });
}
